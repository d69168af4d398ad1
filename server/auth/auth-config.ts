import type { AuthConfig } from "@auth/core";
import { CredentialsSignin } from "@auth/core/errors";
import Credentials from "@auth/core/providers/credentials";
import GitHub from "@auth/core/providers/github";
import Google from "@auth/core/providers/google";
import type { Provider } from "@auth/core/providers";
import type { Logger } from "pino";
import type { Env } from "../env";
import { createGuest } from "../users/create-guest";
import { createGuestRequestSchema } from "../users/create-guest.types";
import { signInWithPassword } from "../users/sign-in-with-password";
import { signInWithPasswordRequestSchema } from "../users/sign-in-with-password.types";
import type { User, UserRepository } from "../users/user";

export const AUTH_BASE_PATH = "/api/auth";

/** Codes in the sign-in page's URL after a refused sign-in; the page words them. */
export const SIGN_IN_ERROR_CODES = ["wrong_credentials", "invalid_display_name"] as const;
export type SignInErrorCode = (typeof SIGN_IN_ERROR_CODES)[number];

class WrongCredentials extends CredentialsSignin {
  override code: SignInErrorCode = "wrong_credentials";
}

class InvalidDisplayName extends CredentialsSignin {
  override code: SignInErrorCode = "invalid_display_name";
}

const toAuthUser = (user: User) => ({ id: user.id, name: user.name, email: user.email, kind: user.kind });

export function oauthProviderIds(env: Pick<Env, "oauth">): Array<"github" | "google"> {
  return (["github", "google"] as const).filter((id) => env.oauth[id]);
}

export function createAuthConfig(deps: {
  env: Pick<Env, "authSecret" | "authUrl" | "oauth">;
  users: UserRepository;
  logger: Logger;
}): AuthConfig {
  const { env, users, logger } = deps;
  const providers: Provider[] = [
    Credentials({
      id: "password",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const input = signInWithPasswordRequestSchema.safeParse(raw);
        const user = input.success ? await signInWithPassword({ users, input: input.data }) : null;
        if (!user) throw new WrongCredentials();
        return toAuthUser(user);
      },
    }),
    Credentials({
      id: "guest",
      name: "Guest",
      credentials: { displayName: { label: "Display name", type: "text" } },
      async authorize(raw) {
        const input = createGuestRequestSchema.safeParse(raw);
        if (!input.success) throw new InvalidDisplayName();
        return toAuthUser(await createGuest({ users, input: input.data }));
      },
    }),
  ];
  if (env.oauth.github) providers.push(GitHub(env.oauth.github));
  if (env.oauth.google) providers.push(Google(env.oauth.google));

  return {
    basePath: AUTH_BASE_PATH,
    secret: env.authSecret,
    trustHost: true,
    useSecureCookies: env.authUrl?.startsWith("https:") ?? false,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    logger: {
      error: (error) => logger.warn({ err: error }, "auth error"),
      warn: (code) => logger.warn({ code }, "auth warning"),
      debug: () => undefined,
    },
    callbacks: {
      async jwt({ token, user, account }) {
        if (!account || !user) return token;
        if (account.type === "oauth" || account.type === "oidc") {
          const member = await users.upsertOAuthUser({
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            name: user.name ?? "Viewer",
            email: user.email ?? null,
          });
          return { ...token, sub: member.id, name: member.name, email: member.email, kind: member.kind };
        }
        return { ...token, sub: user.id, name: user.name, email: user.email, kind: user.kind };
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
