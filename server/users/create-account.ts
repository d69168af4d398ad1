import { hashPassword } from "../auth/password";
import { AppError } from "../errors";
import type { CreateAccountRequest, CreateAccountResponse } from "./create-account.types";
import type { UserRepository } from "./user";

export async function createAccount(options: {
  users: UserRepository;
  input: CreateAccountRequest;
}): Promise<CreateAccountResponse> {
  const { users, input } = options;
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
