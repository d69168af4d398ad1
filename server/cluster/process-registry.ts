import type { Logger } from "pino";
import { PROCESSES_KEY, processPlacesKey, processSocketsKey, ROOM_STATE_TTL_MS, sweepKey } from "./cluster-keys";
import type { ClusterRedis } from "./open-redis";
import { sweepPlaces } from "./redis-limiters";
import type { LeftRoom } from "../room/room";
import type { ProcessRegistry, ProcessTimings, RegistryHandlers } from "../realtime/processes";
import { sweepRoomConnections } from "./redis-room-state";
import { defineScript } from "./redis-script";

export type { ProcessRegistry, ProcessTimings, RegistryHandlers };

export const PROCESS_TIMINGS: ProcessTimings = { heartbeatMs: 5000, deadAfterMs: 15_000 };
/** How long a janitor may take over a dead process before another may try again. */
const SWEEP_LEASE_MS = 30_000;

// KEYS: the processes, this process's two indexes. ARGV: processId, ttl.
// Redis's own clock scores the beat, so the hosts' clocks do not matter. Returns 1 when the process was known.
const HEARTBEAT = `
local t = redis.call('TIME')
local known = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
if known then return 1 end
return 0
`;

// KEYS: the processes. ARGV: deadAfterMs. The processes silent that long.
const DEAD = `
local t = redis.call('TIME')
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (t[1] * 1000 + math.floor(t[2] / 1000) - tonumber(ARGV[1])))
`;

/**
 * The process registry and janitor (docs/architecture.md, "Several processes:
 * room state"): a sorted set of processes by last heartbeat. A janitor sweeps
 * only once its own beats have gone through regularly for deadAfterMs, so
 * after a Redis outage or a stall of its own the others have had the time to
 * beat again before any is taken for dead; one janitor takes a dead process
 * (a lease), its sockets leave their rooms and its connection places are given back.
 */
export function createProcessRegistry(options: {
  cluster: Pick<ClusterRedis, "state" | "processId" | "onReconnect">;
  logger: Logger;
  timings?: Partial<ProcessTimings>;
}): ProcessRegistry {
  const { state: redis, processId } = options.cluster;
  const timings = { ...PROCESS_TIMINGS, ...options.timings };
  const logger = options.logger.child({ component: "process-registry", processId });
  const heartbeat = defineScript(redis, "bwpHeartbeat", 3, HEARTBEAT);
  const deadProcesses = defineScript(redis, "bwpDeadProcesses", 1, DEAD);
  let handlers: RegistryHandlers | undefined;
  let timer: NodeJS.Timeout | undefined;
  let registered = false;
  /**
   * Since when this process's beats have gone through regularly: reset by a
   * failed beat and by a gap as long as the death time (a stall of its own,
   * after which the others' last beats look as old as if they were dead).
   */
  let healthySince: number | null = null;
  let lastBeatAt: number | null = null;
  let ticking: Promise<void> = Promise.resolve();

  async function takeOut(gone: string): Promise<Map<string, LeftRoom[]>> {
    const rooms = await sweepRoomConnections(redis, gone);
    await sweepPlaces(redis, gone);
    await redis.multi().zrem(PROCESSES_KEY, gone).del(processSocketsKey(gone), processPlacesKey(gone), sweepKey(gone)).exec();
    return rooms;
  }

  async function tell(rooms: Map<string, LeftRoom[]>): Promise<void> {
    for (const [partyId, left] of rooms) await handlers?.swept(partyId, left);
  }

  async function sweep(dead: string): Promise<void> {
    if (dead === processId) return;
    if ((await redis.set(sweepKey(dead), processId, "PX", SWEEP_LEASE_MS, "NX")) !== "OK") return;
    const rooms = await takeOut(dead);
    logger.warn({ deadProcess: dead, rooms: rooms.size }, "a process stopped beating: its connections left their rooms");
    await tell(rooms);
  }

  async function tick(): Promise<void> {
    let known: unknown;
    try {
      known = await heartbeat(PROCESSES_KEY, processSocketsKey(processId), processPlacesKey(processId), processId, ROOM_STATE_TTL_MS);
    } catch (err) {
      if (healthySince !== null) logger.warn({ err }, "heartbeat failed");
      healthySince = null;
      return;
    }
    const beatAt = Date.now();
    if (healthySince === null || (lastBeatAt !== null && beatAt - lastBeatAt >= timings.deadAfterMs)) healthySince = beatAt;
    lastBeatAt = beatAt;
    if (known !== 1 && registered) {
      logger.warn("this process was taken for dead: its connections join again");
      handlers?.lost();
    }
    registered = true;
    if (beatAt - healthySince < timings.deadAfterMs) return;
    for (const dead of (await deadProcesses(PROCESSES_KEY, timings.deadAfterMs)) as string[]) await sweep(dead);
  }

  const tickLogged = () => {
    ticking = ticking.then(tick).catch((err: unknown) => logger.error({ err }, "the janitor's round failed"));
    return ticking;
  };

  options.cluster.onReconnect(() => {
    if (timer) void tickLogged();
  });

  return {
    processId,
    timings,
    start(given) {
      handlers = given;
      void tickLogged();
      timer = setInterval(() => void tickLogged(), timings.heartbeatMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await ticking;
      try {
        await tell(await takeOut(processId));
      } catch (err) {
        logger.error({ err }, "taking this process's connections out failed (the janitor will)");
      }
    },
    halt() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
