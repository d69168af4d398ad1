"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { estimateOffset, type SyncSample } from "@/shared/clock-estimator";
import { positionAt } from "@/shared/party-clock";
import { roomClient, type RoomAnswer, type RoomEventName, type RoomPayload } from "@/shared/room-client";
import type {
  AckResult,
  HistoryMessage,
  ClientEvents,
  ClientResult,
  ClockState,
  ControlMode,
  MomentBucket,
  PlayerView,
  PresenceCount,
  PresenceEntry,
  PublicRoundView,
  RoomSnapshot,
  ServerEvents,
} from "@/server/realtime/protocol";
import type { MomentResult } from "@/shared/trivia-moments";
import type { PublicMoment } from "@/server/trivia/moments";
import { describeClockChange, type ClockChange } from "@/shared/clock-change";
import { presenceNoticeTexts } from "@/shared/presence-notices";

type RoomSocket = Socket<ServerEvents, ClientEvents>;

const SYNC_SAMPLES = 8;
const RESYNC_EVERY_MS = 30_000;
/** Someone's "typing…" goes away this long after their last update (a lost "stopped" cannot leave it up). */
export const TYPING_SHOWN_MS = 6000;

export interface RoomView {
  status: "connecting" | "joined" | "error";
  error: string | null;
  snapshot: RoomSnapshot | null;
  clock: ClockState | null;
  controlMode: ControlMode;
  /** At most 50 people (a bigger room lists its hosts first, then the people here); `presenceCount` counts them all. */
  presence: PresenceEntry[];
  presenceCount: PresenceCount;
  messages: HistoryMessage[];
  moments: MomentBucket[];
  /** Who is typing, by user id, with when we last heard it. */
  typing: Record<string, { name: string; at: number }>;
  /** "Ana joined.": the latest few, each with an id for its toast. */
  notices: Array<{ id: number; text: string }>;
  countdown: { startAtServerMs: number; seconds: number } | null;
  offsetMs: number;
  /** The round, this player's standing, and the round's questions pinned to episode moments. */
  trivia: { round: PublicRoundView | null; you: PlayerView | null; moments: PublicMoment[] };
  /** Pinned questions this person answered on any of their screens (the panel, another tab), this page included. */
  answeredMoments: MomentResult[];
  /** The latest thing someone did to the clock, and who. */
  clockChange: (ClockChange & { by: string; id: number }) | null;
  /** Reactions of the last few seconds, floating over the clock (and the stage) for everyone. */
  floating: Array<{ id: number; emoji: string; name: string | null }>;
}

/** How long a reaction floats, and how many float at once at most. */
export const FLOAT_MS = 2800;
const FLOATING_MAX = 24;

/**
 * The room's connection: joins, keeps the server-clock estimate, follows every
 * room event, and rejoins after a reconnect with the last message it saw.
 */
