/**
 * One of the capacity benchmark's load-generating processes (bench/capacity.ts
 * forks several): it owns whole rooms of viewers, so a chat message's sender
 * and receivers share this process's clock. Messages from the parent:
 * - `grow`: connect and join these viewers (idle until `start`; a failed one
 *   tries again twice); answers `grown`.
 * - `start`: every joined viewer not yet busy starts its traffic: a
 *   `viewer:report` every 5 s, a chat message every 30 s, and the room's host
 *   (the party's host, the room's first viewer) a clock command every 60 s,
 *   each at a random offset.
 * - `measure-start`, then `measure`: what happened in between (answers `measured`).
 *
 * Viewers speak through bench/raw-socket.ts (BENCH_CLIENT=raw, the default: a
 * fraction of the CPU per viewer, so the server runs out first) or through
 * socket.io-client (BENCH_CLIENT=socket.io, the client the pages use).
 */
import { io as connect } from "socket.io-client";
import { call } from "./clients";
import { ackOk, BENCH_CLIENT, connectRaw } from "./raw-socket";

export interface CapacityViewer {
  cookie: string;
  partyId: string;
  host: boolean;
}

export type ToViewers =
  | { type: "grow"; url: string; viewers: CapacityViewer[] }
  | { type: "start" }
  | { type: "measure-start" }
  | { type: "measure" };

export interface Measured {
  type: "measured";
  /** Send to receipt at every member of the room, the sender too (ms). */
  chatLatencies: number[];
  /** Send to acknowledgement of `viewer:report` (ms). */
  reportAcks: number[];
  requests: number;
  failures: number;
  /** Chat messages sent in the window. */
  chatsSent: number;
  cpuMs: number;
  wallMs: number;
}

export type FromViewers = { type: "grown"; joined: number; failed: number } | Measured;

export const REPORT_EVERY_MS = 5_000;
export const CHAT_EVERY_MS = 30_000;
export const CLOCK_EVERY_MS = 60_000;
/** A request not answered within this counts as failed. */
const ACK_TIMEOUT_MS = 10_000;

/** Viewers each process connects and joins at once (a loaded server answers a large burst of handshakes late). */
const JOINS_AT_ONCE = 25;
const JOIN_ATTEMPTS = 3;
let joinErrors = 0;
/** A joined viewer: sends an event and says whether it was answered `ok` in time. */
type Sender = (event: string, payload: unknown) => Promise<boolean>;
const joined: Array<{ send: Sender; viewer: CapacityViewer; busy: boolean }> = [];
let window = { chatLatencies: [] as number[], reportAcks: [] as number[], requests: 0, failures: 0, chatsSent: 0, cpu: process.cpuUsage(), started: performance.now() };

async function request(send: Sender, event: string, payload: unknown): Promise<number | null> {
  window.requests++;
  const started = performance.now();
  if (await send(event, payload)) return performance.now() - started;
  window.failures++;
  return null;
}

/** The chat message's send time, written into its text as `m <time> <index>`. */
function chatLatency(text: string): void {
  const [, sentAt] = text.split(" ");
  window.chatLatencies.push(performance.now() - Number(sentAt));
}

function joinFailed(reason: string): false {
  if (joinErrors++ < 3) console.error(`capacity viewer: ${reason}`);
  return false;
}

async function joinRaw(url: string, viewer: CapacityViewer): Promise<boolean> {
  const socket = await connectRaw(url, { cookie: viewer.cookie }).catch((error: Error) => error);
  if (socket instanceof Error) return joinFailed(`connect_error ${socket.message}`);
  const answer = await socket.emitWithAck("room:join", JSON.stringify({ partyId: viewer.partyId }), 30_000);
  if (!ackOk(answer)) {
    socket.close();
    return joinFailed(answer ?? "room:join not answered in 30 s");
  }
  socket.on("chat:message", (packet) => {
    // Only the text is read: `"text":"m <time> <index>"`.
    const at = packet.indexOf('"text":"m ');
    if (at >= 0) chatLatency(packet.slice(at + 8, packet.indexOf('"', at + 8)));
  });
  joined.push({ send: async (event, payload) => ackOk(await socket.emitWithAck(event, JSON.stringify(payload), ACK_TIMEOUT_MS)), viewer, busy: false });
  return true;
}

