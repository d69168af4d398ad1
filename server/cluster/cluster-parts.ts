import type { Logger } from "pino";
import type { LinkRevocations } from "../extension/link-revocations";
import { LINK_TOKEN_TTL_MS } from "../extension/link-token";
import type { LimiterFactory } from "../rate-limit";
import type { RoomStateStore } from "../room/room";
import type { ClusterRedis } from "./open-redis";
import { createProcessRegistry, type ProcessRegistry, type ProcessTimings } from "./process-registry";
import { redisLimiterFactory } from "./redis-limiters";
import { createRedisLinkRevocations } from "./redis-link-revocations";
import { createRedisRoomState } from "./redis-room-state";

/** What the app shares through Redis when several processes serve it (composeApp). */
export function clusterParts(
  cluster: ClusterRedis,
  options: { logger: Logger; timings?: Partial<ProcessTimings> },
): { roomState: RoomStateStore; makeLimiter: LimiterFactory; processes: ProcessRegistry; linkRevocations: LinkRevocations } {
  return {
    roomState: createRedisRoomState(cluster),
    linkRevocations: createRedisLinkRevocations(cluster, LINK_TOKEN_TTL_MS),
    makeLimiter: redisLimiterFactory(cluster.state),
    processes: createProcessRegistry({ cluster, logger: options.logger, ...(options.timings ? { timings: options.timings } : {}) }),
  };
}
