/**
 * The Socket.IO protocol, shared by the server and the browser: every event a
 * client may send, every event the server sends, and the acknowledgement each
 * client event is answered with. docs/realtime-protocol.md describes them.
 */
import type { PublicError } from "../errors";
import type { SessionUser } from "../auth/session-user";

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: PublicError };
export type Ack<T> = (result: AckResult<T>) => void;

export interface ClockSyncRequest {
  /** The client's clock when it sent the request, in ms. */
  clientSentAt: number;
}

export interface ClockSyncResponse {
  clientSentAt: number;
  /** The server's clock (ms since the Unix epoch) when the request arrived and when the answer left. */
  serverReceivedAt: number;
  serverSentAt: number;
}

export interface ClientEvents {
  "clock:sync": (payload: ClockSyncRequest, ack: Ack<ClockSyncResponse>) => void;
}

export interface ServerEvents {
  /** Sent once after the handshake: who the server takes this connection to be. */
  "session:ready": (payload: { user: SessionUser; serverTime: number }) => void;
}

export type ClientEventName = keyof ClientEvents;

/** The payload a client event carries (its first argument). */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientEvents[E]>[0];
/** The data of a successful acknowledgement of a client event. */
export type ClientResult<E extends ClientEventName> = Parameters<ClientEvents[E]>[1] extends Ack<infer T> ? T : never;

/** The error a refused handshake carries in `connect_error`'s `data`. */
export interface HandshakeErrorData {
  code: "UNAUTHENTICATED";
}
