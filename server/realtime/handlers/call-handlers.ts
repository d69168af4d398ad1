import { AppError } from "../../errors";
import type { PartyRepository } from "../../parties/party";
import { consumeLimits, memoryLimiter } from "../../rate-limit";
import { defineHandler, partyChannel, roleInRoom, type AppServer, type AppSocket } from "../handler";
import type { CallJoined, CallPeer } from "../protocol";
import { partyCancelled } from "../../parties/party-cancelled";
import type { CallStore } from "../../voice/call-store";
import { callHostSchema, callJoinSchema, callLeaveSchema, callSignalSchema, callUpdateSchema } from "../../voice/call-events.types";
import type { JanusGateway } from "../../voice/janus-gateway";
import { JANUS_WS_PATH } from "../../voice/janus-gateway";
import { mintTurnCredentials, type IceServer, type TurnConfig } from "../../voice/turn-credentials";

/** A mesh call connects everyone to everyone: at most this many people (docs/voice.md). */
export const MESH_LIMIT = 6;
/** A large call (through Janus's AudioBridge: one stream up and one down per person) takes at most this many. */
export const LARGE_LIMIT = 30;

/**
 * The call's limits, per connection (a connection lives on one process, so a
 * counter in memory is exact there): joining a mesh of 6 exchanges an offer,
 * an answer and a handful of candidates with each of the others, so 300
 * signals per 10 s is several full joins; 30 joins/updates per 10 s is far
 * above tapping mute; hosts' actions 30 per 10 s.
 */
export const CALL_LIMITS = {
  signalsPerConnection: { points: 300, duration: 10 },
  changesPerConnection: { points: 30, duration: 10 },
  hostActionsPerPerson: { points: 30, duration: 10 },
} as const;

export interface VoiceDeps {
  store: CallStore;
  parties: Pick<PartyRepository, "findById">;
  /** The TURN relay the app mints per-person credentials for; without it, calls use host candidates only. */
  turn?: TurnConfig;
  /** Janus for large calls; without it a call stops at MESH_LIMIT. */
  janus?: JanusGateway;
  now: () => number;
}

/** The Janus tokens a person's connections hold in a large call (their seats). */
function seatsOf(sockets: ReadonlyArray<{ data: { call?: { janusToken?: string } | undefined } }>): string[] {
  return sockets.flatMap((s) => (s.data.call?.janusToken ? [s.data.call.janusToken] : []));
}

/** What leaving does in Janus (the token is taken back; the last one out closes the party's rooms), per server. */
const largeCallLeaves = new WeakMap<AppServer, (partyId: string, token: string) => Promise<void>>();

/** Every connection in a party's call. */
export const callChannel = (partyId: string) => `call:${partyId}`;
/** One connection in a call: signals for it go here, so only a peer in that party's call can receive them. */
const peerChannel = (partyId: string, peerId: string) => `call:${partyId}:peer:${peerId}`;
/** One person's connections in a call (a host's mute or removal reaches them all, on every process). */
const callUserChannel = (partyId: string, userId: string) => `call:${partyId}:user:${userId}`;

/** Whether this connection is in the party's call now (a host's removal on another process takes it out of the rooms). */
export function inCall(socket: AppSocket, partyId: string): boolean {
  return socket.data.call?.partyId === partyId && socket.rooms.has(callChannel(partyId));
}

function requireInCall(socket: AppSocket, partyId: string): void {
  roleInRoom(socket, partyId);
  if (!inCall(socket, partyId)) throw new AppError("FORBIDDEN", "Join the call first (call:join).");
}

/** Takes a connection out of a party's call, telling the others; nothing when it is not in it. */
export async function leaveCall(io: AppServer, socket: AppSocket, partyId: string): Promise<void> {
  if (socket.data.call?.partyId !== partyId) return;
  // A closed connection has already left its rooms (Socket.IO leaves them before "disconnect"); a second notice is harmless.
  const wasIn = socket.disconnected || socket.rooms.has(callChannel(partyId));
  const token = socket.data.call.janusToken;
  delete socket.data.call;
  await Promise.all([callChannel(partyId), peerChannel(partyId, socket.id), callUserChannel(partyId, socket.data.user.id)].map((room) => socket.leave(room)));
  if (wasIn) io.to(callChannel(partyId)).emit("call:peer-left", { partyId, peerId: socket.id });
  if (token) await largeCallLeaves.get(io)?.(partyId, token).catch(() => undefined);
}

