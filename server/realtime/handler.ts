import type { Logger } from "pino";
import type { z } from "zod";
import { AppError, isAppError, toPublicError, validationError } from "../errors";
import type { PartyRole } from "../parties/party";
import type { SessionUser } from "../auth/session-user";
import type { RealtimeMetrics } from "../metrics/metrics";
import { partyCancelled } from "../parties/party-cancelled";
import { extensionScopeRefusal } from "./extension-scope";
import type { AckResult, ClientEventName, ClientPayload, ClientResult } from "./protocol";
import type { AppServer, AppSocket } from "./socket-types";

export type { AppServer, AppSocket, SocketData } from "./socket-types";

export interface HandlerContext {
  socket: AppSocket;
  io: AppServer;
  user: SessionUser;
  /** Work to do once the sender has its acknowledgement, such as broadcasting. */
  afterAck(task: () => void | Promise<void>): void;
}

export { partyChannel, userChannel } from "./channels";

/** The sender's role in a room it has joined; CONFLICT for a room that closed, FORBIDDEN for a room it has not joined. */
export function roleInRoom(socket: AppSocket, partyId: string): PartyRole {
  const role = socket.data.parties.get(partyId);
  if (role) return role;
  if (socket.data.closedParties.has(partyId)) throw partyCancelled();
  throw new AppError("FORBIDDEN", "Join the party's room first (room:join).");
}

/**
 * A client event's arguments as Socket.IO delivers them: an acknowledgement
 * is always the last one (socket.io-client attaches only a last-argument
 * function), and before it comes at most one payload. Anything more (say
 * `emitWithAck(event, ack, payload)`, whose first function arrives as null)
 * is refused through the acknowledgement rather than left unanswered.
 */
export function eventArguments(args: unknown[]): { payload: unknown; ack: unknown; malformed: boolean } {
  const ack = typeof args.at(-1) === "function" ? args.at(-1) : undefined;
  const rest = ack === undefined ? args : args.slice(0, -1);
  return { payload: rest[0], ack, malformed: rest.length > 1 };
}

const malformedArguments = () =>
  new AppError("VALIDATION_FAILED", "Send one payload, then the acknowledgement as the last argument: emit(event, payload, ack).", {
    input: "the acknowledgement must be the last argument, after one payload",
  });

/**
 * One client event: its payload schema and what it does. The wrapper parses
 * the payload, runs the action and answers through the acknowledgement; an
 * internal error is logged and reaches the client only as a generic message.
 */
export interface EventHandler<E extends ClientEventName, S extends z.ZodType> {
  schema: S;
  run(input: z.infer<S>, context: HandlerContext): Promise<ClientResult<E>> | ClientResult<E>;
}

/** True when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * The compile-time drift check: an event's zod schema must accept exactly the
 * payload type protocol.ts gives the event (what clients are typed against).
 * When the two drift apart, the handler needs a property it cannot have and
 * `npm run typecheck` fails at that handler, naming both types.
 */
type MatchesProtocol<E extends ClientEventName, S extends z.ZodType> =
  Same<z.input<S>, ClientPayload<E>> extends true ? unknown : { schemaDriftsFromProtocol: { schema: z.input<S>; protocol: ClientPayload<E> } };

export function defineHandler<E extends ClientEventName, S extends z.ZodType>(
  _event: E,
  handler: EventHandler<E, S> & MatchesProtocol<E, S>,
): EventHandler<E, S> {
  return handler;
}

export async function runHandler<E extends ClientEventName, S extends z.ZodType>(options: {
  event: E;
  handler: EventHandler<E, S>;
  socket: AppSocket;
  io: AppServer;
  /** The event's arguments as received (see eventArguments). */
  args: unknown[];
  logger: Logger;
  /** Times each event up to its acknowledgement (server/metrics/metrics.ts). */
  metrics?: Pick<RealtimeMetrics, "observeEvent">;
}): Promise<void> {
  const { event, handler, socket, io, logger } = options;
  const started = performance.now();
  const { payload, ack, malformed } = eventArguments(options.args);
  // Logged with the party, so one party can be followed across processes (only a string: it is client input).
  const claimed = (payload as { partyId?: unknown } | null | undefined)?.partyId;
  const partyId = typeof claimed === "string" ? claimed.slice(0, 64) : undefined;
  const after: Array<() => void | Promise<void>> = [];
  let result: AckResult<ClientResult<E>>;
  try {
    if (malformed) throw malformedArguments();
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) throw validationError(parsed.error);
    const outOfScope = extensionScopeRefusal(socket, event, parsed.data);
    if (outOfScope) throw outOfScope;
    const context: HandlerContext = { socket, io, user: socket.data.user, afterAck: (task) => after.push(task) };
    result = { ok: true, data: await handler.run(parsed.data, context) };
  } catch (error) {
    if (!isAppError(error)) logger.error({ err: error, event, socket: socket.id, partyId }, "socket handler failed");
    result = { ok: false, error: toPublicError(error) };
    after.length = 0;
  }
  if (typeof ack === "function") ack(result);
  else logger.debug({ event, socket: socket.id }, "client event sent without an acknowledgement");
  options.metrics?.observeEvent(event, (performance.now() - started) / 1000, result.ok ? "ok" : "error");
  for (const task of after) {
    try {
      await task();
    } catch (error) {
      logger.error({ err: error, event, socket: socket.id, partyId }, "work after an acknowledgement failed");
    }
  }
}
