import type { Logger } from "pino";
import type { Socket } from "socket.io";
import type { z } from "zod";
import { isAppError, toPublicError, validationError } from "../errors";
import type { SessionUser } from "../auth/session-user";
import type { AckResult, ClientEventName, ClientEvents, ClientResult, ServerEvents } from "./protocol";

export interface SocketData {
  user: SessionUser;
}

export type AppSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

export interface HandlerContext {
  socket: AppSocket;
  user: SessionUser;
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
  payload: unknown;
  ack: unknown;
  logger: Logger;
}): Promise<void> {
  const { event, handler, socket, payload, ack, logger } = options;
  let result: AckResult<ClientResult<E>>;
  try {
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) throw validationError(parsed.error);
    result = { ok: true, data: await handler.run(parsed.data, { socket, user: socket.data.user }) };
  } catch (error) {
    if (!isAppError(error)) logger.error({ err: error, event, socket: socket.id }, "socket handler failed");
    result = { ok: false, error: toPublicError(error) };
  }
  if (typeof ack === "function") ack(result);
  else logger.debug({ event, socket: socket.id }, "client event sent without an acknowledgement");
}
