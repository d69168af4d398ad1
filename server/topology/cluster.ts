import type { Logger } from "pino";
import { clusterParts } from "../cluster/cluster-parts";
import { CHAT_CHANNEL } from "../cluster/chat-notifications";
import { startClusterRealtime } from "../cluster/cluster-realtime";
import { openRedis } from "../cluster/open-redis";
import { newProcessId } from "../process-id";
import type { ProcessTimings } from "../cluster/process-registry";
import { redisSocketLimiters } from "../cluster/redis-limiters";
import { holdServingLock } from "../db/serving-lock";
import { createPrismaPartyRepository } from "../parties/prisma-party-repository";
import { processPeers } from "../realtime/room-takeout";
import { createRedisCallStore } from "../voice/redis-call-store";
import { createPrismaRoomRepository } from "../room/prisma-room-repository";
import { createPrismaUserRepository } from "../users/prisma-user-repository";
import type { Topology } from "./topology";

/**
 * Several processes on one PostgreSQL database and Redis (REDIS_URL): room
 * state, limits, link revocations and the process registry in Redis, the
 * Redis adapter, one time base (Redis's clock), chat stored under per-party
 * locks and delivered by PostgreSQL notifications, a resync after a lost
 * connection. No read caches: other processes write too. Holds the serving
 * lock shared, so no single-process server runs on the database meanwhile.
 */
export async function openClusterTopology(options: {
  redis: { url: string; keyPrefix: string };
  databaseUrl: string;
  logger: Logger;
  processId?: string;
  /** The process registry's heartbeat and death time (tests shorten them). */
  processTimings?: Partial<ProcessTimings>;
  /** The process's own clock (a test gives a wrong one: the time base corrects it). */
  localNow?: () => number;
  lockWaitMs?: number;
}): Promise<Topology> {
  const { logger, databaseUrl } = options;
  const processId = options.processId ?? newProcessId();
  const lock = await holdServingLock({ url: databaseUrl, mode: "shared", logger, ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}) });
  const cluster = await openRedis({ ...options.redis, logger, processId });
  const shared = clusterParts(cluster, { logger, ...(options.processTimings ? { timings: options.processTimings } : {}) });
  const clustered = await startClusterRealtime({ cluster, databaseUrl, logger, ...(options.localNow ? { localNow: options.localNow } : {}) });
  return {
    kind: "cluster",
    processId,
    repositories(db) {
      return {
        users: createPrismaUserRepository(db.prisma),
        parties: createPrismaPartyRepository(db.prisma),
        // Chat is stored under per-party locks and notified to every process.
        rooms: createPrismaRoomRepository(db, { commit: { notifyChannel: CHAT_CHANNEL } }),
      };
    },
    roomState: shared.roomState,
    makeLimiter: shared.makeLimiter,
    linkRevocations: shared.linkRevocations,
    realtime: {
      adapter: cluster.adapter,
      socketLimiters: redisSocketLimiters(cluster),
      peers: processPeers(shared.processes),
      callStore: createRedisCallStore(cluster.state),
      ...clustered.deps,
    },
    pingRedis: () => cluster.ping(),
    cluster,
    processes: shared.processes,
    async close() {
      await clustered.close();
      await shared.processes.stop();
      await cluster.close();
      await lock.release();
    },
    async halt() {
      shared.processes.halt();
      await cluster.close();
      await clustered.close();
      await lock.release();
    },
  };
}
