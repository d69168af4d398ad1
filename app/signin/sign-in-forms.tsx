"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { ErrorAlert } from "../_components/error-alert";
import { postToAuth } from "../_components/post-to-auth";
import { sendJson } from "../_components/send-json";
import { useCsrfToken } from "../_components/use-csrf-token";

const PROVIDER_NAMES = { github: "GitHub", google: "Google" } as const;

/** After a guest signs in from an invitation: answer it as going (the party may put them on its waitlist). */
export type JoinAsGoing = { partyId: string; invite: string | null };

/**
 * A form that posts to Auth.js: a plain HTML form (it works before the script
 * runs), which the script sends itself so that a refusal keeps what was typed
 * and the way back, and shows why on the spot.
 */
function AuthForm(props: {
  action: string;
  callbackUrl: string;
  csrfToken: string | null;
  submitLabel: string;
  busyLabel: string;
  errorTestId: string;
  afterSignIn?: () => Promise<void>;
  children: ReactNode;
  className?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = Object.fromEntries([...new FormData(event.currentTarget)].map(([k, v]) => [k, String(v)]));
    setBusy(true);
    setError(null);
    const result = await postToAuth(props.action, fields);
    if (!result.ok) {
      setError(result.message);
      setBusy(false);
      return;
    }
    await props.afterSignIn?.();
    // A full load: the pages read the new session cookie on the server.
    window.location.assign(result.url);
  }
  return (
    <form method="post" action={props.action} className={props.className ?? "form"} onSubmit={onSubmit}>
      <input type="hidden" name="csrfToken" value={props.csrfToken ?? ""} />
      <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
      <ErrorAlert message={error} testId={props.errorTestId} />
      {props.children}
      <button type="submit" disabled={!props.csrfToken || busy}>
        {busy ? props.busyLabel : props.submitLabel}
      </button>
    </form>
  );
}

/** Email and password. */
export function PasswordSignIn(props: { callbackUrl: string; csrfToken: string | null }) {
  return (
    <AuthForm
      action="/api/auth/callback/password"
      callbackUrl={props.callbackUrl}
      csrfToken={props.csrfToken}
      submitLabel="Sign in"
      busyLabel="Signing in…"
      errorTestId="signin-error"
    >
      <label htmlFor="signin-email">Email</label>
      <input id="signin-email" name="email" type="email" autoComplete="email" required />
      <label htmlFor="signin-password">Password</label>
      <input id="signin-password" name="password" type="password" autoComplete="current-password" required />
    </AuthForm>
  );
}

/** A display name is all a guest needs; from an invitation it also answers "going". */
export function GuestJoin(props: { callbackUrl: string; csrfToken: string | null; join?: JoinAsGoing; label?: string; submitLabel?: string }) {
  const join = props.join;
  return (
    <AuthForm
      action="/api/auth/callback/guest"
      callbackUrl={props.callbackUrl}
      csrfToken={props.csrfToken}
      submitLabel={props.submitLabel ?? "Continue as a guest"}
      busyLabel="Joining…"
      errorTestId="guest-signin-error"
      className="form guest-join"
      afterSignIn={
        join
          ? async () => {
              await sendJson(`/api/parties/${join.partyId}/rsvp`, "POST", { status: "going", ...(join.invite ? { invite: join.invite } : {}) });
            }
          : undefined
      }
    >
      <label htmlFor="guest-name">{props.label ?? "Display name"}</label>
      <input
        id="guest-name"
        name="displayName"
        type="text"
        maxLength={40}
        autoComplete="nickname"
        required
      />
    </AuthForm>
  );
}

/** The sign-in page's forms: an account first, a guest's name, other accounts. */
export function SignInForms(props: { callbackUrl: string; oauthProviders: Array<keyof typeof PROVIDER_NAMES> }) {
  const csrfToken = useCsrfToken();
  return (
    <div className="stack">
      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">With your account</h2>
        <PasswordSignIn callbackUrl={props.callbackUrl} csrfToken={csrfToken} />
      </section>

      <section aria-labelledby="guest-heading" className="card">
        <h2 id="guest-heading">As a guest</h2>
        <p>Invited to a party? A display name is all you need.</p>
        <GuestJoin callbackUrl={props.callbackUrl} csrfToken={csrfToken} />
      </section>

      {props.oauthProviders.length > 0 ? (
        <section aria-labelledby="oauth-heading" className="card">
          <h2 id="oauth-heading">With another account</h2>
          {props.oauthProviders.map((id) => (
            <form key={id} method="post" action={`/api/auth/signin/${id}`}>
              <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
              <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
              <button type="submit" disabled={!csrfToken}>
                Sign in with {PROVIDER_NAMES[id]}
              </button>
            </form>
          ))}
        </section>
      ) : null}
    </div>
  );
}

/** The invitation's first thing for someone not signed in: their name, then in. Signing in comes second. */
export function InviteJoin(props: { callbackUrl: string; join: JoinAsGoing; signInHref: string; full: boolean }) {
  const csrfToken = useCsrfToken();
  return (
    <>
      <GuestJoin callbackUrl={props.callbackUrl} csrfToken={csrfToken} join={props.join} label="Your name" submitLabel="Join the party" />
      <p className="hint">
        {props.full ? "The party is full: joining puts you on its waitlist, and you move up when a place frees. " : "Joining says you are going. "}
        Have an account?{" "}
        <a href={props.signInHref} data-testid="invite-sign-in">
          Sign in instead
        </a>
        .
      </p>
    </>
  );
}
