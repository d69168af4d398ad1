import type { CreateGuestRequest } from "./create-guest.types";
import type { User, UserRepository } from "./user";

/** A guest is a user with only a display name, for people who follow an invite link. */
export function createGuest(options: { users: UserRepository; input: CreateGuestRequest }): Promise<User> {
  return options.users.createGuest({ name: options.input.displayName });
}
