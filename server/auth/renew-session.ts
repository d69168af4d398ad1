import type { AuthConfig } from "@auth/core";
import { decode } from "@auth/core/jwt";
import { sessionResponse } from "./read-session";
import { findSessionCookie } from "./session-cookie";

/**
 * Sliding sessions. Pages read the session in-process and cannot set cookies,
 * so the HTTP edge calls this for every request with cookies: when the session
 * cookie was issued more than `renewAfterSeconds` ago, Auth.js's session
 * endpoint re-issues it (a fresh idle lifetime, after the same checks as any
 * read, so a revoked one is cleared instead) and the edge forwards its
 * Set-Cookie headers to the browser. Otherwise nothing is read from the database.
 */
export async function renewSession(config: AuthConfig, cookieHeader: string, renewAfterSeconds: number): Promise<string[]> {
  const cookie = findSessionCookie(cookieHeader);
  if (!cookie) return [];
  if (cookie.value !== undefined) {
    const secret = config.secret ?? "";
    const payload = await decode({ token: cookie.value, secret, salt: cookie.name }).catch(() => null);
    const issuedAt = payload?.iat;
    if (typeof issuedAt === "number" && Date.now() / 1000 - issuedAt < renewAfterSeconds) return [];
  }
  const response = await sessionResponse(config, cookieHeader, cookie.secure);
  // Only the session cookie (and its chunks): Auth.js's CSRF and callback-URL
  // cookies of this in-process request are not the browser's business.
  return response.headers.getSetCookie().filter((c) => c.startsWith(`${cookie.name}=`) || c.startsWith(`${cookie.name}.`));
}
