import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The body of the error and not-found pages: what happened, and a way on
 * (home, and "Try again" where trying again can help).
 */
export function ProblemPage({ title, children, retry }: { title: string; children: ReactNode; retry?: () => void }) {
  return (
    <section aria-labelledby="problem-heading" className="card" data-testid="problem-page">
      <h1 id="problem-heading">{title}</h1>
      {children}
      <div className="button-row">
        <Link href="/" className="button">
          Back to the home page
        </Link>
        {retry ? (
          <button type="button" className="button secondary" onClick={retry}>
            Try again
          </button>
        ) : null}
      </div>
    </section>
  );
}
