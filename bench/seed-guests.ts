/**
 * Many signed-in guests at once, for the capacity benchmark (BENCH_SIGN_IN=bulk
 * in bench/serve.ts). Signing in through Auth.js's form (a CSRF request, then
 * the callback) costs several milliseconds per guest, minutes for 10,000; here
 * each guest is created through the user repository, as the guest provider
 * does, and its session cookie is encrypted with Auth.js's own `encode`, with
 * the claims the jwt callback (server/auth/auth-config.ts) puts in at sign-in.
 * The first cookie is read back through the real session reader, so a cookie
 * the server would not accept stops the benchmark at once.
 */
import { encode } from "@auth/core/jwt";
import { SESSION_IDLE_SECONDS } from "../server/auth/auth-config";
import type { SessionUser } from "../server/auth/session-user";
import type { UserRepository } from "../server/users/user";

const COOKIE_NAME = "authjs.session-token";
const AT_ONCE = 50;

export async function seedGuests(options: {
  users: UserRepository;
  authSecret: string;
  names: string[];
  readSession(cookieHeader: string): Promise<SessionUser | null>;
}): Promise<Array<{ cookie: string; userId: string }>> {
  const { users, authSecret, names } = options;
  const seeded: Array<{ cookie: string; userId: string }> = [];
  for (let at = 0; at < names.length; at += AT_ONCE) {
    const batch = await Promise.all(
      names.slice(at, at + AT_ONCE).map(async (name) => {
        const user = await users.createGuest({ name });
        const token = {
          name: user.name,
          email: user.email,
          sub: user.id,
          kind: user.kind,
          sessionVersion: (await users.sessionVersion(user.id)) ?? 0,
          signedInAt: Math.floor(Date.now() / 1000),
        };
        const value = await encode({ token, secret: authSecret, salt: COOKIE_NAME, maxAge: SESSION_IDLE_SECONDS });
        return { cookie: `${COOKIE_NAME}=${value}`, userId: user.id };
      }),
    );
    seeded.push(...batch);
  }
  const first = seeded[0];
  if (first && (await options.readSession(first.cookie))?.id !== first.userId) throw new Error("a bulk-minted session cookie was not accepted");
  return seeded;
}
