import { AUTH_BASE_PATH } from "./auth-config";

/** The credentials providers every deployment has (server/auth/auth-config.ts). */
const BUILT_IN_PROVIDERS = ["password", "guest"] as const;

/**
 * Whether a path under /api/auth names only providers this deployment has.
 * Auth.js's actions with a provider (`/signin/<id>`, `/callback/<id>`,
 * `/webauthn-options/<id>`) must name one of them; the others (csrf, session,
 * providers, signout, error, …) have no second part and are Auth.js's to answer.
 */
export function knownAuthPath(pathname: string, oauthProviders: readonly string[]): boolean {
  const [, provider, ...rest] = pathname.slice(AUTH_BASE_PATH.length + 1).split("/");
  if (rest.length > 0) return false;
  if (provider === undefined || provider === "") return true;
  return [...BUILT_IN_PROVIDERS, ...oauthProviders].includes(provider);
}
