import type { AckResult, ClientEventName, ClientPayload, ClientResult } from "../server/realtime/protocol";

/** What the room client needs of a Socket.IO client (socket.io-client's Socket has it). */
export interface AckSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/**
 * One typed way to call a room event: the payload is typed by the event
 * (protocol.ts, which the server's zod schemas are checked against at compile
 * time: handler.ts `defineHandler`), and so is the acknowledgement. Pure: the
 * browser, the extension and the tests can all use it.
 */
export interface RoomClient {
  call<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<AckResult<ClientResult<E>>>;
  /** A room event of one party: the payload without `partyId`, which this adds. */
  callIn<E extends RoomEventName>(partyId: string, event: E, payload: RoomPayload<E>): Promise<AckResult<ClientResult<E>>>;
}

/** The events sent in a room: their payload names the party. */
export type RoomEventName = { [E in ClientEventName]: ClientPayload<E> extends { partyId: string } ? E : never }[ClientEventName];
/** A room event's payload without the party (the room's connection adds it). */
export type RoomPayload<E extends RoomEventName> = Omit<ClientPayload<E>, "partyId">;
/** A room event's answer as the room page shows it: the event's data, or the message of the error. */
export type RoomAnswer<E extends ClientEventName> = { data: ClientResult<E>; error: null } | { data: null; error: string };

export function roomClient(socket: AckSocket, timeoutMs = 10_000): RoomClient {
  // The one place a result is taken as the event's: the server answers every event through defineHandler's types.
  const call = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) =>
    socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<AckResult<ClientResult<E>>>;
  return {
    call,
    // TypeScript cannot see that RoomPayload<E> plus `partyId` is ClientPayload<E> for a generic E; it is by construction.
    callIn: <E extends RoomEventName>(partyId: string, event: E, payload: RoomPayload<E>) => call(event, { ...payload, partyId } as ClientPayload<E>),
  };
}
