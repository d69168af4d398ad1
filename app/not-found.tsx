import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** Replaces Next.js's built-in 404, whose inline styles the CSP blocks. */
export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">See the upcoming parties</Link>.
      </p>
    </>
  );
}
