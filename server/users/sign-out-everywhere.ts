import type { UserRepository } from "./user";

/**
 * Ends every session of a user: the cookies issued so far stop working on
 * pages, the API and the socket handshake, and open sockets are closed.
 */
export async function signOutEverywhere(options: {
  users: UserRepository;
  realtime: { endUserSessions(userId: string): Promise<void> };
  userId: string;
}): Promise<void> {
  await options.users.endSessions(options.userId);
  await options.realtime.endUserSessions(options.userId);
}
