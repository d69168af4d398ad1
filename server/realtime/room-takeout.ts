import type { Logger } from "pino";
import { z } from "zod";
import type { ProcessRegistry } from "../cluster/process-registry";
import { rowIdSchema } from "../parties/party-id";
import { listPresence, sendsNotices } from "../room/list-presence";
import type { RoomDeps } from "../room/room-deps";
import { partyChannel, userChannel, type AppServer, type AppSocket } from "./handler";
import { leaveRoom, type RoomHandlerDeps } from "./handlers/room-handlers";

/** A room's connections to take out: a removed member's, or everyone's when the party is cancelled. */
const takeOutSchema = z.object({
  partyId: rowIdSchema("party"),
  kind: z.enum(["removed", "cancelled"]),
  userId: rowIdSchema("member").optional(),
});
export type TakeOut = z.infer<typeof takeOutSchema>;

/** What the processes serving one app tell each other (Socket.IO's serverSideEmit, through the adapter). */
export interface InterServerEvents {
  /** Take these connections out of the room here; answered once done. */
  "room:take-out": (order: TakeOut, done: (taken: number) => void) => void;
}

/** Servers whose processes share Redis: a take-out is told to the others too. */
const clustered = new WeakSet<AppServer>();

type Hooks = { deps: RoomDeps; onLeave: RoomHandlerDeps["onLeave"]; logger: Logger };

/**
 * Takes this process's connections named by `order` out of the room: each is
 * out (its room events refused) before it is told, `member:sanctioned` for a
 * removed member, `room:closed` for a cancelled party.
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
      const leaving = leaveRoom({ io, deps: hooks.deps, socket, partyId, onLeave: hooks.onLeave });
      if (order.kind === "cancelled") socket.emit("room:closed", { partyId, reason: "cancelled" });
      else socket.emit("member:sanctioned", { partyId, userId: socket.data.user.id, kind: "removed" });
      return leaving;
    }),
  );
  return sockets.length;
}

/**
 * Takes the connections out here and on every other process, waiting for
 * their answers (up to the adapter's 5 s; one that does not answer is logged:
 * the stored sanction or cancel still refuses that member's next join).
 */
async function takeOut(io: AppServer, hooks: Hooks, order: TakeOut): Promise<void> {
  const elsewhere = clustered.has(io)
    ? io.serverSideEmitWithAck("room:take-out", order).catch((err: unknown) => hooks.logger.warn({ err, partyId: order.partyId }, "a process did not answer a take-out"))
    : undefined;
  await Promise.all([takeOutHere(io, hooks, order), elsewhere]);
}

/** A removed member's connections leave the room, on every process. */
export function takeOutMember(io: AppServer, hooks: Hooks, partyId: string, userId: string): Promise<void> {
  return takeOut(io, hooks, { partyId, userId, kind: "removed" });
}

/**
 * A cancelled party's room closes: everyone in it, on every process, is
 * taken out of the Socket.IO room and of presence, told (`room:closed`), and
 * from then on every room event of theirs for it is answered CONFLICT (roleInRoom).
 */
export function closeRoom(io: AppServer, hooks: Hooks, partyId: string): Promise<void> {
  return takeOut(io, hooks, { partyId, kind: "cancelled" });
}

/**
 * Several processes serve the rooms: take-outs asked by the others are done
 * here, and the process registry starts. Connections the janitor took out
 * (a dead process's) are told as leaving; when this process was taken for
 * dead itself, its connections are closed so that the clients reconnect and
 * join again (the room page does on every connect).
 */
export function shareRooms(options: { io: AppServer; hooks: Hooks; processes: ProcessRegistry }): void {
  const { io, hooks } = options;
  const { logger } = hooks;
  clustered.add(io);
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
  options.processes.start({
    async swept(partyId, left) {
      const notices = sendsNotices(io.sockets.adapter.rooms.get(partyChannel(partyId))?.size ?? 0);
      for (const { userId, name, gone } of left) {
        if (!gone) continue;
        if (notices) io.to(partyChannel(partyId)).emit("presence:notice", { partyId, userId, name, kind: "left" });
        hooks.onLeave?.(partyId);
      }
      // At once, not in a presence window: this may be the last thing a stopping process sends.
      io.to(partyChannel(partyId)).emit("presence:update", { partyId, ...listPresence(await hooks.deps.state.presence(partyId)) });
    },
    lost() {
      for (const socket of io.sockets.sockets.values()) socket.conn.close();
    },
  });
}