export function useRoom(partyId: string, invite: string | null) {
  const socketRef = useRef<RoomSocket | null>(null);
  /** Resolves once the connection is in the room: an event sent before (after a reconnect) would be refused. */
  const inRoom = useRef<() => Promise<void>>(() => Promise.resolve());
  const lastSeq = useRef<number | undefined>(undefined);
  const samples = useRef<SyncSample[]>([]);
  const [view, setView] = useState<RoomView>({
    status: "connecting",
    error: null,
    snapshot: null,
    clock: null,
    controlMode: "hosts",
    presence: [],
    presenceCount: { here: 0, total: 0 },
    messages: [],
    moments: [],
    typing: {},
    notices: [],
    countdown: null,
    offsetMs: 0,
    trivia: { round: null, you: null, moments: [] },
    answeredMoments: [],
    clockChange: null,
    floating: [],
  });

  /**
   * Adds messages by id, in seq order: one that arrives twice (a resend is
   * delivered again, a message may come both with the history and live) is
   * kept once and counted once in the moments when `live` (sent or received now).
   */
  const addMessages = useCallback((incoming: HistoryMessage[], live = false) => {
    setView((v) => {
      const byId = new Map(v.messages.map((m) => [m.id, m]));
      let moments = v.moments;
      for (const m of incoming) {
        if (live && !byId.has(m.id)) moments = bump(moments, m.episode, Math.floor(m.positionMs / 60_000));
        byId.set(m.id, m);
      }
      const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
      lastSeq.current = messages.at(-1)?.seq ?? lastSeq.current;
      return { ...v, messages, moments };
    });
  }, []);

  useEffect(() => {
    // WebSocket only: behind a load balancer that spreads connections round-robin
    // without sticky sessions, long-polling's many requests would reach processes
    // that do not hold the session; one WebSocket stays on the process it reached.
    const socket: RoomSocket = io({ transports: ["websocket"] });
    socketRef.current = socket;
    let joined = false;
    const waiting: Array<() => void> = [];
    inRoom.current = () => (joined ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)));
    const { call } = roomClient(socket);
    const resync = setInterval(() => void syncClock(), RESYNC_EVERY_MS);

    async function syncClock() {
      for (let i = 0; i < SYNC_SAMPLES; i++) {
        const t0 = Date.now();
        const result = await call("clock:sync", { clientSentAt: t0 }).catch(() => null);
        if (!result?.ok) continue;
        const { data } = result;
        samples.current = [...samples.current.slice(-20), { t0, t1: data.serverReceivedAt, t2: data.serverSentAt, t3: Date.now() }];
      }
      const estimate = estimateOffset(samples.current);
      if (estimate) setView((v) => ({ ...v, offsetMs: estimate.offsetMs }));
    }

    async function join() {
      const result = await call("room:join", { partyId, ...(invite ? { invite } : {}), ...(lastSeq.current !== undefined ? { afterSeq: lastSeq.current } : {}) }).catch(
        () => null,
      );
      if (!result) return setView((v) => ({ ...v, status: "error", error: "The room did not answer. Reload to try again." }));
      if (!result.ok) return setView((v) => ({ ...v, status: "error", error: result.error.message }));
      const snapshot = result.data;
      setView((v) => ({
        ...v,
        status: "joined",
        error: null,
        snapshot,
        ...newerClock(v, snapshot.clock, snapshot.controlMode),
        presence: snapshot.presence,
        presenceCount: snapshot.presenceCount,
        moments: snapshot.moments,
      }));
      addMessages(snapshot.messages);
      joined = true;
      for (const resolve of waiting.splice(0)) resolve();
      await syncTrivia();
    }

    // A (re)joining player picks up a running round where it is.
    async function syncTrivia() {
      const trivia = await call("trivia:sync", { partyId }).catch(() => null);
      if (trivia?.ok) setView((v) => ({ ...v, trivia: trivia.data }));
    }

    socket.on("connect", () => {
      // A new connection may be to another process: measure the offset afresh.
      samples.current = [];
      void join().then(syncClock);
    });
    // The server may have missed deliveries to us: read what came meanwhile.
    socket.on("room:resync", (p) => {
      if (p.partyId !== partyId) return;
      if (p.clock && p.controlMode) {
        const { clock, controlMode } = p;
        setView((v) => ({ ...v, ...newerClock(v, clock, controlMode) }));
      }
      void (async () => {
        const history = await call("chat:history", { partyId, afterSeq: lastSeq.current ?? 0 }).catch(() => null);
        if (history?.ok) addMessages(history.data.messages);
        await syncTrivia();
      })();
    });
    socket.on("disconnect", () => {
      joined = false;
    });
    // While Socket.IO keeps trying (a process went away), the room stays on screen; a refusal is shown.
    socket.on("connect_error", (err) => setView((v) => (socket.active ? { ...v, status: "connecting" } : { ...v, status: "error", error: err.message })));
    // The server is shutting down and closes this connection right after: reconnect (the balancer
    // picks another process) after the wait it asks for; join() then rejoins with the last message seen.
    // Any other server-side disconnect (signing out) is final: Socket.IO does not reconnect by itself.
    let reconnectInMs: number | null = null;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    socket.on("server:draining", (p) => {
      reconnectInMs = p.reconnectInMs;
    });
    // The session this connection was opened with ended: try once with the cookie as it is now (the
    // site may have renewed it); a refused handshake then shows "sign in" (connect_error above).
    socket.on("session:ended", () => {
      reconnectInMs = 0;
    });
    socket.on("disconnect", (reason) => {
      if (reason !== "io server disconnect" || reconnectInMs === null) return;
      setView((v) => ({ ...v, status: "connecting" }));
      reconnectTimer = setTimeout(() => socket.connect(), reconnectInMs);
      reconnectInMs = null;
    });
    // The server times its round trip to us (for the "3, 2, 1" countdown): answer at once.
    socket.on("clock:ping", (_payload, ack) => ack());
    // A cancelled party's room closes for good: stop, and do not reconnect.
    socket.on("room:closed", (p) => {
      if (p.partyId !== partyId) return;
      clearInterval(resync);
      socket.close();
      setView((v) => ({ ...v, status: "error", error: "This party was cancelled." }));
    });
    // Only a strictly newer version replaces the clock: a late or repeated update is dropped.
    // Everyone is told who did what ("Hannah paused at 12:31") and what to do on their own Prime Video.
    let changeId = 0;
    socket.on("clock:state", (p) =>
      setView((v) => {
        if (v.clock && p.clock.version <= v.clock.version) return v;
        const change = describeClockChange(v.clock, p.clock, Date.now() + v.offsetMs);
        return { ...v, clock: p.clock, controlMode: p.controlMode, clockChange: change ? { ...change, by: p.by, id: ++changeId } : v.clockChange };
      }),
    );
    // Removed members stay out of the list (the server keeps them as "away").
    const removed = new Set<string>();
    socket.on("presence:update", (p) =>
      setView((v) => ({ ...v, presence: p.presence.filter((m) => !removed.has(m.userId)), presenceCount: p.presenceCount })),
    );
    let noticeId = 0;
    socket.on("presence:notice", (p) =>
      setView((v) => {
        // A server from before the notices were coalesced (a rolling deploy) sends one person without `people`.
        const texts = Array.isArray(p.people) ? presenceNoticeTexts(p.people, v.snapshot?.you.userId) : [];
        if (texts.length === 0) return v;
        return { ...v, notices: [...v.notices, ...texts.map((text) => ({ id: ++noticeId, text }))].slice(-5) };
      }),
    );
    socket.on("chat:message", (p) => addMessages([p.message], true));
    socket.on("chat:deleted", (p) => setView((v) => ({ ...v, messages: v.messages.filter((m) => m.id !== p.messageId) })));
    let floatId = 0;
    const floatTimers = new Set<ReturnType<typeof setTimeout>>();
    socket.on("chat:reaction", (p) => {
      const id = ++floatId;
      const timer = setTimeout(() => {
        floatTimers.delete(timer);
        setView((v) => ({ ...v, floating: v.floating.filter((f) => f.id !== id) }));
      }, FLOAT_MS);
      floatTimers.add(timer);
      setView((v) => ({
        ...v,
        floating: [...v.floating.slice(-(FLOATING_MAX - 1)), { id, emoji: p.emoji, name: v.presence.find((m) => m.userId === p.userId)?.name ?? null }],
        moments: bump(v.moments, p.episode, Math.floor(p.positionMs / 60_000)),
        messages: p.messageId
          ? v.messages.map((m) => (m.id === p.messageId ? { ...m, reactions: { ...m.reactions, [p.emoji]: (m.reactions[p.emoji] ?? 0) + 1 } } : m))
          : v.messages,
      }));
    });
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
    const stopTyping = (userId: string) =>
      setView((v) => {
        if (!(userId in v.typing)) return v;
        const typing = { ...v.typing };
        delete typing[userId];
        return { ...v, typing };
      });
    socket.on("chat:typing", (p) => {
      clearTimeout(typingTimers.get(p.userId));
      if (!p.typing) return stopTyping(p.userId);
      setView((v) => ({ ...v, typing: { ...v.typing, [p.userId]: { name: p.name, at: Date.now() } } }));
      typingTimers.set(p.userId, setTimeout(() => stopTyping(p.userId), TYPING_SHOWN_MS));
    });
    socket.on("trivia:round", (p) => {
      if (p.partyId !== partyId) return;
      setView((v) => {
        const same = p.round !== null && v.trivia.round?.roundId === p.round.roundId;
        // A round's pinned questions go with it (at its podium, or when another round starts).
        const moments = same && p.round?.phase !== "podium" ? v.trivia.moments : [];
        return { ...v, trivia: { round: p.round, you: same ? v.trivia.you : null, moments } };
      });
    });
    // The live answered count: only for the question on screen, and never backwards.
    socket.on("trivia:answered", (p) => {
      if (p.partyId !== partyId) return;
      setView((v) => {
        const round = v.trivia.round;
        if (!round || round.roundId !== p.roundId || round.index !== p.index || round.phase !== "question" || round.answeredCount >= p.answeredCount) return v;
        return { ...v, trivia: { ...v.trivia, round: { ...round, answeredCount: p.answeredCount } } };
      });
    });
    socket.on("trivia:you", (p) => {
      if (p.partyId === partyId) setView((v) => ({ ...v, trivia: { ...v.trivia, you: p.you } }));
    });
    socket.on("trivia:moment-result", ({ partyId: party, ...result }) => {
      // Only the live round's: a later round starts with none.
      if (party === partyId) setView((v) => ({ ...v, answeredMoments: [...v.answeredMoments.filter((r) => r.roundId === result.roundId && r.pinId !== result.pinId), result] }));
    });
    socket.on("trivia:moments", (p) => {
      if (p.partyId !== partyId) return;
      setView((v) => (v.trivia.round?.roundId === p.roundId ? { ...v, trivia: { ...v.trivia, moments: p.moments } } : v));
    });
    socket.on("ready:countdown", (p) => setView((v) => ({ ...v, countdown: { startAtServerMs: p.startAtServerMs, seconds: p.seconds } })));
    socket.on("member:sanctioned", (p) => {
      if (p.kind === "removed") removed.add(p.userId);
      setView((v) => {
        const me = v.snapshot?.you.userId === p.userId;
        if (me && p.kind === "removed") return { ...v, status: "error", error: "A host removed you from this party's room." };
        // Everyone sees the sanction at once: a removed member leaves the list, a muted one is tagged.
        const presence =
          p.kind === "removed" ? v.presence.filter((m) => m.userId !== p.userId) : v.presence.map((m) => (m.userId === p.userId ? { ...m, muted: p.kind === "muted" } : m));
        const snapshot = me && v.snapshot ? { ...v.snapshot, you: { ...v.snapshot.you, muted: p.kind === "muted" } } : v.snapshot;
        return { ...v, presence, snapshot };
      });
    });
    return () => {
      clearInterval(resync);
      typingTimers.forEach(clearTimeout);
      floatTimers.forEach(clearTimeout);
      clearTimeout(reconnectTimer);
      socket.close();
    };
  }, [partyId, invite, addMessages]);

  /** Sends a room event (typed by the event); resolves with the acknowledgement's data, or the error to show. */
  const request = useCallback(
    async <E extends RoomEventName>(event: E, payload: RoomPayload<E>): Promise<RoomAnswer<E>> => {
      const socket = socketRef.current;
      if (!socket) return { data: null, error: "Not connected." };
      const client = roomClient(socket);
      // A chat message carries its clientId: sent again, the server answers with the one it stored. So a message
      // whose connection closed before its acknowledgement came (a process shutting down) is sent again once.
      const attempts = event === "chat:send" ? 2 : 1;
      let result: AckResult<ClientResult<E>> | null = null;
      for (let attempt = 0; attempt < attempts && !result; attempt++) {
        // After a reconnect the event waits for the rejoin (Socket.IO would send it first, to a room not yet joined).
        const rejoined = await Promise.race([inRoom.current().then(() => true), wait(10_000).then(() => false)]);
        if (!rejoined) return { data: null, error: "Not connected to the room. Try again." };
        result = await answerUnlessDisconnected(socket, () => client.callIn(partyId, event, payload));
      }
      if (!result) return { data: null, error: "The server did not answer. Try again." };
      if (!result.ok) return { data: null, error: result.error.message };
      const shown: AfterAnswer = { "chat:send": (data) => addMessages([data.message], true) };
      shown[event]?.(result.data);
      return { data: result.data, error: null };
    },
    [partyId, addMessages],
  );
  const send = useCallback(async <E extends RoomEventName>(event: E, payload: RoomPayload<E>) => (await request(event, payload)).error, [request]);

  /** The party clock's position now, from this client's estimate of the server clock. */
  const positionNow = useCallback(() => (view.clock ? positionAt(view.clock, Date.now() + view.offsetMs) : 0), [view.clock, view.offsetMs]);

  // socketRef: the room's connection, which the call (call/) signals through.
  /** Resolves once this connection is in the room (at once, or after a reconnect's rejoin). */
  const whenInRoom = useCallback(() => inRoom.current(), []);
  return { view, send, request, positionNow, socketRef, whenInRoom };
}

