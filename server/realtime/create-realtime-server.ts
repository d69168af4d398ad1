import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import type { RoomDeps } from "../room/room-deps";
import type { SessionUser } from "../auth/session-user";
import type { RealtimeControls } from "../realtime-controls";
import type { PublicError } from "../errors";
import type { OriginPolicy } from "../http/origin-policy";
import { clientAddress } from "../http/forwarded";
import { partyChannel, runHandler, userChannel, type AppSocket, type SocketData } from "./handler";
import { clockSync } from "./handlers/clock-sync";
import { leaveRoom, roomHandlers } from "./handlers/room-handlers";
import { closeRoom, takeOutMember, type InterServerEvents } from "./room-takeout";
import { createRoomPublisher } from "./room-publisher";
import type { ChatDelivery } from "./chat-delivery";
import type { RoomPeers } from "./room-takeout";
import type { ServerOptions } from "socket.io";
import { resyncRooms } from "./resync-rooms";
import { extensionChannel, extensionHandlers, extensionIdentity, extensionPartyChannel, isExtensionOrigin, type ExtensionAuth } from "./extension-connection";
import { createRoundTripMeter } from "./round-trip";
import { SOCKET_LIMITS, type SocketLimiters } from "../socket-limits";
import { triviaHandlers } from "./handlers/trivia-handlers";
import { currentClock } from "../room/current-clock";
import { positionAt } from "../../shared/party-clock";
import type { TriviaRepository } from "../trivia/trivia";
import { createTriviaRunner, type TriviaRunner, type TriviaTimings } from "../trivia/trivia-runner";
import type { ClientEvents, HandshakeErrorData, ServerEvents } from "./protocol";
import type { RealtimeMetrics } from "../metrics/metrics";
import { sendConnectionsElsewhere, settleWithin } from "./drain";
import { voiceHandlers } from "./handlers/call-handlers";
import type { CallStore } from "../voice/call-store";
import type { JanusGateway } from "../voice/janus-gateway";
import type { TurnConfig } from "../voice/turn-credentials";

/** What the realtime server takes from the topology (server/topology): one process's or a cluster's. */
export interface RealtimeTopology {
  /** The Socket.IO adapter (Redis's in a cluster; the in-memory one when unset). */
  adapter?: ServerOptions["adapter"];
  /** The other processes a take-out is told to. */
  peers: RoomPeers;
  /** How stored chat messages reach every process's members. */
  chatDelivery: ChatDelivery;
  /** Registers what to run when this process's clients must resync (after a Redis reconnect). */
  resyncOn(listener: () => void): void;
  /** The server clock (one time base for all processes in a cluster). */
  now(): number;
  /** The call's rules (server/voice): in memory in one process, in Redis across several. */
  callStore: CallStore;
}

export interface RealtimeDeps {
  /**
   * The signed-in user for a handshake's Cookie header, or null; with
   * `sessionEndsAt` (ms), the connection is closed when the session ends.
   */
  authenticate(cookieHeader: string | undefined): Promise<(SessionUser & { sessionEndsAt?: number }) | null>;
  /** How often every open connection is checked against its session's end (ms; SESSION_SWEEP_MS). */
  sessionSweepMs?: number;
  /** The wall clock sessions end by (Date.now): cookies and link tokens carry wall-clock times. */
  wallClock?: () => number;
  /** Which pages may open a connection: the same policy as the HTTP edge's (checked before any upgrade). */
  origins: OriginPolicy;
  logger: Logger;
  room: RoomDeps;
  trivia: { repository: TriviaRepository; timings?: Partial<TriviaTimings> };
  /** The browser extension's link tokens; without it, extension handshakes are refused. */
  extension?: ExtensionAuth;
  /** The rate limiters (socket-limits.ts): the topology's, with a test's or benchmark's overrides. */
  limiters: SocketLimiters;
  /**
   * How many reverse proxies in front of the server to trust for the client's
   * address in X-Forwarded-For (TRUST_PROXY); 0 uses the TCP peer.
   */
  trustProxyHops: number;
  /** What differs with the number of processes (server/topology): adapter, take-outs, chat delivery, resync, clock. */
  topology: RealtimeTopology;
  /** Event, delivery and connection figures for /metrics (server/metrics/metrics.ts). */
  metrics?: RealtimeMetrics;
  /** The call's TURN relay, for which each person gets credentials of their own (server/voice). */
  turn?: TurnConfig;
  /** Janus for large calls (server/voice/janus-gateway.ts). */
  janus?: JanusGateway;
}

/** Open connections are checked against their session's end this often (and on every event they send). */
export const SESSION_SWEEP_MS = 30_000;

