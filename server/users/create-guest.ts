import { consumeAllowance, type AccountLimiters } from "./account-limits";
import type { CreateGuestRequest } from "./create-guest.types";
import type { User, UserRepository } from "./user";

/**
 * A guest is a user with only a display name, for people who follow an invite
 * link; one address may create a limited number (ACCOUNT_LIMITS.guestsByAddress).
 */
export async function createGuest(options: {
  users: UserRepository;
  limiters: AccountLimiters;
  input: CreateGuestRequest;
  clientAddress: string;
}): Promise<User> {
  await consumeAllowance(options.limiters.guestsByAddress, options.clientAddress, "Too many guests joined from your network.");
  return options.users.createGuest({ name: options.input.displayName });
}