/** The snapshot's or resync's clock, unless the one shown is newer (a clock:state can overtake them). */
function newerClock(v: RoomView, clock: ClockState, controlMode: ControlMode): Pick<RoomView, "clock" | "controlMode"> {
  return v.clock && v.clock.version > clock.version ? { clock: v.clock, controlMode: v.controlMode } : { clock, controlMode };
}

/** What the room does with some events' answers (a sent message shows at once, before its broadcast comes back). */
type AfterAnswer = { [E in RoomEventName]?: (data: ClientResult<E>) => void };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The acknowledgement, or null when it does not come in 10 s or the connection closes first. */
async function answerUnlessDisconnected<T>(socket: RoomSocket, ask: () => Promise<AckResult<T>>): Promise<AckResult<T> | null> {
  let onDisconnect: (() => void) | undefined;
  const lost = new Promise<null>((resolve) => {
    onDisconnect = () => resolve(null);
    socket.once("disconnect", onDisconnect);
  });
  try {
    return await Promise.race([ask().catch(() => null), lost]);
  } finally {
    socket.off("disconnect", onDisconnect);
  }
}

function bump(moments: MomentBucket[], episode: number, minute: number): MomentBucket[] {
  const found = moments.find((m) => m.episode === episode && m.minute === minute);
  if (found) return moments.map((m) => (m === found ? { ...m, count: m.count + 1 } : m));
  return [...moments, { episode, minute, count: 1 }];
}
