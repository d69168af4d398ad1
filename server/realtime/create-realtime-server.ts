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
import { leaveRoom, roomHandlers } from "./handlers/room-handlers";
import { closeRoom, shareRooms, takeOutMember, type InterServerEvents } from "./room-takeout";
import type { ProcessRegistry } from "../cluster/process-registry";
import { createOutboxChatDelivery, type ChatDelivery } from "./chat-delivery";
import { resyncRooms } from "./resync-rooms";
import { extensionChannel, extensionHandlers, extensionIdentity, isExtensionOrigin, type ExtensionAuth } from "./extension-connection";
import { createRoundTripMeter } from "./round-trip";
import { SOCKET_LIMITS, socketLimiters, type SocketLimiters } from "./socket-limits";
import { triviaHandlers } from "./handlers/trivia-handlers";
import type { TriviaRepository } from "../trivia/trivia";
import { createTriviaRunner, type TriviaRunner, type TriviaTimings } from "../trivia/trivia-runner";
import type { ClientEvents, HandshakeErrorData, ServerEvents } from "./protocol";
import type { RealtimeMetrics } from "../metrics/metrics";
import { sendConnectionsElsewhere, settleWithin } from "./drain";

export interface RealtimeDeps {
  /** The signed-in user for a handshake's Cookie header, or null. */
  authenticate(cookieHeader: string | undefined): Promise<SessionUser | null>;
  /** Which pages may open a connection: the same policy as the HTTP edge's (checked before any upgrade). */
  origins: OriginPolicy;
  logger: Logger;
  room: RoomDeps;
  trivia: { repository: TriviaRepository; timings?: Partial<TriviaTimings> };
  /** The browser extension's link tokens; without it, extension handshakes are refused. */
  extension?: ExtensionAuth;
  /** The rate limiters (socket-limits.ts); memory limiters by default, any can be replaced (say, by Redis ones). */
  limiters?: Partial<SocketLimiters>;
  /**
   * How many reverse proxies in front of the server to trust for the client's
   * address in X-Forwarded-For (TRUST_PROXY); 0, the default, uses the TCP peer.
   */
  trustProxyHops?: number;
  /** The Socket.IO adapter: Redis when several processes serve the rooms; the in-memory one by default. */
  adapter?: ServerOptions["adapter"];
  /** With several processes: the process registry (heartbeat and janitor); take-outs are told to every process. */
  processes?: ProcessRegistry;
  /**
   * How stored chat messages reach the rooms: an outbox in this process by
   * default; PostgreSQL notifications when several processes serve the rooms.
   */
  chatDelivery?: ChatDelivery;
  /** Registers what to run when this process's clients must resync (after a Redis reconnect). */
  resyncOn?(listener: () => void): void;
  /** The server clock; with several processes, one time base for all (server/cluster/time-base.ts). */
  /** Event, delivery and connection figures for /metrics (server/metrics/metrics.ts). */
  metrics?: RealtimeMetrics;
  now?: () => number;
}

