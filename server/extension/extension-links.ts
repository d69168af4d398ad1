import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { PartyRepository } from "../parties/party";
import type { RoomRepository } from "../room/room";
import type { UserRepository } from "../users/user";
import type { LinkRevocations } from "./link-revocations";

/** What the extension-link actions need (the app context holds one). */
export interface ExtensionLinkDeps {
  /** AUTH_SECRET: the tokens' key is derived from it (link-token.ts). */
  authSecret: string;
  users: Pick<UserRepository, "findById" | "sessionVersion">;
  parties: PartyRepository;
  rooms: Pick<RoomRepository, "sanctions">;
  revocations: LinkRevocations;
  /** Mints per person (EXTENSION_LINK_RATE): memory, or Redis with several processes. */
  mintLimiter: RateLimiterAbstract;
}

/**
 * Links minted per person: 20 a minute. The room page mints one when the
 * extension asks (once per room visit); the connected extension renews its
 * token over its socket instead, so only a script meets this.
 */
export const EXTENSION_LINK_RATE = { points: 20, duration: 60 } as const;