async function joinSocketIo(url: string, viewer: CapacityViewer): Promise<boolean> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie: viewer.cookie }, forceNew: true, reconnection: false });
  // Like the room page: answer the server's round-trip pings at once.
  socket.on("clock:ping", (_payload: unknown, ack: () => void) => ack());
  const connected = await new Promise<string | null>((resolve) => {
    socket.once("connect", () => resolve(null));
    socket.once("connect_error", (error) => resolve(`connect_error ${error.message}`));
  });
  const answer = connected === null ? await call(socket, "room:join", { partyId: viewer.partyId }) : null;
  if (!answer?.ok) {
    socket.close();
    return joinFailed(connected ?? (answer ? answer.error.message : "room:join not answered in 30 s"));
  }
  socket.on("chat:message", (payload: { message: { text: string } }) => chatLatency(payload.message.text));
  const send: Sender = async (event, payload) => {
    const result = await (socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }> })
      .emitWithAck(event, payload)
      .catch(() => null);
    return result?.ok === true;
  };
  joined.push({ send, viewer, busy: false });
  return true;
}

const join = BENCH_CLIENT === "raw" ? joinRaw : joinSocketIo;

/** Like a room page, a viewer whose connection or join failed tries again (twice more). */
async function joinRetrying(url: string, viewer: CapacityViewer): Promise<boolean> {
  for (let attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) if (await join(url, viewer)) return true;
  return false;
}

/** Runs `task` every `everyMs`, first at a random point of the first period. */
function every(everyMs: number, task: () => Promise<unknown>): void {
  setTimeout(() => {
    void task();
    setInterval(() => void task(), everyMs);
  }, Math.random() * everyMs);
}

function startTraffic(entry: (typeof joined)[number], index: number): void {
  const { send, viewer } = entry;
  const { partyId } = viewer;
  let sent = 0;
  every(REPORT_EVERY_MS, async () => {
    const ms = await request(send, "viewer:report", { partyId, driftMs: Math.round(Math.random() * 400 - 200), inSync: true });
    if (ms !== null) window.reportAcks.push(ms);
  });
  every(CHAT_EVERY_MS, () => {
    sent++;
    window.chatsSent++;
    const text = `m ${performance.now()} ${index}`;
    return request(send, "chat:send", { partyId, clientId: `cap-${process.pid}-${index}-${sent}`, text, episode: 1, positionMs: sent * 1000 });
  });
  if (viewer.host) {
    let playing = false;
    every(CLOCK_EVERY_MS, () => {
      playing = !playing;
      return request(send, "clock:command", { partyId, command: { type: playing ? "play" : "pause" } });
    });
  }
}

process.on("message", (message: ToViewers) => {
  if (message.type === "grow") {
    void (async () => {
      let failed = 0;
      for (let at = 0; at < message.viewers.length; at += JOINS_AT_ONCE) {
        const made = await Promise.all(message.viewers.slice(at, at + JOINS_AT_ONCE).map((viewer) => joinRetrying(message.url, viewer)));
        failed += made.filter((ok) => !ok).length;
      }
      const reply: FromViewers = { type: "grown", joined: message.viewers.length - failed, failed };
      process.send?.(reply);
    })();
  } else if (message.type === "start") {
    joined.forEach((entry, index) => {
      if (entry.busy) return;
      entry.busy = true;
      startTraffic(entry, index);
    });
  } else if (message.type === "measure-start") {
    window = { chatLatencies: [], reportAcks: [], requests: 0, failures: 0, chatsSent: 0, cpu: process.cpuUsage(), started: performance.now() };
  } else if (message.type === "measure") {
    const cpu = process.cpuUsage(window.cpu);
    const reply: Measured = {
      type: "measured",
      chatLatencies: window.chatLatencies,
      reportAcks: window.reportAcks,
      requests: window.requests,
      failures: window.failures,
      chatsSent: window.chatsSent,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      wallMs: Math.round(performance.now() - window.started),
    };
    process.send?.(reply);
  }
});
process.on("SIGTERM", () => process.exit(0));