/** The largest message a client may send; a larger one closes its connection. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export type RealtimeServer = Server<ClientEvents, ServerEvents, InterServerEvents, SocketData>;

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
): { io: RealtimeServer; controls: RealtimeControls; drain(): Promise<number>; trivia: Pick<TriviaRunner, "roundsHeld" | "stop"> } {
  const now = deps.now ?? Date.now;
  // Shutting down: no new connections; the running handlers are awaited before the connections are sent away.
  let draining = false;
  const running = new Set<Promise<void>>();
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
      // An extension's page authenticates with its link token only (checked below), never a cookie.
      const refusal = (deps.extension && isExtensionOrigin(req.headers) ? null : deps.origins.refusal(req.headers)) ?? (draining ? "this server is shutting down" : null);
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
  deps.metrics?.watch({
    sockets: () => io.of("/").sockets.size,
    roomsJoined: () => [...io.of("/").sockets.values()].reduce((sum, socket) => sum + socket.data.parties.size, 0),
    parties: () => [...io.of("/").adapter.rooms.keys()].filter((room) => room.startsWith(partyChannel(""))).length,
    triviaRounds: () => trivia.roundsHeld(),
  });
  const roundTrips = createRoundTripMeter({ state: deps.room.state, now, logger });
  const roomHooks = {
    onJoin: (partyId: string, user: { id: string; name: string }) => trivia.joined(partyId, { userId: user.id, name: user.name }),
    onLeave: (partyId: string) => trivia.left(partyId),
    onConnectionJoined: (socket: AppSocket) => roundTrips.joined(socket),
  };
  const takeOutHooks = { deps: deps.room, onLeave: roomHooks.onLeave, logger };
  if (deps.processes) shareRooms({ io, hooks: takeOutHooks, processes: deps.processes });
  const chatDelivery = deps.chatDelivery ?? createOutboxChatDelivery();
  const resync = () =>
    void resyncRooms({ io, deps: deps.room, now, logger }).catch((err: unknown) => logger.error({ err }, "resyncing the rooms failed"));
  chatDelivery.attach(io, resync);
  deps.resyncOn?.(resync);
  const handlers = {
    "clock:sync": clockSync(now),
    ...roomHandlers({
      room: deps.room,
      limiters,
      now,
      chatDelivery,
      ...roomHooks,
      takeOutMember: (server, partyId, userId) => takeOutMember(server, takeOutHooks, partyId, userId),
    }),
    ...triviaHandlers({ runner: trivia, repository: deps.trivia.repository }),
    ...extensionHandlers(deps.extension),
  } as const;

  io.use(async (socket, next) => {
    try {
      const linked = await extensionIdentity(socket.handshake.auth, socket.request.headers, deps.extension);
      if (linked === null) return next(handshakeError("This extension link has ended: link it again from the room page.", "UNAUTHENTICATED"));
      const user = linked === "cookie" ? await deps.authenticate(socket.request.headers.cookie) : linked.user;
      if (!user) return next(handshakeError("Sign in to join a watch party.", "UNAUTHENTICATED"));
      socket.data.user = user;
      if (linked !== "cookie") socket.data.extensionParty = linked.partyId;
      socket.data.address = clientAddress(socket.request.headers, socket.request.socket.remoteAddress, deps.trustProxyHops ?? 0);
      socket.data.parties = new Map();
      socket.data.closedParties = new Set();
      const release = await limiters.connections.take(user.id, socket.id);
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

  // The listeners below are shared by every connection (Socket.IO calls them with the socket as `this`): a
  // connection holds no closure of its own per event, which is most of what an idle viewer costs.
  const { metrics } = deps;
  function dispatch(this: AppSocket, event: string, ...args: unknown[]): void {
    if (!Object.hasOwn(handlers, event)) {
      const ack = args.at(-1);
      const error: PublicError = { code: "UNKNOWN_EVENT", message: `There is no event called "${event}".` };
      if (typeof ack === "function") ack({ ok: false, error });
      return;
    }
    const handler = handlers[event as keyof typeof handlers];
    const handled = runHandler({ event: event as keyof ClientEvents, handler: handler as never, socket: this, io, args, logger, ...(metrics ? { metrics } : {}) });
    running.add(handled);
    void handled.finally(() => running.delete(handled));
  }
  function onSocketError(this: AppSocket, error: Error): void {
    logger.warn({ err: error, socket: this.id }, "socket error");
  }
  function onDisconnect(this: AppSocket): void {
    for (const partyId of [...this.data.parties.keys()]) {
      leaveRoom({ io, deps: deps.room, socket: this, partyId, onLeave: roomHooks.onLeave }).catch((err: unknown) => logger.error({ err, partyId }, "leaving a room failed"));
    }
  }
  function observeOutgoing(event: string, payload: { message?: { createdAt?: string } }): void {
    if (event === "chat:message" && payload.message?.createdAt) metrics?.observeChatDelivery((Date.now() - Date.parse(payload.message.createdAt)) / 1000);
  }

  io.on("connection", (socket: AppSocket) => {
    // Everything the connection needs from its handshake request is in socket.data (the middleware above):
    // engine.io would keep the request (its headers twice over, its parser state) as long as the connection.
    (socket.conn as { request: unknown }).request = null;
    socket.onAny(dispatch);
    socket.on("error", onSocketError);
    socket.on("disconnect", onDisconnect);
    if (metrics) {
      metrics.connectionOpened();
      socket.onAnyOutgoing(observeOutgoing);
    }
    void socket.join(userChannel(socket.data.user.id));
    if (socket.data.extensionParty) void socket.join(extensionChannel(socket.data.user.id, socket.data.extensionParty));
    socket.emit("session:ready", { user: socket.data.user, serverTime: now() });
  });

  const controls: RealtimeControls = {
    async closeParty(partyId) {
      try {
        await trivia.close(partyId);
        await closeRoom(io, takeOutHooks, partyId);
      } catch (err) {
        // The cancel is stored: writes to the party are refused by the database whatever happens here.
        logger.error({ err, partyId }, "closing a cancelled party's room failed");
      }
    },
    async endUserSessions(userId) {
      io.in(userChannel(userId)).disconnectSockets(true);
    },
    async endExtensionLinks(userId, partyId) {
      io.in(extensionChannel(userId, partyId)).disconnectSockets(true);
    },
    async notifyPromoted(partyId, userIds) {
      for (const userId of userIds) io.to(userChannel(userId)).emit("party:promoted", { partyId, status: "going" });
    },
  };
  async function drain(): Promise<number> {
    draining = true;
    // Its rounds are in the database: another process's sweep takes them over at once.
    trivia.stop();
    await settleWithin([...running], 5000);
    const sent = sendConnectionsElsewhere(io);
    await settleWithin([...running], 5000);
    return sent;
  }
  return { io, controls, drain, trivia };
}