/** The largest message a client may send; a larger one closes its connection. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export type RealtimeServer = Server<ClientEvents, ServerEvents, InterServerEvents, SocketData>;

const SESSION_ENDED = "Your session has ended: sign in again to keep watching.";

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
): {
  io: RealtimeServer;
  controls: RealtimeControls;
  drain(): Promise<number>;
  /** Arrivals and departures go out at once from now on (the process is closing). */
  noticesAtOnce(): void;
  trivia: Pick<TriviaRunner, "roundsHeld" | "stop">;
} {
  const { now, peers, chatDelivery } = deps.topology;
  const wallClock = deps.wallClock ?? Date.now;
  // Shutting down: no new connections; the running handlers are awaited before the connections are sent away.
  let draining = false;
  const running = new Set<Promise<void>>();
  const logger = deps.logger.child({ component: "realtime" });
  const { limiters } = deps;
  const io: RealtimeServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    // The app's HTTP server answers the other upgrades (server/assemble-app.ts): Janus's answer may take over a second.
    destroyUpgrade: false,
    ...(deps.topology.adapter ? { adapter: deps.topology.adapter } : {}),
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
      answered: (partyId, count) => io.to(partyChannel(partyId)).emit("trivia:answered", { partyId, ...count }),
      moments: (partyId, moments) => io.to(partyChannel(partyId)).emit("trivia:moments", { partyId, ...moments }),
      started: (notice) => peers.roundStarted(io, takeOutHooks, notice),
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
  const publisher = createRoomPublisher(io, deps.room.state);
  const takeOutHooks = {
    deps: deps.room,
    publisher,
    onLeave: roomHooks.onLeave,
    logger,
    onRoundStarted: (notice: { partyId: string; roundId: string }) => trivia.startedElsewhere(notice.partyId, notice.roundId),
  };
  peers.start(io, takeOutHooks);
  const resync = () => {
    // Notices of other processes' trivia starts may have been missed meanwhile.
    trivia.missedNotices();
    void resyncRooms({ io, deps: deps.room, now, logger }).catch((err: unknown) => logger.error({ err }, "resyncing the rooms failed"));
  };
  chatDelivery.attach(publisher, resync);
  deps.topology.resyncOn(resync);
  const handlers = {
    "clock:sync": clockSync(now),
    ...roomHandlers({
      room: deps.room,
      limiters,
      now,
      chatDelivery,
      publisher,
      ...roomHooks,
      takeOutMember: (server, partyId, userId) => takeOutMember(server, takeOutHooks, peers, partyId, userId),
    }),
    ...triviaHandlers({
      runner: trivia,
      repository: deps.trivia.repository,
      limiter: limiters.triviaHost,
      playLimiter: limiters.triviaPlay,
      clockAt: async (partyId) => {
        const { clock } = await currentClock(deps.room, partyId, now());
        return { episode: clock.episode, positionMs: positionAt(clock, now()) };
      },
    }),
    ...extensionHandlers(deps.extension),
    ...voiceHandlers({ store: deps.topology.callStore, parties: deps.room.parties, now, ...(deps.turn ? { turn: deps.turn } : {}), ...(deps.janus ? { janus: deps.janus } : {}) }),
  } as const;

  io.use(async (socket, next) => {
    try {
      const linked = await extensionIdentity(socket.handshake.auth, socket.request.headers, deps.extension);
      if (linked === null) return next(handshakeError("This extension link has ended: link it again from the room page.", "UNAUTHENTICATED"));
      const session = linked === "cookie" ? await deps.authenticate(socket.request.headers.cookie) : { ...linked.user, sessionEndsAt: linked.expiresAt };
      // A session at its end is refused here too (a decoder may allow some clock skew past it).
      if (!session || (session.sessionEndsAt ?? Infinity) <= wallClock()) return next(handshakeError("Sign in to join a watch party.", "UNAUTHENTICATED"));
      const { sessionEndsAt, ...user } = session;
      socket.data.user = { id: user.id, name: user.name, email: user.email, kind: user.kind };
      socket.data.sessionEndsAt = sessionEndsAt ?? Infinity;
      if (linked !== "cookie") socket.data.extensionParty = linked.partyId;
      socket.data.address = clientAddress(socket.request.headers, socket.request.socket.remoteAddress, deps.trustProxyHops);
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
    if (wallClock() >= this.data.sessionEndsAt) {
      const ack = args.at(-1);
      if (typeof ack === "function") ack({ ok: false, error: { code: "UNAUTHENTICATED", message: SESSION_ENDED } satisfies PublicError });
      return endSession(this);
    }
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
  /** Tells the connection its session ended, then closes it (the client sees `session:ended`, then a server disconnect). */
  function endSession(socket: AppSocket): void {
    if (socket.disconnected) return;
    socket.emit("session:ended", { reason: "expired", message: SESSION_ENDED });
    socket.disconnect(true);
  }
  // One sweep for every connection (no timer per connection): an idle one is closed when its session ends too.
  const sweep = setInterval(() => {
    const at = wallClock();
    for (const socket of io.of("/").sockets.values()) if (at >= socket.data.sessionEndsAt) endSession(socket);
  }, deps.sessionSweepMs ?? SESSION_SWEEP_MS);
  sweep.unref();
  httpServer.on("close", () => clearInterval(sweep));
  function onSocketError(this: AppSocket, error: Error): void {
    logger.warn({ err: error, socket: this.id }, "socket error");
  }
  function onDisconnect(this: AppSocket): void {
    for (const partyId of [...this.data.parties.keys()]) {
      leaveRoom({ publisher, deps: deps.room, socket: this, partyId, onLeave: roomHooks.onLeave }).catch((err: unknown) => logger.error({ err, partyId }, "leaving a room failed"));
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
    if (socket.data.extensionParty) {
      void socket.join(extensionChannel(socket.data.user.id, socket.data.extensionParty));
      void socket.join(extensionPartyChannel(socket.data.extensionParty));
    }
    socket.emit("session:ready", { user: socket.data.user, serverTime: now() });
  });

  const controls: RealtimeControls = {
    async closeParty(partyId) {
      try {
        await trivia.close(partyId);
        await closeRoom(io, takeOutHooks, peers, partyId);
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
    // The departures these closes announce must not wait for a window this process may not live to see.
    publisher.noticesAtOnce();
    const sent = sendConnectionsElsewhere(io);
    await settleWithin([...running], 5000);
    return sent;
  }
  return { io, controls, drain, noticesAtOnce: () => publisher.noticesAtOnce(), trivia };
}
