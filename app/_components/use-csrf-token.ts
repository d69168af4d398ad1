"use client";

import { useEffect, useState } from "react";

/** Auth.js's double-submit CSRF token, fetched once; forms that post to Auth.js carry it. */
export function useCsrfToken(): string | null {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/auth/csrf")
      .then((r) => r.json() as Promise<{ csrfToken: string }>)
      .then((body) => live && setToken(body.csrfToken))
      .catch(() => live && setToken(null));
    return () => {
      live = false;
    };
  }, []);
  return token;
}
