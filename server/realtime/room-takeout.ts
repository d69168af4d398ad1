import type { Logger } from "pino";
import type { ProcessRegistry } from "./processes";
import type { RoomDeps } from "../room/room-deps";
import { extensionChannel, extensionPartyChannel, partyChannel, userChannel } from "./channels";
import type { AppServer, AppSocket, InterServerEvents } from "./socket-types";
import { takeOutSchema, type TakeOut } from "./take-out.types";
import { roundStartedSchema, type RoundStarted } from "./round-started.types";
import { leaveRoom, type RoomHandlerDeps } from "./handlers/room-handlers";
import type { RoomPublisher } from "./room-publisher";

export type { InterServerEvents, TakeOut };


export type TakeOutHooks = {
  deps: RoomDeps;
  publisher: RoomPublisher;
  onLeave: RoomHandlerDeps["onLeave"];
  logger: Logger;
  /** Another process started a trivia round in a party. */
  onRoundStarted?(notice: RoundStarted): void;
};
type Hooks = TakeOutHooks;

/**
 * The other processes serving the rooms, as the topology has them: none for
 * one process; with several, a take-out is told to every other one, and this
 * one answers theirs and the process registry's sweeps.
 */
export interface RoomPeers {
  /** Tells the others to take these connections out, and waits for their answers. */
  takeOut(io: AppServer, hooks: Hooks, order: TakeOut): Promise<void>;
  /** Tells the others a trivia round started, and waits for their answers (at most ROUND_NOTICE_WAIT_MS). */
  roundStarted(io: AppServer, hooks: Hooks, notice: RoundStarted): Promise<void>;
  /** Starts answering the others (once, when the realtime server starts). */
  start(io: AppServer, hooks: Hooks): void;
}

/**
 * How long a trivia start waits for the other processes to hear of it before
 * its host is answered: one that has not answered by then is dead or stuck
 * (its "no round" memo lasts at most NO_ROUND_MEMO.ttlMs, server/trivia/trivia-runner.ts).
 */
export const ROUND_NOTICE_WAIT_MS = 1000;

/** One process: nobody else to tell. */
export const noPeers: RoomPeers = { takeOut: async () => undefined, roundStarted: async () => undefined, start: () => undefined };

/** Several processes sharing Redis: take-outs go to every other process through the adapter. */
export function processPeers(processes: ProcessRegistry): RoomPeers {
  return {
    async takeOut(io, hooks, order) {
      await io.serverSideEmitWithAck("room:take-out", order).catch((err: unknown) => hooks.logger.warn({ err, partyId: order.partyId }, "a process did not answer a take-out"));
    },
    async roundStarted(io, hooks, notice) {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<"gave up">((resolve) => (timer = setTimeout(() => resolve("gave up"), ROUND_NOTICE_WAIT_MS)));
      const answered = io.serverSideEmitWithAck("trivia:started", notice).then(
        () => "answered" as const,
        (err: unknown) => hooks.logger.warn({ err, partyId: notice.partyId }, "a process did not answer a trivia start"),
      );
      const outcome = await Promise.race([answered, gaveUp]).finally(() => clearTimeout(timer));
      if (outcome === "gave up") hooks.logger.warn({ partyId: notice.partyId, waitedMs: ROUND_NOTICE_WAIT_MS }, "a process did not answer a trivia start in time");
    },
    start(io, hooks) {
      shareRooms({ io, hooks, processes });
    },
  };
}

/**
 * Takes this process's connections named by `order` out of the room: each is
 * out (its room events refused) before it is told, `member:sanctioned` for a
 * removed member, `room:closed` for a cancelled party. The extension
 * connections linked to the party (the member's, or everyone's on a cancel)
 * are then closed: their link died with its reason (their token's next
 * handshake or renewal is refused by the same access rule).
 */
