"use client";

import ErrorPage from "./error";
import "./globals.css";

/** When the root layout itself fails: the same page, in a document of its own. */
export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <ErrorPage {...props} />
        </main>
      </body>
    </html>
  );
}
