/**
 * One load-generator process of the joins benchmark (bench/joins.ts starts it
 * with `fork`). It is sent its viewers (session cookie and party each) and how
 * many joins it keeps in flight; on "go" each slot connects a viewer, waits for
 * the connection, sends `room:join` and waits for the snapshot, then takes the
 * next viewer. Every viewer stays connected until "close". It answers with each
 * join's time (connect to snapshot, ms), the failures, and its own CPU.
 */
import { io as connect, type Socket } from "socket.io-client";
import { call } from "./clients";

export interface GeneratorJob {
  url: string;
  viewers: Array<{ cookie: string; partyId: string }>;
  inFlight: number;
}

export interface GeneratorResult {
  joinMs: number[];
  failures: number;
  /** The size of the first snapshot received (its JSON text, bytes): the history payload each join carries. */
  snapshotBytes: number;
  cpuMs: number;
  /** Presence lists and notices (joined, left) received by all its viewers until every one of them had joined. */
  presenceUpdates: number;
  presenceNotices: number;
}

const sockets: Socket[] = [];
const received = { presenceUpdates: 0, presenceNotices: 0 };

async function joinOne(url: string, viewer: GeneratorJob["viewers"][number]): Promise<{ ms: number; data: unknown } | null> {
  const started = performance.now();
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie: viewer.cookie }, forceNew: true, reconnection: false });
  sockets.push(socket);
  // Like the room page: answer the server's round-trip pings at once.
  socket.on("clock:ping", (_payload: unknown, ack: () => void) => ack());
  socket.on("presence:update", () => received.presenceUpdates++);
  socket.on("presence:notice", () => received.presenceNotices++);
  const connected = await new Promise<boolean>((resolve) => {
    socket.once("connect", () => resolve(true));
    socket.once("connect_error", () => resolve(false));
  });
  if (!connected) return null;
  const joined = await call(socket, "room:join", { partyId: viewer.partyId });
  if (!joined?.ok) return null;
  return { ms: performance.now() - started, data: joined.data };
}

async function run(job: GeneratorJob): Promise<GeneratorResult> {
  const cpuBefore = process.cpuUsage();
  const joinMs: number[] = [];
  let failures = 0;
  let snapshotBytes = 0;
  let next = 0;
  const slot = async () => {
    while (next < job.viewers.length) {
      const result = await joinOne(job.url, job.viewers[next++]!);
      if (!result) failures++;
      else {
        if (joinMs.length === 0) snapshotBytes = Buffer.byteLength(JSON.stringify(result.data));
        joinMs.push(result.ms);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.inFlight, job.viewers.length) }, slot));
  const cpu = process.cpuUsage(cpuBefore);
  return { joinMs, failures, snapshotBytes, cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...received };
}

let job: GeneratorJob | undefined;
process.on("message", (message: { job?: GeneratorJob; go?: true; close?: true }) => {
  if (message.job) {
    job = message.job;
    process.send?.({ ready: true });
  } else if (message.go && job) {
    void run(job).then((result) => process.send?.({ result }));
  } else if (message.close) {
    for (const socket of sockets) socket.close();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
