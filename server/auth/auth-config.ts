import type { AuthConfig } from "@auth/core";
import { CredentialsSignin } from "@auth/core/errors";
import Credentials from "@auth/core/providers/credentials";
import GitHub from "@auth/core/providers/github";
import Google from "@auth/core/providers/google";
import type { Provider } from "@auth/core/providers";
import type { Logger } from "pino";
import type { Env } from "../env";
import { isAppError } from "../errors";
import { clientAddressOf } from "../http/forwarded";
import { localRedirect } from "../../shared/local-callback";
import type { AccountLimiters } from "../users/account-limits";
import { createGuest } from "../users/create-guest";
import { createGuestRequestSchema } from "../users/create-guest.types";
import { signInWithPassword } from "../users/sign-in-with-password";
import { signInWithPasswordRequestSchema } from "../users/sign-in-with-password.types";
import type { User, UserRepository } from "../users/user";

export const AUTH_BASE_PATH = "/api/auth";

/** Codes in the sign-in page's URL after a refused sign-in; the page words them. */
export const SIGN_IN_ERROR_CODES = ["wrong_credentials", "invalid_display_name", "too_many_attempts", "too_many_guests"] as const;
export type SignInErrorCode = (typeof SIGN_IN_ERROR_CODES)[number];

function signInError(code: SignInErrorCode): CredentialsSignin {
  const error = new CredentialsSignin();
  error.code = code;
  return error;
}

/** Runs a sign-in action; a RATE_LIMITED refusal becomes the sign-in page's code for it. */
async function orSignInError<T>(action: Promise<T>, limitedCode: SignInErrorCode): Promise<T> {
  try {
    return await action;
  } catch (error) {
    if (isAppError(error) && error.code === "RATE_LIMITED") throw signInError(limitedCode);
    throw error;
  }
}

/**
 * Sessions last SESSION_IDLE_SECONDS after the last renewal; a cookie older
 * than SESSION_RENEW_AFTER_SECONDS is re-issued by the HTTP edge
 * (renew-session.ts), and no session outlives SESSION_ABSOLUTE_SECONDS from
 * its sign-in.
 */
export const SESSION_IDLE_SECONDS = 14 * 24 * 60 * 60;
export const SESSION_RENEW_AFTER_SECONDS = 24 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 90 * 24 * 60 * 60;

const toAuthUser = (user: User) => ({ id: user.id, name: user.name, email: user.email, kind: user.kind });

export function oauthProviderIds(env: Pick<Env, "oauth">): Array<"github" | "google"> {
  return (["github", "google"] as const).filter((id) => env.oauth[id]);
}

/**
 * Auth.js errors a request can cause by itself: a forged or stale cookie, a
 * missing or wrong CSRF token, a refused sign-in, an unknown action or callback
 * URL. They are the client's doing, so they are logged as one line without a
 * stack (a storm of forged cookies must not flood the log with traces);
 * anything else (a failing database in a callback, a misconfiguration) keeps
 * its stack, at error level.
 */
const CLIENT_CAUSED_AUTH_ERRORS = new Set([
  "JWTSessionError",
  "SessionTokenError",
  "MissingCSRF",
  "InvalidCheck",
  "CredentialsSignin",
  "UnknownAction",
  "InvalidCallbackUrl",
  "InvalidProvider",
  "UntrustedHost",
  "Verification",
  "AccessDenied",
  "OAuthCallbackError",
  "OAuthAccountNotLinked",
]);

function logAuthError(logger: Logger, error: Error): void {
  const type = (error as { type?: unknown }).type;
  if (typeof type === "string" && CLIENT_CAUSED_AUTH_ERRORS.has(type)) {
    logger.warn({ authError: type }, "auth refused a request: %s", error.message.split("\n")[0]);
    return;
  }
  logger.error({ err: error }, "auth error");
}

