import type { PartyRepository } from "../parties/party";
import type { RoomRepository, RoomStateStore } from "./room";

/** What the room's actions work with. */
export interface RoomDeps {
  parties: PartyRepository;
  rooms: RoomRepository;
  state: RoomStateStore;
}
