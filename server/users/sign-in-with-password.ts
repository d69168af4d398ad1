import { verifyPassword } from "../auth/password";
import type { SignInWithPasswordRequest } from "./sign-in-with-password.types";
import type { User, UserRepository } from "./user";

/** The member whose email and password these are, or null: the caller cannot tell which part was wrong. */
export async function signInWithPassword(options: {
  users: UserRepository;
  input: SignInWithPasswordRequest;
}): Promise<User | null> {
  const found = await options.users.findByEmailWithPassword(options.input.email);
  if (!found?.passwordHash) return null;
  if (!(await verifyPassword(found.passwordHash, options.input.password))) return null;
  const { passwordHash: _hash, ...user } = found;
  return user;
}
