import { hashPassword } from "./password";
import { AppError } from "../errors";
import { consumeAllowance, type AccountLimiters } from "./account-limits";
import type { CreateAccountRequest, CreateAccountResponse } from "./create-account.types";
import type { UserRepository } from "./user";

/**
 * Creates a member. A taken email is said plainly (409): people forget they
 * have an account, and the per-address sign-up limit
 * (ACCOUNT_LIMITS.signUpsByAddress) keeps that from becoming a way to test
 * many addresses.
 */
export async function createAccount(options: {
  users: UserRepository;
  limiters: AccountLimiters;
  input: CreateAccountRequest;
  clientAddress: string;
}): Promise<CreateAccountResponse> {
  const { users, input } = options;
  await consumeAllowance(options.limiters.signUpsByAddress, options.clientAddress, "Too many sign-ups from your network.");
  const user = await users.createMember({
    name: input.name,
    email: input.email,
    passwordHash: await hashPassword(input.password),
  });
  if (!user) {
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", {
      email: "An account with this email already exists.",
    });
  }
  return { user: { id: user.id, name: user.name, email: input.email } };
}
