"use client";

import { useCsrfToken } from "./use-csrf-token";

export function SignOutButton() {
  const csrfToken = useCsrfToken();
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
      <input type="hidden" name="callbackUrl" value="/" />
      <button type="submit" className="link-button" disabled={!csrfToken}>
        Sign out
      </button>
    </form>
  );
}
