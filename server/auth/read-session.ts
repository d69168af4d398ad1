import { Auth, type AuthConfig } from "@auth/core";
import { z } from "zod";
import { AUTH_BASE_PATH } from "./auth-config";
import { findSessionCookie } from "./session-cookie";
import type { SessionUser } from "./session-user";

const sessionSchema = z.object({
  user: z.object({
    id: z.string().min(1),
    name: z.string(),
    email: z.string().nullish(),
    kind: z.enum(["member", "guest"]),
  }),
});

/**
 * Auth.js's session endpoint for a Cookie header, in-process. The origin only
 * picks the cookie names: https for a __Secure- session cookie.
 */
export function sessionResponse(config: AuthConfig, cookieHeader: string, secure: boolean): Promise<Response> {
  const origin = secure ? "https://localhost" : "http://localhost";
  return Auth(new Request(`${origin}${AUTH_BASE_PATH}/session`, { headers: { cookie: cookieHeader } }), config);
}

/**
 * Reads the signed-in user from a Cookie header through Auth.js itself, so a
 * page, a route handler and a Socket.IO handshake see the same session. Auth.js
 * decrypts the cookie and calls the jwt callback, which checks the session
 * version on the user's row (one primary-key query; auth-config.ts).
 */
export async function readSession(config: AuthConfig, cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const cookie = cookieHeader ? findSessionCookie(cookieHeader) : null;
  if (!cookieHeader || !cookie) return null;
  const response = await sessionResponse(config, cookieHeader, cookie.secure);
  if (!response.ok) return null;
  const parsed = sessionSchema.safeParse(await response.json());
  if (!parsed.success) return null;
  const { user } = parsed.data;
  return { id: user.id, name: user.name, email: user.email || null, kind: user.kind };
}
