import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type ServerOptions } from "socket.io";
import type { RoomDeps } from "../room/room-deps";
import type { SessionUser } from "../auth/session-user";
import type { RealtimeControls } from "../context";
import type { PublicError } from "../errors";
import type { OriginPolicy } from "../http/origin-policy";
import { clientAddress } from "../http/forwarded";
import { partyChannel, runHandler, userChannel, type AppSocket, type SocketData } from "./handler";
import { clockSync } from "./handlers/clock-sync";
import { closeRoom, leaveRoom, roomHandlers } from "./handlers/room-handlers";
import { createRoundTripMeter } from "./round-trip";
import { SOCKET_LIMITS, socketLimiters, takeConnectionPlace, type SocketLimiters } from "./socket-limits";
import { triviaHandlers } from "./handlers/trivia-handlers";
import type { TriviaRepository } from "../trivia/trivia";
import { createTriviaRunner, type TriviaRunner, type TriviaTimings } from "../trivia/trivia-runner";
import type { ClientEvents, HandshakeErrorData, ServerEvents } from "./protocol";

export interface RealtimeDeps {
  /** The signed-in user for a handshake's Cookie header, or null. */
  authenticate(cookieHeader: string | undefined): Promise<SessionUser | null>;
  /** Which pages may open a connection: the same policy as the HTTP edge's (checked before any upgrade). */
  origins: OriginPolicy;
  logger: Logger;
  room: RoomDeps;
  trivia: { repository: TriviaRepository; timings?: Partial<TriviaTimings> };
  /** The rate limiters (socket-limits.ts); memory limiters by default, any can be replaced (say, by Redis ones). */
  limiters?: Partial<SocketLimiters>;
  /**
   * How many reverse proxies in front of the server to trust for the client's
   * address in X-Forwarded-For (TRUST_PROXY); 0, the default, uses the TCP peer.
   */
  trustProxyHops?: number;
  /** The Socket.IO adapter: Redis when several processes serve the rooms; the in-memory one by default. */
  adapter?: ServerOptions["adapter"];
  now?: () => number;
}

/** The largest message a client may send; a larger one closes its connection. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export type RealtimeServer = Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

function handshakeError(message: string, code: HandshakeErrorData["code"] | "INTERNAL"): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The Socket.IO server on an existing HTTP server, and the controls the HTTP
 * side uses (closing a cancelled party's room, ending a user's sessions).
 * Everything it needs comes in through `deps`, so a test can start it on a
 * free port with a real database.
 */
