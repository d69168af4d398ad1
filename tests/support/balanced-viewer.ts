/**
 * Viewers behind a load balancer, for tests and benchmarks on several real
 * server processes. The balancer hands out the processes' URLs round-robin; a
 * refused connection goes on to the next process at once (as HAProxy's
 * `option redispatch` does), so a dead process costs a viewer one refused
 * attempt, not a wait. A viewer behaves as the room page (use-room.ts): on a
 * lost connection it reconnects after Socket.IO's own backoff (1 s doubling to
 * 5 s, ±50 %), rejoins with `afterSeq` (the last message it holds), keeps
 * messages once per id in seq order, asks `trivia:sync` for a running round,
 * takes a clock only when its version is newer, reconnects when a draining
 * server says when (`server:draining`), and reads what it missed when a server
 * says so (`room:resync`).
 */
import { randomUUID } from "node:crypto";
import { io as connectSocket, type Socket } from "socket.io-client";
import type { AckResult, ChatMessage, ClientEventName, HistoryMessage, ClientEvents, ClientPayload, ClientResult, ClockState, PlayerView, PublicRoundView, ServerEvents } from "@/server/realtime/protocol";
import { roomClient } from "@/shared/room-client";

type ViewerSocket = Socket<ServerEvents, ClientEvents>;

/** Socket.IO's client defaults (reconnectionDelay, reconnectionDelayMax, randomizationFactor). */
const BACKOFF = { firstMs: 1000, maxMs: 5000, jitter: 0.5 };
const ACK_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;

export interface Balancer {
  /** The next process's URL, round-robin. */
  next(): string;
  urls: readonly string[];
}

export function createBalancer(urls: readonly string[]): Balancer {
  let turn = 0;
  return { urls, next: () => urls[turn++ % urls.length]! };
}

