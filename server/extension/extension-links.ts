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
}
