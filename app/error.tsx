"use client";

import { ProblemPage } from "./_components/problem-page";

/**
 * A page that failed on the server or in the browser, inside the site's
 * layout. Next.js sends no detail of a server error to the browser, only its
 * digest, which is also in the server's log.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <>
      <title>Something went wrong · Ballard Watch Party</title>
      <ProblemPage title="Something went wrong" retry={retry}>
        <p role="alert">This page could not be shown. Try again, or start from the home page.</p>
        {digest ? <p className="hint">Reference for the site&apos;s maintainers: {digest}</p> : null}
      </ProblemPage>
    </>
  );
}
