import { AppError } from "../../errors";
import { consumeLimits } from "../../rate-limit";
import { addReaction } from "../../room/add-reaction";
import { controlClock, setControlMode } from "../../room/control-clock";
import { createKeyedQueue } from "../../keyed-queue";
import { joinRoom } from "../../room/join-room";
import { deleteMessage, removeMember, sanctionMember } from "../../room/moderate-room";
import type { RoomDeps } from "../../room/room-deps";
import {
  clockCommandSchema,
  controlModeSchema,
  countdownSchema,
  deleteMessageSchema,
  historySchema,
  inRoomSchema,
  joinRoomSchema,
  reactSchema,
  readySchema,
  reportSchema,
  sanctionSchema,
  sendMessageSchema,
  typingSchema,
} from "../../room/room-events.types";
import { sendMessage } from "../../room/send-message";
import { shareJoinReads } from "../../room/share-join-reads";
import { startCountdown } from "../../room/start-countdown";
import type { ChatDelivery } from "../chat-delivery";
import { defineHandler, partyChannel, roleInRoom, type AppServer, type AppSocket } from "../handler";
import type { RoomPublisher } from "../room-publisher";
import { limitPerPerson, SOCKET_LIMITS, type SocketLimiters } from "../../socket-limits";
import { leaveCall } from "./call-handlers";

export interface RoomHandlerDeps {
  room: RoomDeps;
  limiters: Pick<SocketLimiters, "chat" | "chatByAddress" | "reactions" | "reactionsByAddress" | "typing" | "clock" | "roomSettings" | "moderation">;
  now: () => number;
  /** How stored messages reach the room (an outbox here; notifications with several processes). */
  chatDelivery: ChatDelivery;
  /** What the room is told: chat, presence, clock (room-publisher.ts). */
  publisher: RoomPublisher;
  /** Told when someone joins a room (trivia adds them to a round's lobby). */
  onJoin?(partyId: string, user: { id: string; name: string }): void;
  /** Told when someone's last connection leaves a room (trivia stops waiting for their answer). */
  onLeave?(partyId: string): void;
  /** Told when a connection has joined a room (the server measures its round trip). */
  onConnectionJoined?(socket: AppSocket): void;
  /** Takes a removed member's connections out of the room, on every process (room-takeout.ts). */
  takeOutMember(io: AppServer, partyId: string, userId: string): Promise<void>;
}

/**
 * A `viewer:report` (every viewer, every few seconds) changes only a drift
 * figure: its change waits for the longest window, 1 s, so a room of 20
 * reporting every 5 s sends its list about once a second, not four times.
 */
const REPORT_PRESENCE_DELAY_MS = 1000;

/** Takes a connection out of a room: presence, notices, and the Socket.IO room. */
export async function leaveRoom(options: {
  publisher: RoomPublisher;
  deps: RoomDeps;
  socket: AppSocket;
  partyId: string;
  onLeave: RoomHandlerDeps["onLeave"];
}): Promise<void> {
  const { publisher, deps, socket, partyId } = options;
  if (!socket.data.parties.delete(partyId)) return;
  await leaveCall(socket.nsp.server, socket, partyId);
  await socket.leave(partyChannel(partyId));
  const left = await deps.state.leave(partyId, socket.id);
  if (left?.gone) {
    publisher.presenceNotice(partyId, { userId: left.userId, name: socket.data.user.name, kind: "left" });
    options.onLeave?.(partyId);
  }
  publisher.presence(partyId);
}

const tooManyRooms = () =>
  new AppError(
    "RATE_LIMITED",
    `A connection can be in at most ${SOCKET_LIMITS.roomsPerConnection} party rooms at once: leave one first (room:leave).`,
  );

