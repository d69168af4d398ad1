import { passwordHashForUnknownUser, verifyPassword } from "./password";
import { ensureSignInAllowed, recordSignInFailure, recordSignInSuccess, type AccountLimiters } from "./account-limits";
import type { SignInWithPasswordRequest } from "./sign-in-with-password.types";
import type { User, UserRepository } from "./user";

/**
 * The member whose email and password these are, or null: the caller cannot
 * tell which part was wrong, not even by the time it takes (an unknown email is
 * verified against a dummy hash). Throws RATE_LIMITED while the email or the
 * client's address is waiting out its backoff.
 */
export async function signInWithPassword(options: {
  users: UserRepository;
  limiters: AccountLimiters;
  input: SignInWithPasswordRequest;
  clientAddress: string;
  /** The password check (argon2id); a test can wrap it to see that it ran. */
  verify?: typeof verifyPassword;
}): Promise<User | null> {
  const { users, limiters, input, verify = verifyPassword } = options;
  const who = { email: input.email, address: options.clientAddress };
  await ensureSignInAllowed(limiters, who);
  const found = await users.findByEmailWithPassword(input.email);
  const matches = await verify(found?.passwordHash ?? (await passwordHashForUnknownUser()), input.password);
  if (!found?.passwordHash || !matches) {
    await recordSignInFailure(limiters, who);
    return null;
  }
  await recordSignInSuccess(limiters, who);
  const { passwordHash: _hash, ...user } = found;
  return user;
}