/** One entry per message id (it may arrive twice: a resend, or history overlapping a live delivery), in seq order. */
function mergeMessages(messages: readonly HistoryMessage[], incoming: readonly HistoryMessage[]): HistoryMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function backoffMs(attempt: number): number {
  const base = Math.min(BACKOFF.firstMs * 2 ** attempt, BACKOFF.maxMs);
  return Math.round(base * (1 - BACKOFF.jitter + Math.random() * 2 * BACKOFF.jitter));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One connection's life: where it went and when it was joined. */
export interface Connection {
  url: string;
  /** When the previous connection was lost (undefined for the first). */
  lostAt?: number;
  /** When `room:join` was acknowledged on this connection. */
  joinedAt?: number;
  /** Why it closed (Socket.IO's disconnect reason), and the wait a draining server asked for. */
  closedBy?: string;
  reconnectHint?: number;
}

export interface Viewer {
  readonly name: string;
  readonly cookie: string;
  /** The current connection's socket (replaced on each reconnect). */
  readonly socket: ViewerSocket;
  /** The process URL the viewer is connected to now. */
  readonly url: string;
  readonly connected: boolean;
  /** The chat as the viewer holds it: one per id, in seq order. */
  messages(): HistoryMessage[];
  /** Every `chat:message` as it arrived, with the connection it came on. */
  readonly deliveries: Array<{ connection: number; message: ChatMessage }>;
  /** Every connection, in order. */
  readonly connections: Connection[];
  /** The clock as the viewer holds it, and every `clock:state` version it received. */
  readonly clock: ClockState | null;
  readonly clockVersions: number[];
  /** The running round as the viewer holds it, and every `trivia:round` it received. */
  readonly trivia: { round: PublicRoundView | null; you: PlayerView | null };
  readonly roundEvents: Array<PublicRoundView | null>;
  /** How many times a server told the viewer to resync. */
  readonly resyncs: number;
  /** Resolves once the viewer has joined `count` times in all (1: the first join). */
  joined(count?: number): Promise<void>;
  /** Resolves when `predicate` holds, checked on every event the viewer receives. */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Sends an event on the current connection; null when no answer came in time. */
  call<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<AckResult<ClientResult<E>> | null>;
  /**
   * Sends a chat message and, when no answer comes (the process died), sends it
   * again with the same clientId once reconnected, as a person pressing "retry".
   */
  say(text: string): Promise<ChatMessage>;
  close(): void;
}

/** Opens a viewer of `partyId` behind `balancer`, signed in with `cookie`. */
export function openViewer(options: {
  balancer: Balancer;
  partyId: string;
  cookie: string;
  name: string;
  /** Headers a real balancer would add (X-Forwarded-For: each viewer from its own address). */
  headers?: Record<string, string>;
  invite?: string;
}): Viewer {
  const { balancer, partyId } = options;
  let socket!: ViewerSocket;
  let url = "";
  let closed = false;
  let chat: HistoryMessage[] = [];
  let lastSeq: number | undefined;
  let clock: ClockState | null = null;
  let trivia: Viewer["trivia"] = { round: null, you: null };
  let joins = 0;
  let resyncs = 0;
  const deliveries: Viewer["deliveries"] = [];
  const connections: Connection[] = [];
  const clockVersions: number[] = [];
  const roundEvents: Array<PublicRoundView | null> = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const addMessages = (incoming: readonly HistoryMessage[]) => {
    chat = mergeMessages(chat, incoming);
    lastSeq = chat.at(-1)?.seq ?? lastSeq;
  };

  function emit<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<AckResult<ClientResult<E>> | null> {
    return roomClient(socket, ACK_TIMEOUT_MS).call(event, payload).catch(() => null);
  }

  /** Joined on the connection it holds now (not between a loss and the rejoin). */
  const joinedNow = () => Boolean(socket?.connected) && connections.at(-1)?.joinedAt !== undefined && connections.at(-1)!.url === url;

  /** As the room page's socket buffers an event while it reconnects: waits (up to the ack timeout) for a joined connection. */
  async function call<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<AckResult<ClientResult<E>> | null> {
    if (!joinedNow()) await viewer.until(joinedNow, "a joined connection", ACK_TIMEOUT_MS).catch(() => undefined);
    return joinedNow() ? emit(event, payload) : null;
  }

  /** One connection attempt to one process; rejects on a refusal or a handshake error. */
  function connectTo(target: string): Promise<ViewerSocket> {
    const candidate: ViewerSocket = connectSocket(target, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
      extraHeaders: { ...options.headers, cookie: options.cookie },
    });
    return new Promise((resolve, reject) => {
      candidate.once("connect", () => resolve(candidate));
      candidate.once("connect_error", (err) => {
        candidate.close();
        reject(err);
      });
    });
  }

  function listen(s: ViewerSocket, connection: number) {
    // Events newer than this branch's protocol types (room:resync, server:draining).
    const loose = s as unknown as { on(event: string, listener: (p: never) => void): void };
    s.on("clock:ping", (_payload, ack) => ack());
    s.on("chat:message", (p) => {
      if (p.partyId !== partyId) return;
      deliveries.push({ connection, message: p.message });
      addMessages([p.message]);
      changed();
    });
    s.on("clock:state", (p) => {
      if (p.partyId !== partyId) return;
      clockVersions.push(p.clock.version);
      takeClock(p.clock);
      changed();
    });
    s.on("trivia:round", (p) => {
      if (p.partyId !== partyId) return;
      roundEvents.push(p.round);
      trivia = { round: p.round, you: p.round && trivia.you?.roundId === p.round.roundId ? trivia.you : null };
      changed();
    });
    s.on("trivia:you", (p) => {
      if (p.partyId !== partyId) return;
      trivia = { ...trivia, you: p.you };
      changed();
    });
    // The server may have missed deliveries to this connection (it lost Redis or its chat notifications).
    loose.on("room:resync", (p: { partyId: string; clock: ClockState | null }) => {
      if (p.partyId !== partyId) return;
      if (p.clock) takeClock(p.clock);
      resyncs++;
      void (async () => {
        const history = await emit("chat:history", { partyId, afterSeq: lastSeq ?? 0 });
        if (history?.ok) addMessages(history.data.messages);
        await syncTrivia();
        changed();
      })();
    });
    // A draining process (SIGTERM) says when to come back before it closes the connection.
    let hint: number | undefined;
    loose.on("server:draining", (p: { reconnectInMs: number }) => {
      hint = p.reconnectInMs;
    });
    s.on("disconnect", (reason) => {
      if (closed || reason === "io client disconnect") return;
      connections[connection]!.closedBy = reason;
      connections[connection]!.reconnectHint = hint;
      // As Socket.IO's client: a server's disconnect is final unless it said to reconnect.
      if (reason === "io server disconnect" && hint === undefined) return changed();
      connections.push({ url: "", lostAt: Date.now() });
      changed();
      void (hint === undefined ? attach(0) : sleep(hint).then(() => attach(null)));
    });
  }

  /** Joins on `entry`'s connection (its `joinedAt` is the join's acknowledgement), then reads the round. */
  async function join(entry: Connection): Promise<boolean> {
    const result = await emit("room:join", { partyId, ...(options.invite ? { invite: options.invite } : {}), ...(lastSeq !== undefined ? { afterSeq: lastSeq } : {}) });
    if (!result?.ok) return false;
    entry.joinedAt = Date.now();
    const snapshot = result.data;
    takeClock(snapshot.clock);
    addMessages(snapshot.messages);
    await syncTrivia();
    return true;
  }

  async function syncTrivia() {
    const synced = await emit("trivia:sync", { partyId });
    if (synced?.ok) trivia = synced.data;
  }

  /** Only a newer version replaces the clock (a clock:state can overtake a snapshot). */
  function takeClock(next: ClockState) {
    if (!clock || next.version > clock.version) clock = next;
  }

  /** Connects through the balancer (after `attempt`'s backoff when reconnecting) and joins. */
  async function attach(attempt: number | null): Promise<void> {
    for (let n = attempt ?? 0; !closed; n++) {
      if (attempt !== null) await sleep(backoffMs(n));
      if (closed) return;
      for (let tried = 0; tried < balancer.urls.length && !closed; tried++) {
        const target = balancer.next();
        const candidate = await connectTo(target).catch(() => null);
        if (!candidate) continue;
        if (closed) return void candidate.close();
        socket = candidate;
        url = target;
        // The connection being made: the one a loss opened, or a new one on the first attach.
        const last = connections.at(-1);
        const entry = last && last.joinedAt === undefined ? last : { url: "" };
        if (entry !== last) connections.push(entry);
        entry.url = target;
        listen(candidate, connections.indexOf(entry));
        if (await join(entry)) {
          joins++;
          changed();
          return;
        }
        // Joined nowhere: drop this connection and try again after a backoff.
        candidate.close();
        break;
      }
      attempt ??= 0;
    }
  }

  void attach(null);

  const viewer: Viewer = {
    name: options.name,
    cookie: options.cookie,
    get socket() {
      return socket;
    },
    get url() {
      return url;
    },
    get connected() {
      return Boolean(socket?.connected);
    },
    messages: () => chat,
    deliveries,
    connections,
    get clock() {
      return clock;
    },
    clockVersions,
    get trivia() {
      return trivia;
    },
    roundEvents,
    get resyncs() {
      return resyncs;
    },
    joined: (count = 1) => viewer.until(() => joins >= count, `join number ${count}`),
    until(predicate, what, timeoutMs = 30_000) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${options.name}: timed out waiting for ${what}`));
        }, timeoutMs);
        function check() {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
        waiters.add(check);
      });
    },
    call,
    async say(text) {
      const clientId = randomUUID();
      for (let attempt = 0; attempt < 5; attempt++) {
        const result = await call("chat:send", { partyId, clientId, text, episode: 1, positionMs: 0 });
        if (result?.ok) {
          const { message } = result.data;
          addMessages([message]);
          return message;
        }
        if (result && !result.ok) throw new Error(`${options.name}: chat:send refused: ${result.error.message}`);
      }
      throw new Error(`${options.name}: chat:send never answered`);
    },
    close() {
      closed = true;
      socket?.close();
      changed();
    },
  };
  return viewer;
}