async function takeOutHere(io: AppServer, hooks: Hooks, order: TakeOut): Promise<number> {
  const { partyId } = order;
  const channel = order.userId ? userChannel(order.userId) : partyChannel(partyId);
  const sockets = [...(io.sockets.adapter.rooms.get(channel) ?? [])]
    .map((id) => io.sockets.sockets.get(id))
    .filter((socket): socket is AppSocket => socket?.data.parties.has(partyId) === true);
  await Promise.all(
    sockets.map((socket) => {
      if (order.kind === "cancelled") socket.data.closedParties.add(partyId);
      // leaveRoom forgets the room at once, before anything is awaited.
      const leaving = leaveRoom({ publisher: hooks.publisher, deps: hooks.deps, socket, partyId, onLeave: hooks.onLeave });
      if (order.kind === "cancelled") socket.emit("room:closed", { partyId, reason: "cancelled" });
      else socket.emit("member:sanctioned", { partyId, userId: socket.data.user.id, kind: "removed" });
      return leaving;
    }),
  );
  const links = order.userId ? extensionChannel(order.userId, partyId) : extensionPartyChannel(partyId);
  io.local.in(links).disconnectSockets(true);
  return sockets.length;
}

/**
 * Takes the connections out here and on every other process, waiting for
 * their answers (up to the adapter's 5 s; one that does not answer is logged:
 * the stored sanction or cancel still refuses that member's next join).
 */
async function takeOut(io: AppServer, hooks: Hooks, peers: RoomPeers, order: TakeOut): Promise<void> {
  await Promise.all([takeOutHere(io, hooks, order), peers.takeOut(io, hooks, order)]);
}

/** A removed member's connections leave the room, on every process. */
export function takeOutMember(io: AppServer, hooks: Hooks, peers: RoomPeers, partyId: string, userId: string): Promise<void> {
  return takeOut(io, hooks, peers, { partyId, userId, kind: "removed" });
}

/**
 * A cancelled party's room closes: everyone in it, on every process, is
 * taken out of the Socket.IO room and of presence, told (`room:closed`), and
 * from then on every room event of theirs for it is answered CONFLICT (roleInRoom).
 */
export function closeRoom(io: AppServer, hooks: Hooks, peers: RoomPeers, partyId: string): Promise<void> {
  return takeOut(io, hooks, peers, { partyId, kind: "cancelled" });
}

/**
 * Several processes serve the rooms: take-outs asked by the others are done
 * here, and the process registry starts. Connections the janitor took out
 * (a dead process's) are told as leaving; when this process was taken for
 * dead itself, its connections are closed so that the clients reconnect and
 * join again (the room page does on every connect).
 */
function shareRooms(options: { io: AppServer; hooks: Hooks; processes: ProcessRegistry }): void {
  const { io, hooks } = options;
  const { logger } = hooks;
  io.on("room:take-out", (order, done) => {
    const parsed = takeOutSchema.safeParse(order);
    if (!parsed.success) return logger.error({ order }, "a take-out order from another process is malformed");
    takeOutHere(io, hooks, parsed.data)
      .then(done)
      .catch((err: unknown) => {
        logger.error({ err, partyId: parsed.data.partyId }, "taking connections out of a room failed");
        done(0);
      });
  });
  io.on("trivia:started", (notice, done) => {
    const parsed = roundStartedSchema.safeParse(notice);
    if (!parsed.success) return logger.error({ notice }, "a trivia start notice from another process is malformed");
    hooks.onRoundStarted?.(parsed.data);
    done();
  });
  options.processes.start({
    async swept(partyId, left) {
      for (const { userId, name, gone } of left) {
        if (!gone) continue;
        hooks.publisher.presenceNotice(partyId, { userId, name, kind: "left" });
        hooks.onLeave?.(partyId);
      }
      // At once, not in a presence window: this may be the last thing a stopping process sends.
      await hooks.publisher.presenceNow(partyId);
    },
    lost() {
      for (const socket of io.sockets.sockets.values()) socket.conn.close();
    },
  });
}
