import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { z } from "zod";
import { AppError, isAppError, toPublicError, validationError } from "../errors";
import type { PartyRole } from "../parties/party";
import type { SessionUser } from "../auth/session-user";
import type { AckResult, ClientEventName, ClientEvents, ClientResult, ServerEvents } from "./protocol";

export interface SocketData {
  user: SessionUser;
  /** The party rooms this connection has joined, with the user's role in each. */
  parties: Record<string, PartyRole>;
}

export type AppSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>;
export type AppServer = Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

export interface HandlerContext {
  socket: AppSocket;
  io: AppServer;
  user: SessionUser;
  /** Work to do once the sender has its acknowledgement, such as broadcasting. */
  afterAck(task: () => void | Promise<void>): void;
}

/** The Socket.IO room of a party. */
export const partyChannel = (partyId: string) => `party:${partyId}`;
/** The Socket.IO room of one person's connections. */
export const userChannel = (userId: string) => `user:${userId}`;

/** The sender's role in a room it has joined; FORBIDDEN for a room it has not. */
export function roleInRoom(socket: AppSocket, partyId: string): PartyRole {
  const role = socket.data.parties[partyId];
  if (!role) throw new AppError("FORBIDDEN", "Join the party's room first (room:join).");
  return role;
}

/**
 * One client event: its payload schema and what it does. The wrapper parses
 * the payload, runs the action and answers through the acknowledgement; an
 * internal error is logged and reaches the client only as a generic message.
 */
export interface EventHandler<E extends ClientEventName, S extends z.ZodType> {
  schema: S;
  run(input: z.infer<S>, context: HandlerContext): Promise<ClientResult<E>> | ClientResult<E>;
}

export function defineHandler<E extends ClientEventName, S extends z.ZodType>(
  _event: E,
  handler: EventHandler<E, S>,
): EventHandler<E, S> {
  return handler;
}

export async function runHandler<E extends ClientEventName, S extends z.ZodType>(options: {
  event: E;
  handler: EventHandler<E, S>;
  socket: AppSocket;
  io: AppServer;
  payload: unknown;
  ack: unknown;
  logger: Logger;
}): Promise<void> {
  const { event, handler, socket, io, payload, ack, logger } = options;
  const after: Array<() => void | Promise<void>> = [];
  let result: AckResult<ClientResult<E>>;
  try {
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) throw validationError(parsed.error);
    const context: HandlerContext = { socket, io, user: socket.data.user, afterAck: (task) => after.push(task) };
    result = { ok: true, data: await handler.run(parsed.data, context) };
  } catch (error) {
    if (!isAppError(error)) logger.error({ err: error, event, socket: socket.id }, "socket handler failed");
    result = { ok: false, error: toPublicError(error) };
    after.length = 0;
  }
  if (typeof ack === "function") ack(result);
  else logger.debug({ event, socket: socket.id }, "client event sent without an acknowledgement");
  for (const task of after) {
    try {
      await task();
    } catch (error) {
      logger.error({ err: error, event, socket: socket.id }, "work after an acknowledgement failed");
    }
  }
}