/** The people in a party's call, on every process (the adapter asks the others). */
async function peersIn(io: AppServer, partyId: string, hostMuted: string[]): Promise<CallPeer[]> {
  const sockets = await io.in(callChannel(partyId)).fetchSockets();
  return sockets
    .filter((s) => s.data.call?.partyId === partyId)
    .map((s) => ({
      peerId: s.id,
      userId: s.data.user.id,
      name: s.data.user.name,
      muted: s.data.call!.muted,
      camera: s.data.call!.camera,
      hostMuted: hostMuted.includes(s.data.user.id),
    }));
}

function iceServersFor(turn: TurnConfig | undefined, userId: string, now: number): { iceServers: IceServer[]; relayExpiresAt: number | null } {
  if (!turn) return { iceServers: [], relayExpiresAt: null };
  const { expiresAt, ...server } = mintTurnCredentials(turn, userId, now);
  return { iceServers: [server], relayExpiresAt: expiresAt };
}

export function voiceHandlers(deps: VoiceDeps) {
  /** Moves the party's call to Janus: its rooms made, everyone in the mesh told to join again (they get seats there). */
  async function switchToLarge(io: AppServer, partyId: string, byUserId: string, by: string): Promise<void> {
    await deps.janus!.openRooms(partyId);
    await deps.store.setLarge(partyId, true);
    io.to(callChannel(partyId)).emit("call:moderated", { partyId, action: "large", byUserId, by });
  }

  /** A seat in the party's Janus rooms for one connection (its earlier token, after a switch, taken back). */
  async function seatIn(io: AppServer, janus: JanusGateway, partyId: string, userId: string, earlier: string | undefined): Promise<NonNullable<CallJoined["janus"]>> {
    largeCallLeaves.set(io, async (party, token) => {
      await janus.unseat(party, token);
      // The last one out: the party's rooms go, and the next call starts as a mesh again.
      if ((await io.in(callChannel(party)).fetchSockets()).length === 0) {
        await deps.store.setLarge(party, false);
        await janus.closeRooms(party);
      }
    });
    // The earlier token goes while the new seat is made (the rooms are there already but for a restarted Janus).
    const [seat] = await Promise.all([janus.openRooms(partyId).then(() => janus.seat(partyId, userId)), earlier ? janus.unseat(partyId, earlier) : undefined]);
    return { path: JANUS_WS_PATH, ...seat };
  }


  const signals = memoryLimiter("call-signals", CALL_LIMITS.signalsPerConnection);
  const changes = memoryLimiter("call-changes", CALL_LIMITS.changesPerConnection);
  const hostActions = memoryLimiter("call-host", CALL_LIMITS.hostActionsPerPerson);
  const tooFast = (what: string) => (s: number) => `You are sending ${what} too fast. Try again in ${s} s.`;

  return {
    "call:join": defineHandler("call:join", {
      schema: callJoinSchema,
      async run(input, { socket, io, user, afterAck }) {
        const { partyId } = input;
        roleInRoom(socket, partyId);
        await consumeLimits([{ limiter: changes, key: socket.id, message: tooFast("call changes") }]);
        const rules = await deps.store.read(partyId);
        if (rules.removed.includes(user.id)) throw new AppError("FORBIDDEN", "A host removed you from this party's call.");
        if (rules.off) throw new AppError("CONFLICT", "The hosts turned the call off for this party.");
        const hostMuted = rules.hostMuted.includes(user.id);
        const already = inCall(socket, partyId);
        if (!already && socket.data.call) await leaveCall(io, socket, socket.data.call.partyId);
        const others = (await peersIn(io, partyId, rules.hostMuted)).filter((p) => p.peerId !== socket.id);
        // Above the mesh's size the call moves to Janus (everyone in it joins again there: call:moderated "large").
        const large = rules.large || (deps.janus !== undefined && others.length >= MESH_LIMIT);
        const limit = large ? LARGE_LIMIT : MESH_LIMIT;
        if (!already && others.length >= limit) {
          throw new AppError("BUSY", `The call is full: ${limit} people can talk at once. Try again when someone leaves.`);
        }
        let janus: CallJoined["janus"];
        if (large) {
          if (!deps.janus) throw new AppError("CONFLICT", "This party's call went through a media server that is not available now.");
          if (!rules.large) await switchToLarge(io, partyId, user.id, user.name);
          janus = await seatIn(io, deps.janus, partyId, user.id, socket.data.call?.janusToken);
        }
        // A host-muted person joins muted.
        socket.data.call = { partyId, muted: input.muted || hostMuted, camera: input.camera, ...(janus ? { janusToken: janus.token } : {}) };
        await Promise.all([callChannel(partyId), peerChannel(partyId, socket.id), callUserChannel(partyId, user.id)].map((room) => socket.join(room)));
        // A large call's list is taken again now that this connection is in the call's rooms: whoever joins at the same
        // time (on another process) is either in it or tells this connection (call:peer-joined) after it joined. A mesh
        // keeps the first list: there both sides would offer to each other.
        const peers = large ? (await peersIn(io, partyId, rules.hostMuted)).filter((p) => p.peerId !== socket.id) : others;
        const you: CallPeer = { peerId: socket.id, userId: user.id, name: user.name, muted: socket.data.call.muted, camera: input.camera, hostMuted };
        afterAck(() => void socket.to(callChannel(partyId)).emit(already ? "call:peer-updated" : "call:peer-joined", { partyId, peer: you }));
        return { you, peers, limit, largeCalls: deps.janus !== undefined, ...iceServersFor(deps.turn, user.id, deps.now()), ...(janus ? { janus } : {}) };
      },
    }),
    "call:leave": defineHandler("call:leave", {
      schema: callLeaveSchema,
      async run(input, { socket, io }) {
        roleInRoom(socket, input.partyId);
        await leaveCall(io, socket, input.partyId);
        return { left: true as const };
      },
    }),
    // Fresh TURN credentials for a long call, asked for before the old ones expire (coturn refuses to refresh an allocation after).
    "call:relay": defineHandler("call:relay", {
      schema: callLeaveSchema,
      async run(input, { socket, user }) {
        requireInCall(socket, input.partyId);
        await consumeLimits([{ limiter: changes, key: socket.id, message: tooFast("call changes") }]);
        return iceServersFor(deps.turn, user.id, deps.now());
      },
    }),
    "call:signal": defineHandler("call:signal", {
      schema: callSignalSchema,
      async run(input, { socket, io }) {
        requireInCall(socket, input.partyId);
        if (input.to === socket.id) throw new AppError("VALIDATION_FAILED", "A peer cannot signal itself.", { to: "another peer in the call" });
        await consumeLimits([{ limiter: signals, key: socket.id, message: tooFast("call signals") }]);
        // To the peer's own room in this party's call: a connection that is not in it receives nothing.
        io.to(peerChannel(input.partyId, input.to)).emit("call:signal", { partyId: input.partyId, from: socket.id, signal: input.signal });
        return { sent: true as const };
      },
    }),
    "call:update": defineHandler("call:update", {
      schema: callUpdateSchema,
      async run(input, { socket, user, afterAck }) {
        requireInCall(socket, input.partyId);
        await consumeLimits([{ limiter: changes, key: socket.id, message: tooFast("call changes") }]);
        const rules = await deps.store.read(input.partyId);
        const hostMuted = rules.hostMuted.includes(user.id);
        if (hostMuted && !input.muted) throw new AppError("FORBIDDEN", "A host muted you in this call: you can listen, and talk again once a host lets you.");
        // The rest (a large call's Janus token) stays: removal and leaving take it back.
        socket.data.call = { ...socket.data.call!, muted: input.muted, camera: input.camera };
        const peer: CallPeer = { peerId: socket.id, userId: user.id, name: user.name, muted: input.muted, camera: input.camera, hostMuted };
        afterAck(() => void socket.to(callChannel(input.partyId)).emit("call:peer-updated", { partyId: input.partyId, peer }));
        return { muted: input.muted, camera: input.camera };
      },
    }),
    "call:host": defineHandler("call:host", {
      schema: callHostSchema,
      async run(input, { socket, io, user, afterAck }) {
        const { partyId, action, userId } = input;
        const role = roleInRoom(socket, partyId);
        if (role === "guest") throw new AppError("FORBIDDEN", "Only the host and co-hosts run the call.");
        await consumeLimits([{ limiter: hostActions, key: user.id, message: tooFast("call controls") }]);
        // The party (from the database) and the call's rules (memory or Redis) at once: one round trip before the
        // change is kept and the word goes out, not two in a row (each a wait on a busy machine).
        const [party, rules] = await Promise.all([deps.parties.findById(partyId), deps.store.read(partyId)]);
        if (!party) throw new AppError("NOT_FOUND", "There is no such party.");
        if (party.cancelledAt) throw partyCancelled();
        if (userId !== undefined && (party.hostId === userId || party.cohostIds.includes(userId))) {
          throw new AppError("FORBIDDEN", "Hosts and co-hosts cannot be muted or removed.");
        }
        const janus = rules.large ? deps.janus : undefined;
        const tell = (moderated: "muted" | "unmuted" | "muted-all" | "removed" | "ended" | "opened") =>
          io.to(partyChannel(partyId)).emit("call:moderated", { partyId, action: moderated, ...(userId ? { userId } : {}), byUserId: user.id, by: user.name });
        switch (action) {
          case "mute":
          case "unmute":
            await deps.store.setHostMuted(partyId, userId!, action === "mute");
            afterAck(async () => {
              tell(action === "mute" ? "muted" : "unmuted");
              // In a large call Janus drops their audio from the mix too, whatever their page sends (after the word
              // goes out: their page mutes itself at once; Janus's own requests take a second or more).
              if (!janus) return;
              const theirs = await io.in(callUserChannel(partyId, userId!)).fetchSockets();
              await janus.mute(partyId, userId!, action === "mute", seatsOf(theirs));
            });
            break;
          case "mute-all":
            afterAck(() => void tell("muted-all"));
            break;
          case "remove": {
            await deps.store.remove(partyId, userId!);
            // Out of the call's rooms on every process before the host hears back: their signals are refused from now on.
            const theirs = await io.in(callUserChannel(partyId, userId!)).fetchSockets();
            theirs.forEach((s) => [callChannel(partyId), peerChannel(partyId, s.id)].forEach((room) => s.leave(room)));
            afterAck(async () => {
              for (const s of theirs) io.to(callChannel(partyId)).emit("call:peer-left", { partyId, peerId: s.id });
              tell("removed");
              // Out of Janus's rooms too, and their tokens taken back: Janus refuses them from now on. After the
              // word goes out (their page hangs up at once; a page that does not is cut off here, a second later).
              if (janus) {
                const tokens = seatsOf(theirs);
                await Promise.all([janus.kick(partyId, userId!, tokens), ...tokens.map((token) => janus.unseat(partyId, token))]);
              }
            });
            break;
          }
          case "end": {
            await deps.store.setOff(partyId, true);
            const everyone = await io.in(callChannel(partyId)).fetchSockets();
            everyone.forEach((s) => [callChannel(partyId), peerChannel(partyId, s.id)].forEach((room) => s.leave(room)));
            if (rules.large) {
              await deps.store.setLarge(partyId, false);
              await deps.janus?.closeRooms(partyId);
            }
            afterAck(() => void tell("ended"));
            break;
          }
          case "open":
            await deps.store.setOff(partyId, false);
            afterAck(() => void tell("opened"));
            break;
          case "large":
            if (!deps.janus) throw new AppError("CONFLICT", "Large calls need the media server, and this site has none.");
            if (!rules.large) await switchToLarge(io, partyId, user.id, user.name);
            break;
        }
        return { done: true as const };
      },
    }),
  };
}
