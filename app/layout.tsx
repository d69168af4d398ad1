import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Avatar } from "./_components/avatar";
import { currentUser } from "./_components/current-user";
import { SignOutButton } from "./_components/sign-out-button";
// The fonts ship with the app (npm packages, served from this origin): nothing is fetched from a font service.
import "@fontsource-variable/inter";
import "@fontsource-variable/bricolage-grotesque";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ballard Watch Party", template: "%s · Ballard Watch Party" },
  description: "Watch Ballard together: scheduled parties, one shared episode clock, chat and trivia.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Ballard Watch Party
          </Link>
          <nav aria-label="Account">
            {user ? (
              <>
                <Avatar name={user.name} size="sm" />
                <span className="who" data-testid="signed-in-as">
                  Signed in as <strong>{user.name}</strong>
                  {user.kind === "guest" ? " (guest)" : ""}
                </span>
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href="/signin">Sign in</Link>
                <Link href="/signup">Create an account</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
