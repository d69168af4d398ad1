/**
 * Many signed-in guests at once, for the capacity benchmark (BENCH_SIGN_IN=bulk
 * in bench/serve.ts). Signing in through Auth.js's form (a CSRF request, then
 * the callback) costs several milliseconds per guest, minutes for 10,000; here
 * each guest is created through the user repository, as the guest provider
 * does (without its per-address allowance: every guest here comes from one
 * address), its claims made by the app's own jwt callback (server/auth/auth-config.ts)
 * as at a sign-in, and its session cookie encrypted with Auth.js's own `encode`.
 * The first cookie is read back through the real session reader, so a cookie
 * the server would not accept stops the benchmark at once.
 */
import { encode } from "@auth/core/jwt";
import type { Logger } from "pino";
import { createAuthConfig, SESSION_IDLE_SECONDS } from "../server/auth/auth-config";
import type { SessionUser } from "../server/auth/session-user";
import type { AccountLimiters } from "../server/users/account-limits";
import type { UserRepository } from "../server/users/user";

const COOKIE_NAME = "authjs.session-token";
const AT_ONCE = 50;

export async function seedGuests(options: {
  users: UserRepository;
  limiters: AccountLimiters;
  logger: Logger;
  authSecret: string;
  names: string[];
  readSession(cookieHeader: string): Promise<SessionUser | null>;
}): Promise<Array<{ cookie: string; userId: string }>> {
  const { users, authSecret, names } = options;
  // The app's own jwt callback makes each session's claims, as at a guest sign-in.
  const { jwt } = createAuthConfig({ env: { authSecret, oauth: {} }, users, limiters: options.limiters, onSignOut: async () => {}, logger: options.logger }).callbacks!;
  const seeded: Array<{ cookie: string; userId: string }> = [];
  for (let at = 0; at < names.length; at += AT_ONCE) {
    const batch = await Promise.all(
      names.slice(at, at + AT_ONCE).map(async (name) => {
        const user = await users.createGuest({ name });
        const token = await jwt!({
          token: { name: user.name, email: user.email, sub: user.id },
          user: { id: user.id, name: user.name, email: user.email, kind: user.kind },
          account: { type: "credentials", provider: "guest", providerAccountId: user.id },
          trigger: "signIn",
        });
        if (!token) throw new Error("the jwt callback refused a new guest");
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