export function roomHandlers({ room, limiters, now, chatDelivery, publisher, onJoin, onLeave, onConnectionJoined, takeOutMember }: RoomHandlerDeps) {
  // One party's clock changes run one at a time in this process (each reads the
  // saved clock; across processes the save is a compare-and-set).
  const serial = createKeyedQueue();
  /** Joins of one party that come together share its reads. */
  const joinDeps = shareJoinReads(room);

  /** Rooms each connection is joining right now: they count towards its limit before they are joined. */
  const joining = new WeakMap<AppSocket, Set<string>>();

  return {
    "room:join": defineHandler("room:join", {
      schema: joinRoomSchema,
      async run(input, { socket, user, afterAck }) {
        const pending = joining.get(socket) ?? new Set<string>();
        joining.set(socket, pending);
        const isNew = !socket.data.parties.has(input.partyId) && !pending.has(input.partyId);
        if (isNew && socket.data.parties.size + pending.size >= SOCKET_LIMITS.roomsPerConnection) throw tooManyRooms();
        pending.add(input.partyId);
        const channel = partyChannel(input.partyId);
        // A join that fails takes the connection out of the Socket.IO room again, unless it was in before.
        const wasIn = socket.data.parties.has(input.partyId);
        let joined;
        try {
          joined = await joinRoom({
            deps: joinDeps,
            partyId: input.partyId,
            user,
            socketId: socket.id,
            invite: input.invite,
            afterSeq: input.afterSeq,
            now: now(),
            admitted: () => Promise.resolve(socket.join(channel)),
          });
        } catch (error) {
          if (!wasIn) await socket.leave(channel);
          throw error;
        } finally {
          pending.delete(input.partyId);
          // Kept only while joining: an idle connection holds no empty set.
          if (pending.size === 0) joining.delete(socket);
        }
        const { snapshot, firstConnection } = joined;
        // A connection that closed while joining is not left behind as present.
        if (socket.disconnected) {
          await room.state.leave(input.partyId, socket.id);
          throw new AppError("CONFLICT", "The connection closed while joining the room.");
        }
        socket.data.parties.set(input.partyId, snapshot.you.role);
        onConnectionJoined?.(socket);
        afterAck(async () => {
          if (firstConnection) publisher.presenceNotice(input.partyId, { userId: user.id, name: user.name, kind: "joined" });
          publisher.presence(input.partyId);
          onJoin?.(input.partyId, user);
        });
        return snapshot;
      },
    }),
    "room:leave": defineHandler("room:leave", {
      schema: inRoomSchema,
      async run(input, { socket }) {
        roleInRoom(socket, input.partyId);
        await leaveRoom({ publisher, deps: room, socket, partyId: input.partyId, onLeave });
        return { left: true as const };
      },
    }),
    "clock:command": defineHandler("clock:command", {
      schema: clockCommandSchema,
      async run(input, { socket, user, afterAck }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiters.clock, user.id, "playback commands");
        const { clock, controlMode } = await serial(`clock:${input.partyId}`, () =>
          controlClock({ deps: room, partyId: input.partyId, role, command: input.command, now }),
        );
        afterAck(() => publisher.clock(input.partyId, { clock, controlMode, by: user.name }));
        return { clock };
      },
    }),
    "clock:control-mode": defineHandler("clock:control-mode", {
      schema: controlModeSchema,
      async run(input, { socket, user, afterAck }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiters.roomSettings, user.id, "room settings");
        const { clock, controlMode } = await serial(`clock:${input.partyId}`, () =>
          setControlMode({ deps: room, partyId: input.partyId, role, mode: input.mode, now }),
        );
        afterAck(() => publisher.clock(input.partyId, { clock, controlMode, by: user.name }));
        return { controlMode };
      },
    }),
    "ready:set": defineHandler("ready:set", {
      schema: readySchema,
      async run(input, { socket, user, afterAck }) {
        roleInRoom(socket, input.partyId);
        await room.state.update(input.partyId, user.id, { ready: input.ready });
        afterAck(() => publisher.presence(input.partyId));
        return { ready: input.ready };
      },
    }),
    "ready:countdown": defineHandler("ready:countdown", {
      schema: countdownSchema,
      async run(input, { socket, io, user, afterAck }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiters.roomSettings, user.id, "room settings");
        const result = await serial(`clock:${input.partyId}`, () =>
          startCountdown({ deps: room, partyId: input.partyId, role, seconds: input.seconds, now }),
        );
        afterAck(() => {
          const channel = io.to(partyChannel(input.partyId));
          channel.emit("ready:countdown", { partyId: input.partyId, startAtServerMs: result.startAtServerMs, seconds: input.seconds, by: user.name });
          publisher.clock(input.partyId, { clock: result.clock, controlMode: result.controlMode, by: user.name });
        });
        return { startAtServerMs: result.startAtServerMs, clock: result.clock };
      },
    }),
    "viewer:report": defineHandler("viewer:report", {
      schema: reportSchema,
      async run(input, { socket, user, afterAck }) {
        roleInRoom(socket, input.partyId);
        await room.state.update(input.partyId, user.id, { driftMs: input.driftMs, inSync: input.inSync, syncedBy: input.source });
        afterAck(() => publisher.presence(input.partyId, REPORT_PRESENCE_DELAY_MS));
        return { reported: true as const };
      },
    }),
    "chat:send": defineHandler("chat:send", {
      schema: sendMessageSchema,
      async run(input, { socket, user, afterAck }) {
        roleInRoom(socket, input.partyId);
        const { partyId, ...message } = input;
        // A resend is delivered again too: the others may have missed it (clients drop a message whose id they have).
        const { sent, deliver } = await chatDelivery.send(partyId, () =>
          sendMessage({
            deps: room,
            limiters: { person: limiters.chat, address: limiters.chatByAddress },
            partyId,
            sender: { id: user.id, name: user.name, address: socket.data.address },
            input: message,
          }),
        );
        afterAck(deliver);
        return { message: sent.message };
      },
    }),
    "chat:history": defineHandler("chat:history", {
      schema: historySchema,
      async run(input, { socket }) {
        roleInRoom(socket, input.partyId);
        return { messages: await room.rooms.messagesAfter(input.partyId, input.afterSeq, 1000) };
      },
    }),
    "chat:react": defineHandler("chat:react", {
      schema: reactSchema,
      async run(input, { socket, io, user, afterAck }) {
        roleInRoom(socket, input.partyId);
        const { partyId, ...reaction } = input;
        await addReaction({
          deps: room,
          limiters: { person: limiters.reactions, address: limiters.reactionsByAddress },
          partyId,
          sender: { id: user.id, address: socket.data.address },
          input: reaction,
        });
        afterAck(() => void io.to(partyChannel(input.partyId)).emit("chat:reaction", { ...input, userId: user.id }));
        return { reacted: true as const };
      },
    }),
    "chat:typing": defineHandler("chat:typing", {
      schema: typingSchema,
      async run(input, { socket, user, afterAck }) {
        roleInRoom(socket, input.partyId);
        await consumeLimits([
          { limiter: limiters.typing, key: user.id, message: (s) => `You are sending typing updates too fast. Try again in ${s} s.` },
        ]);
        afterAck(() => void socket.to(partyChannel(input.partyId)).emit("chat:typing", { partyId: input.partyId, userId: user.id, name: user.name, typing: input.typing }));
        return { typing: input.typing };
      },
    }),
    "chat:delete": defineHandler("chat:delete", {
      schema: deleteMessageSchema,
      async run(input, { socket, io, afterAck }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiters.moderation, socket.data.user.id, "moderation commands");
        await deleteMessage({ deps: room, partyId: input.partyId, role, messageId: input.messageId });
        afterAck(() => void io.to(partyChannel(input.partyId)).emit("chat:deleted", input));
        return { deleted: true as const };
      },
    }),
    "member:mute": defineHandler("member:mute", {
      schema: sanctionSchema,
      async run(input, { socket, io, afterAck }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiters.moderation, socket.data.user.id, "moderation commands");
        await sanctionMember({ deps: room, partyId: input.partyId, role, userId: input.userId, kind: "muted", on: input.on });
        afterAck(() => {
          io.to(partyChannel(input.partyId)).emit("member:sanctioned", { partyId: input.partyId, userId: input.userId, kind: input.on ? "muted" : "unmuted" });
        });
        return { muted: input.on };
      },
    }),
    "member:remove": defineHandler("member:remove", {
      schema: sanctionSchema,
      async run(input, { socket, io, afterAck }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiters.moderation, socket.data.user.id, "moderation commands");
        // Before the ack: once the host hears it, the member's connections are out on every process (each was told).
        await removeMember({ deps: room, realtime: { takeOutMember: (partyId, userId) => takeOutMember(io, partyId, userId) }, partyId: input.partyId, role, userId: input.userId });
        afterAck(() => {
          io.to(partyChannel(input.partyId)).emit("member:sanctioned", { partyId: input.partyId, userId: input.userId, kind: "removed" });
        });
        return { removed: true as const };
      },
    }),
  };
}