export function createRealtimeServer(
  httpServer: HttpServer,
  deps: RealtimeDeps,
): { io: RealtimeServer; controls: RealtimeControls; trivia: Pick<TriviaRunner, "roundsHeld" | "stop"> } {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ component: "realtime" });
  const limiters = socketLimiters(deps.limiters);
  const io: RealtimeServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    // Pages on ALLOWED_ORIGINS may read the long-polling answers too.
    ...(deps.origins.allowedOrigins.length > 0 ? { cors: { origin: [...deps.origins.allowedOrigins], credentials: true } } : {}),
    // A page on another origin must not connect with the visitor's cookies
    // (WebSockets are not covered by CORS): refused before the connection opens.
    allowRequest: (req, callback) => {
      const refusal = deps.origins.refusal(req.headers);
      if (refusal) logger.debug({ origin: req.headers.origin }, "handshake refused: %s", refusal);
      callback(refusal, refusal === null);
    },
  });

  const trivia = createTriviaRunner({
    repository: deps.trivia.repository,
    async present(partyId) {
      return (await deps.room.state.presence(partyId)).filter((p) => p.connected).map(({ userId, name }) => ({ userId, name }));
    },
    publisher: {
      round: (partyId, round) => io.to(partyChannel(partyId)).emit("trivia:round", { partyId, round }),
      player: (partyId, userId, you) => io.to(userChannel(userId)).emit("trivia:you", { partyId, you }),
    },
    logger,
    now,
    ...(deps.trivia.timings ? { timings: deps.trivia.timings } : {}),
  });
  httpServer.on("close", () => trivia.stop());
  const roundTrips = createRoundTripMeter({ state: deps.room.state, now, logger });
  const roomHooks = {
    onJoin: (partyId: string, user: { id: string; name: string }) => trivia.joined(partyId, { userId: user.id, name: user.name }),
    onLeave: (partyId: string) => trivia.left(partyId),
    onConnectionJoined: (socket: AppSocket) => roundTrips.joined(socket),
  };
  const handlers = {
    "clock:sync": clockSync(now),
    ...roomHandlers({ room: deps.room, limiters, now, ...roomHooks }),
    ...triviaHandlers({ runner: trivia, repository: deps.trivia.repository }),
  } as const;

  io.use(async (socket, next) => {
    try {
      const user = await deps.authenticate(socket.request.headers.cookie);
      if (!user) return next(handshakeError("Sign in to join a watch party.", "UNAUTHENTICATED"));
      socket.data.user = user;
      socket.data.address = clientAddress(socket.request.headers, socket.request.socket.remoteAddress, deps.trustProxyHops ?? 0);
      socket.data.parties = new Map();
      socket.data.closedParties = new Set();
      const release = await takeConnectionPlace(limiters.connections, user.id);
      if (!release) {
        const limit = SOCKET_LIMITS.connectionsPerPerson;
        return next(handshakeError(`You already have ${limit} connections to watch parties open. Close a tab or window and try again.`, "TOO_MANY_CONNECTIONS"));
      }
      // Given back when the connection closes, also one that closed before it was fully made.
      const giveBack = () => void release().catch((err: unknown) => logger.error({ err }, "giving back a connection place failed"));
      socket.conn.once("close", giveBack);
      socket.once("disconnect", giveBack);
      if (socket.conn.readyState === "closed") giveBack();
      next();
    } catch (error) {
      logger.error({ err: error }, "handshake failed");
      next(handshakeError("Could not check your session. Please try again.", "INTERNAL"));
    }
  });

  io.on("connection", (socket: AppSocket) => {
    for (const [event, handler] of Object.entries(handlers)) {
      socket.on(event as keyof ClientEvents, (...args: unknown[]) => {
        void runHandler({ event: event as keyof ClientEvents, handler: handler as never, socket, io, args, logger });
      });
    }
    socket.onAny((event: string, ...args: unknown[]) => {
      if (Object.hasOwn(handlers, event)) return;
      const ack = args.at(-1);
      const error: PublicError = { code: "UNKNOWN_EVENT", message: `There is no event called "${event}".` };
      if (typeof ack === "function") ack({ ok: false, error });
    });
    socket.on("error", (error) => logger.warn({ err: error, socket: socket.id }, "socket error"));
    socket.on("disconnect", () => {
      for (const partyId of [...socket.data.parties.keys()]) {
        leaveRoom({ io, deps: deps.room, socket, partyId, onLeave: roomHooks.onLeave }).catch((err: unknown) => logger.error({ err, partyId }, "leaving a room failed"));
      }
    });
    void socket.join(userChannel(socket.data.user.id));
    socket.emit("session:ready", { user: socket.data.user, serverTime: now() });
  });

  const controls: RealtimeControls = {
    async closeParty(partyId) {
      try {
        await trivia.close(partyId);
        await closeRoom({ io, deps: deps.room, partyId, onLeave: roomHooks.onLeave });
      } catch (err) {
        // The cancel is stored: writes to the party are refused by the database whatever happens here.
        logger.error({ err, partyId }, "closing a cancelled party's room failed");
      }
    },
    async endUserSessions(userId) {
      io.in(userChannel(userId)).disconnectSockets(true);
    },
  };
  return { io, controls, trivia };
}
