import { Auth, type AuthConfig } from "@auth/core";
import { JWTSessionError } from "@auth/core/errors";
import type { JWT } from "@auth/core/jwt";
import type { Session } from "@auth/core/types";
import { z } from "zod";
import { AUTH_BASE_PATH } from "./auth-config";
import { createSessionTokenDecoder } from "./decode-session-token";
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

/** The session as Auth.js's session endpoint answers it, for a session cookie too large for one cookie (chunked). */
async function sessionThroughEndpoint(config: AuthConfig, cookieHeader: string, secure: boolean): Promise<unknown> {
  const response = await sessionResponse(config, cookieHeader, secure);
  return response.ok ? response.json() : null;
}

/** Each configuration's decoder, which derives its keys once. */
const decoders = new WeakMap<AuthConfig, ReturnType<typeof createSessionTokenDecoder>>();
function decoderOf(config: AuthConfig): ReturnType<typeof createSessionTokenDecoder> {
  let decoder = decoders.get(config);
  if (!decoder) decoders.set(config, (decoder = createSessionTokenDecoder(config.secret ?? "")));
  return decoder;
}

/**
 * What Auth.js's session endpoint does for a JWT session, without its request,
 * response and re-issued cookie (a read here sets no cookie; the HTTP edge
 * renews it, renew-session.ts): decrypt the cookie (Auth.js's `decode`, with
 * its key derived once: decode-session-token.ts), run the jwt callback on it
 * (the session version and the absolute lifetime, auth-config.ts) and the
 * session callback. A cookie that does not
 * decrypt is logged as the endpoint logs it.
 */
async function sessionFromCookie(config: AuthConfig, name: string, value: string): Promise<Session | null> {
  let payload: JWT | null;
  try {
    payload = (await decoderOf(config)(value, name)) as JWT;
  } catch (error) {
    config.logger?.error?.(new JWTSessionError(undefined, { cause: { err: error } }));
    return null;
  }
  const { jwt, session } = config.callbacks ?? {};
  const token = jwt ? await jwt({ token: payload } as Parameters<typeof jwt>[0]) : payload;
  if (!token) return null;
  const base = { user: { name: token.name, email: token.email, image: token.picture }, expires: "" };
  return session ? ((await session({ session: base, token } as Parameters<typeof session>[0])) as Session) : base;
}

/**
 * Reads the signed-in user from a Cookie header with Auth.js's own decoding
 * and callbacks, so a page, a route handler and a Socket.IO handshake see the
 * same session. The jwt callback checks the session version on the user's row
 * (one primary-key query; auth-config.ts).
 */
export async function readSession(config: AuthConfig, cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const cookie = cookieHeader ? findSessionCookie(cookieHeader) : null;
  if (!cookieHeader || !cookie) return null;
  const session =
    cookie.value === undefined
      ? await sessionThroughEndpoint(config, cookieHeader, cookie.secure)
      : await sessionFromCookie(config, cookie.name, cookie.value);
  const parsed = sessionSchema.safeParse(session);
  if (!parsed.success) return null;
  const { user } = parsed.data;
  return { id: user.id, name: user.name, email: user.email || null, kind: user.kind };
}