export function createAuthConfig(deps: {
  env: Pick<Env, "authSecret" | "oauth">;
  users: UserRepository;
  limiters: AccountLimiters;
  /** Called with the user's id when they sign out (ends all their sessions). */
  onSignOut(userId: string): Promise<void>;
  logger: Logger;
}): AuthConfig {
  const { env, users, limiters, logger } = deps;
  const providers: Provider[] = [
    Credentials({
      id: "password",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const input = signInWithPasswordRequestSchema.safeParse(raw);
        if (!input.success) throw signInError("wrong_credentials");
        const signIn = signInWithPassword({ users, limiters, input: input.data, clientAddress: clientAddressOf(request) });
        const user = await orSignInError(signIn, "too_many_attempts");
        if (!user) throw signInError("wrong_credentials");
        return toAuthUser(user);
      },
    }),
    Credentials({
      id: "guest",
      name: "Guest",
      credentials: { displayName: { label: "Display name", type: "text" } },
      async authorize(raw, request) {
        const input = createGuestRequestSchema.safeParse(raw);
        if (!input.success) throw signInError("invalid_display_name");
        const guest = createGuest({ users, limiters, input: input.data, clientAddress: clientAddressOf(request) });
        return toAuthUser(await orSignInError(guest, "too_many_guests"));
      },
    }),
  ];
  if (env.oauth.github) providers.push(GitHub(env.oauth.github));
  if (env.oauth.google) providers.push(Google(env.oauth.google));

  return {
    basePath: AUTH_BASE_PATH,
    secret: env.authSecret,
    trustHost: true,
    // No useSecureCookies: Auth.js then uses __Secure- cookies exactly when the
    // request's public URL (AUTH_URL, or a trusted X-Forwarded-Proto) is https.
    // JWT sessions: Auth.js's database sessions do not work with Credentials
    // providers; the session version below makes sign-out effective instead.
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: SESSION_RENEW_AFTER_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    logger: {
      error: (error) => logAuthError(logger, error),
      warn: (code) => logger.warn({ code }, "auth warning"),
      debug: () => undefined,
    },
    events: {
      async signOut(message) {
        const userId = "token" in message ? message.token?.sub : undefined;
        if (userId) await deps.onSignOut(userId);
      },
    },
    callbacks: {
      // Where to go after signing in or out: a path on this site, or a URL of
      // this origin (local-callback.ts: no backslash, encoded slash or
      // protocol-relative form); anything else (another site, text that is no
      // URL such as `callbackUrl=__proto__`, which Auth.js's default would
      // throw on) goes home.
      redirect({ url, baseUrl }) {
        return localRedirect(url, baseUrl);
      },
      // At sign-in: who, and the session version and time it starts with.
      // On every read (pages, API, socket handshake): one primary-key query for
      // the version; an older one (signed out since) or an expired sign-in ends
      // the session and Auth.js clears the cookie.
      async jwt({ token, user, account }) {
        if (!account || !user) {
          const tooOld = (token.signedInAt ?? 0) + SESSION_ABSOLUTE_SECONDS < Date.now() / 1000;
          if (!token.sub || tooOld) return null;
          return (await users.sessionVersion(token.sub)) === token.sessionVersion ? token : null;
        }
        const member =
          account.type === "oauth" || account.type === "oidc"
            ? await users.upsertOAuthUser({
                provider: account.provider,
                providerAccountId: account.providerAccountId,
                name: user.name ?? "Viewer",
                email: user.email ?? null,
              })
            : { id: user.id ?? "", name: user.name ?? "", email: user.email ?? null, kind: user.kind ?? "member" };
        return {
          ...token,
          sub: member.id,
          name: member.name,
          email: member.email,
          kind: member.kind,
          sessionVersion: (await users.sessionVersion(member.id)) ?? 0,
          signedInAt: Math.floor(Date.now() / 1000),
        };
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: token.sub ?? "", name: token.name ?? "", email: token.email ?? "", kind: token.kind ?? "member" },
        };
      },
    },
  };
}
