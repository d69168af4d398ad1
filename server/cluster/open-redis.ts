import { newProcessId } from "../process-id";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis, type Command, type RedisOptions } from "ioredis";
import type { Logger } from "pino";

/**
 * How the Redis timeouts fit together (docs/dependencies.md):
 * - the adapter's stream reader blocks in XREAD for `ADAPTER_BLOCK_MS`; its
 *   client has no command timeout, so a quiet stream never looks like a failure;
 * - the state client (presence, limits, leases) gives up on a command after
 *   `STATE_COMMAND_TIMEOUT_MS`, so a stalled Redis costs a handler at most that
 *   long and the caller decides (limiters fall back to memory, presence is resent);
 *   the timeout is counted in time this process could wait (`LagTolerantRedis`):
 *   a reply that arrived while the event loop was blocked is read first;
 * - both reconnect with a backoff capped at `RECONNECT_MAX_MS`; the adapter's
 *   client queues what it publishes meanwhile, the state client does not.
 */
export const ADAPTER_BLOCK_MS = 2000;
export const STATE_COMMAND_TIMEOUT_MS = 1000;
export const RECONNECT_MAX_MS = 2000;

export interface ClusterRedis {
  /** This process's name in the cluster: host, pid and a random part (a restarted pid is a new process). */
  processId: string;
  /** Keys of the app's own state go through this client; ioredis adds `keyPrefix` to every key. */
  state: Redis;
  keyPrefix: string;
  /** The Socket.IO adapter over a Redis stream (and PUB/SUB for fetchSockets/serverSideEmit). */
  adapter: ReturnType<typeof createAdapter>;
  /** True when Redis answers PING within the state client's timeout. */
  ping(): Promise<boolean>;
  /** Runs when the state client is connected again after losing Redis (clients must resync what they missed). */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * ioredis with its command timeout counted in time the process could wait.
 * ioredis's own `commandTimeout` is a plain timer: when the event loop is
 * blocked longer than the timeout (a busy or starved process), the timer runs
 * before the socket is read, so a command Redis answered in a millisecond is
 * rejected ("Command timed out") and a room join fails with INTERNAL (the
 * two-process chat benchmark at load 25–48). Here the expired timer first lets
 * the loop read what arrived (`setImmediate` runs after the poll phase), and
 * a timer that ran late by more than half the timeout (the loop, not Redis,
 * was stalled) waits the timeout once more before it rejects.
 */
export class LagTolerantRedis extends Redis {
  constructor(
    url: string,
    options: Omit<RedisOptions, "commandTimeout">,
    private readonly timeoutMs: number,
  ) {
    super(url, options);
  }

  override sendCommand(command: Command, stream?: Parameters<Redis["sendCommand"]>[1]): ReturnType<Redis["sendCommand"]> {
    const result = super.sendCommand(command, stream);
    if (command.isResolved) return result;
    const arm = (again: boolean) => {
      const due = Date.now() + this.timeoutMs;
      return setTimeout(() => {
        const late = Date.now() - due;
        setImmediate(() => {
          if (command.isResolved) return;
          if (again && late > this.timeoutMs / 2) timer = arm(false);
          else command.reject(new Error("Command timed out"));
        });
      }, this.timeoutMs);
    };
    let timer = arm(true);
    const clear = () => clearTimeout(timer);
    command.promise.then(clear, clear);
    return result;
  }
}

const retryStrategy = (attempt: number) => Math.min(attempt * 100, RECONNECT_MAX_MS);

/** Opens the clients several processes share Redis through. */
export async function openRedis(options: { url: string; keyPrefix: string; logger: Logger; processId?: string }): Promise<ClusterRedis> {
  const logger = options.logger.child({ component: "redis" });
  const base: RedisOptions = { retryStrategy, lazyConnect: true, connectionName: "ballard-watch-party" };
  const state = new LagTolerantRedis(
    options.url,
    { ...base, keyPrefix: options.keyPrefix, maxRetriesPerRequest: 1, enableOfflineQueue: false },
    STATE_COMMAND_TIMEOUT_MS,
  );
  const publisher = new Redis(options.url, { ...base, maxRetriesPerRequest: null });
  const listeners: Array<() => void> = [];
  let lost = false;
  for (const [name, client] of [["state", state], ["adapter", publisher]] as const) {
    client.on("error", (err: Error) => logger.warn({ err, client: name }, "redis error"));
  }
  state.on("close", () => {
    if (!lost) logger.warn("lost the connection to redis");
    lost = true;
  });
  state.on("ready", () => {
    if (!lost) return;
    lost = false;
    logger.info("connected to redis again");
    for (const listener of listeners) listener();
  });
  await Promise.all([state.connect(), publisher.connect()]);
  const channel = `${options.keyPrefix}socket.io`;
  const adapter = createAdapter(publisher, {
    streamName: channel,
    channelPrefix: channel,
    sessionKeyPrefix: `${options.keyPrefix}sio:session:`,
    blockTimeInMs: ADAPTER_BLOCK_MS,
    maxLen: 10_000,
  });
  return {
    processId: options.processId ?? newProcessId(),
    state,
    keyPrefix: options.keyPrefix,
    adapter,
    async ping() {
      try {
        return (await state.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    onReconnect(listener) {
      listeners.push(listener);
    },
    async close() {
      state.disconnect();
      publisher.disconnect();
    },
  };
}
