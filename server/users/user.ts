/** A person who can join parties: a member with an account, or a guest who gave only a name. */
export interface User {
  id: string;
  name: string;
  email: string | null;
  kind: "member" | "guest";
}

export interface UserWithPassword extends User {
  passwordHash: string | null;
}

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmailWithPassword(email: string): Promise<UserWithPassword | null>;
  /** Returns null when the email is taken. */
  createMember(input: { name: string; email: string; passwordHash: string }): Promise<User | null>;
  createGuest(input: { name: string }): Promise<User>;
  /** The version every session of this user must carry (raised on sign-out); null for an unknown user. */
  sessionVersion(id: string): Promise<number | null>;
  /** Raises the session version: every session issued so far stops working. */
  endSessions(id: string): Promise<void>;
  /** The user tied to an OAuth account, created on first sign-in. */
  upsertOAuthUser(input: { provider: string; providerAccountId: string; name: string; email: string | null }): Promise<User>;
}
