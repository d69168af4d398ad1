import { Auth, type AuthConfig } from "@auth/core";
import { JWTSessionError } from "@auth/core/errors";
import type { JWT } from "@auth/core/jwt";
import type { Session } from "@auth/core/types";
import { z } from "zod";
import { AUTH_BASE_PATH, SESSION_ABSOLUTE_SECONDS } from "./auth-config";
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
async function sessionFromCookie(config: AuthConfig, name: string, value: string): Promise<(Session & { endsAt: number }) | null> {
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
  const read = session ? ((await session({ session: base, token } as Parameters<typeof session>[0])) as Session) : base;
  return { ...read, endsAt: sessionEndsAt(token) };
}

/**
 * When a session read from this token ends (ms): its idle expiry (`exp`, set
 * at its last renewal) or its absolute lifetime from sign-in, whichever
 * comes first. An open socket is closed then (create-realtime-server.ts).
 */
function sessionEndsAt(token: JWT): number {
  const idle = typeof token.exp === "number" ? token.exp * 1000 : Infinity;
  const absolute = typeof token.signedInAt === "number" ? (token.signedInAt + SESSION_ABSOLUTE_SECONDS) * 1000 : Infinity;
  return Math.min(idle, absolute);
}

/**
 * Reads the signed-in user from a Cookie header with Auth.js's own decoding
 * and callbacks, so a page, a route handler and a Socket.IO handshake see the
 * same session. The jwt callback checks the session version on the user's row
 * (one primary-key query; auth-config.ts).
 */
export async function readSession(config: AuthConfig, cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const read = await readSessionUntil(config, cookieHeader);
  if (!read) return null;
  const { sessionEndsAt: _endsAt, ...user } = read;
  return user;
}

/** A signed-in user and when their session ends (ms since the epoch): what a socket handshake keeps. */
export type TimedSessionUser = SessionUser & { sessionEndsAt: number };

/** readSession, with the instant the session ends (its idle expiry or its absolute lifetime, the earlier). */
export async function readSessionUntil(config: AuthConfig, cookieHeader: string | null | undefined): Promise<TimedSessionUser | null> {
  const cookie = cookieHeader ? findSessionCookie(cookieHeader) : null;
  if (!cookieHeader || !cookie) return null;
  const session =
    cookie.value === undefined
      ? await sessionThroughEndpoint(config, cookieHeader, cookie.secure)
      : await sessionFromCookie(config, cookie.name, cookie.value);
  const parsed = sessionSchema.safeParse(session);
  if (!parsed.success) return null;
  const { user } = parsed.data;
  // A chunked cookie's session comes through the endpoint, which says when it expires.
  const endsAt = (session as { endsAt?: unknown }).endsAt;
  const expires = Date.parse(String((session as { expires?: unknown }).expires ?? ""));
  const sessionEndsAt = typeof endsAt === "number" ? endsAt : Number.isFinite(expires) ? expires : Infinity;
  return { id: user.id, name: user.name, email: user.email || null, kind: user.kind, sessionEndsAt };
}
