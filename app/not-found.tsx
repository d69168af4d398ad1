import type { Metadata } from "next";
import Link from "next/link";
import { ProblemPage } from "./_components/problem-page";

export const metadata: Metadata = { title: "Page not found" };

/** Unknown URLs, and parties that do not exist or that this viewer may not see (`notFound()`). */
export default function NotFound() {
  return (
    <ProblemPage title="Page not found">
      <p>
        There is nothing here. If someone sent you a link to an unlisted party, check that you have all of it, including
        the part after <code>?invite=</code>.
      </p>
      <p>
        <Link href="/my">My parties</Link> lists the parties you host and answered.
      </p>
    </ProblemPage>
  );
}
