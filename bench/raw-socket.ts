/**
 * A load generator's Socket.IO client at a fraction of socket.io-client's CPU:
 * one `ws` connection speaking Engine.IO v4 and the Socket.IO v5 packet format
 * directly (https://socket.io/docs/v4/socket-io-protocol/), on the default
 * namespace, text packets only:
 *
 * - `0{…}` the server's open → `40` (connect) → `40{"sid":…}` connected,
 *   `44{…}` refused;
 * - `2` ping → `3` pong;
 * - `42<id>["event",payload]` an event (with `<id>` when it wants an
 *   acknowledgement: answered `43<id>[]` at once, as the room page answers
 *   `clock:ping`);
 * - `43<id>[answer]` the acknowledgement of our own event `<id>`.
 *
 * Outgoing events are written as strings (the caller's payload is JSON
 * encoded once); incoming events are not parsed unless someone listens to
 * them, and then the listener gets the packet's text. Checked against the
 * real server by tests/integration/raw-bench-client.test.ts.
 */
import WebSocket from "ws";

/** The load generators' client: this one (BENCH_CLIENT=raw, the default) or socket.io-client (BENCH_CLIENT=socket.io). */
export const BENCH_CLIENT: "raw" | "socket.io" = process.env.BENCH_CLIENT === "socket.io" ? "socket.io" : "raw";

export interface RawSocket {
  /** Sends `event` with `json` (the payload, JSON-encoded) and waits for its acknowledgement's text (`[answer]`; null after `timeoutMs`). */
  emitWithAck(event: string, json: string, timeoutMs: number): Promise<string | null>;
  /** Calls `listener` with the packet text (`42["event",…]`) of each `event` the server sends. */
  on(event: string, listener: (packet: string) => void): void;
  close(): void;
}

/** Whether an acknowledgement's text is the pipeline's `{ ok: true, … }`. */
export function ackOk(text: string | null): boolean {
  if (text === null) return false;
  if (text.startsWith('[{"ok":true')) return true;
  if (text.startsWith('[{"ok":false')) return false;
  try {
    return (JSON.parse(text) as Array<{ ok?: boolean }>)[0]?.ok === true;
  } catch {
    return false;
  }
}

type Pending = { resolve: (text: string | null) => void; deadline: number };
const open = new Set<Map<number, Pending>>();
let sweeper: NodeJS.Timeout | null = null;

/** One timer for every client's unanswered requests (not one per request). */
function sweep(): void {
  const now = performance.now();
  for (const pending of open) {
    for (const [id, entry] of pending) {
      if (entry.deadline > now) continue;
      pending.delete(id);
      entry.resolve(null);
    }
  }
}

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** Connects to `url` (http://host:port) with `cookie`; rejects with the server's reason when it refuses. */
export function connectRaw(url: string, options: { cookie?: string; connectTimeoutMs?: number } = {}): Promise<RawSocket> {
  const target = `${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(target, { headers: options.cookie ? { cookie: options.cookie } : {}, perMessageDeflate: false, skipUTF8Validation: true });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, (packet: string) => void>();
  let nextId = 0;
  sweeper ??= setInterval(sweep, 500).unref();
  open.add(pending);

  const client: RawSocket = {
    emitWithAck(event, json, timeoutMs) {
      const id = nextId++;
      return new Promise((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve(null);
        pending.set(id, { resolve, deadline: performance.now() + timeoutMs });
        ws.send(`42${id}["${event}",${json}]`);
      });
    },
    on(event, listener) {
      listeners.set(event, listener);
    },
    close() {
      ws.close();
    },
  };

  const closed = () => {
    open.delete(pending);
    for (const entry of pending.values()) entry.resolve(null);
    pending.clear();
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      ws.terminate();
      reject(new Error(reason));
    };
    const timer = setTimeout(() => fail("no connection within the time allowed"), options.connectTimeoutMs ?? 30_000);
    // Read on the bytes: a packet nobody listens to is never decoded.
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const type = data[0];
      if (type === 0x32 /* 2: ping */) return void ws.send("3");
      if (type === 0x30 /* 0: open */) return void ws.send("40");
      if (type !== 0x34 /* 4: message */) return;
      const kind = data[1];
      let at = 2;
      while (at < data.length && isDigit(data[at]!)) at++;
      if (kind === 0x32 /* 2: event */) {
        if (at > 2) ws.send(`43${data.toString("latin1", 2, at)}[]`);
        if (listeners.size === 0) return;
        // `["name",…`: the name runs from at + 2 to the next quote.
        const listener = listeners.get(data.toString("latin1", at + 2, data.indexOf(0x22, at + 2)));
        if (listener) listener(`42${data.toString("utf8", at)}`);
      } else if (kind === 0x33 /* 3: ack */) {
        const id = Number(data.toString("latin1", 2, at));
        const entry = pending.get(id);
        if (!entry) return;
        pending.delete(id);
        entry.resolve(data.toString("utf8", at));
      } else if (kind === 0x30 /* 0: connected */) {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        resolve(client);
      } else if (kind === 0x34 /* 4: connect error */) {
        clearTimeout(timer);
        let reason = data.toString("utf8", 2);
        try {
          reason = (JSON.parse(reason) as { message?: string }).message ?? reason;
        } catch {
          // the raw text is the reason
        }
        fail(`refused: ${reason}`);
      }
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
    ws.on("close", () => {
      clearTimeout(timer);
      closed();
      fail("closed before connecting");
    });
  });
}
