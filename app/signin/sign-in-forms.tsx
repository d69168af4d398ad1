"use client";

import { useCsrfToken } from "../_components/use-csrf-token";

const PROVIDER_NAMES = { github: "GitHub", google: "Google" } as const;

/**
 * Plain HTML forms that post to Auth.js, so signing in works the same with or
 * without JavaScript once the CSRF token is in.
 */
export function SignInForms(props: { callbackUrl: string; oauthProviders: Array<keyof typeof PROVIDER_NAMES> }) {
  const csrfToken = useCsrfToken();
  const hidden = (
    <>
      <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
      <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
    </>
  );
  return (
    <div className="stack">
      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">With your account</h2>
        <form method="post" action="/api/auth/callback/password" className="form">
          {hidden}
          <label htmlFor="signin-email">Email</label>
          <input id="signin-email" name="email" type="email" autoComplete="email" required />
          <label htmlFor="signin-password">Password</label>
          <input id="signin-password" name="password" type="password" autoComplete="current-password" required />
          <button type="submit" disabled={!csrfToken}>
            Sign in
          </button>
        </form>
      </section>

      <section aria-labelledby="guest-heading" className="card">
        <h2 id="guest-heading">As a guest</h2>
        <p>Invited to a party? A display name is all you need.</p>
        <form method="post" action="/api/auth/callback/guest" className="form">
          {hidden}
          <label htmlFor="guest-name">Display name</label>
          <input id="guest-name" name="displayName" type="text" maxLength={40} autoComplete="nickname" required />
          <button type="submit" disabled={!csrfToken}>
            Continue as a guest
          </button>
        </form>
      </section>

      {props.oauthProviders.length > 0 ? (
        <section aria-labelledby="oauth-heading" className="card">
          <h2 id="oauth-heading">With another account</h2>
          {props.oauthProviders.map((id) => (
            <form key={id} method="post" action={`/api/auth/signin/${id}`}>
              {hidden}
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
