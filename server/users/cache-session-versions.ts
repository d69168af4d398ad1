import { keepUntilWrite } from "../db/keep-until-write";
import type { UserRepository } from "./user";

/** How many users' session versions are kept (the oldest goes first). */
export const CACHED_SESSION_VERSIONS = 50_000;

/**
 * The user repository with each user's session version (read on every
 * session check: a page, an API call, a socket handshake) kept until
 * `endSessions` raises it through this same repository (keep-until-write.ts),
 * so sign-out everywhere ends every session at once, as before. Only for a
 * process that is the only writer of its database; composeApp does not use it
 * with several processes (Redis), where a sign-out on another process would
 * not reach it.
 */
export function cacheSessionVersions(users: UserRepository): UserRepository {
  const cache = keepUntilWrite(CACHED_SESSION_VERSIONS);
  return {
    ...users,
    sessionVersion: (id) => cache.read(id, "version", () => users.sessionVersion(id)),
    endSessions: (id) => cache.write(id, () => users.endSessions(id)),
  };
}
