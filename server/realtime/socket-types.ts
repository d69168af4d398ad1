import type { Server, Socket } from "socket.io";
import type { SessionUser } from "../auth/session-user";
import type { PartyRole } from "../parties/party";
import type { ClientEvents, ServerEvents } from "./protocol";
import type { RoundStarted } from "./round-started.types";
import type { TakeOut } from "./take-out.types";

/** What the processes serving one app tell each other (Socket.IO's serverSideEmit, through the adapter). */
export interface InterServerEvents {
  /** Take these connections out of the room here; answered once done. */
  "room:take-out": (order: TakeOut, done: (taken: number) => void) => void;
  /** A trivia round started in the party (this process forgets that it had none); answered once forgotten. */
  "trivia:started": (notice: RoundStarted, done: () => void) => void;
}

export interface SocketData {
  user: SessionUser;
  /** The client's address (for per-address limits), from the handshake. */
  address: string;
  /**
   * The party rooms this connection has joined, with the user's role in each.
   * A Map: a party id is data, and "constructor" or "__proto__" must not find
   * anything on a plain object's prototype.
   */
  parties: Map<string, PartyRole>;
  /** Parties whose room closed (cancelled) while this connection was in it. */
  closedParties: Set<string>;
  /**
   * When the session it was opened with ends (ms): the cookie session's idle
   * or absolute end, or an extension's link token's expiry (moved on by each
   * renewal). Checked on every event and by a sweep; no database read.
   */
  sessionEndsAt: number;
  /** Set for a browser extension's connection: the one party its link token is for (extension-connection.ts). */
  extensionParty?: string;
  /** The party call this connection is in, and its microphone and camera (server/voice). */
  call?: { partyId: string; muted: boolean; camera: boolean; janusToken?: string };
}

export type AppSocket = Socket<ClientEvents, ServerEvents, InterServerEvents, SocketData>;
export type AppServer = Server<ClientEvents, ServerEvents, InterServerEvents, SocketData>;
