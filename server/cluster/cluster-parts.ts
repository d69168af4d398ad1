import type { Logger } from "pino";
import type { AppContext } from "../context";
import type { LinkRevocations } from "../extension/link-revocations";
import { LINK_TOKEN_TTL_MS } from "../extension/link-token";
import type { LimiterFactory } from "../rate-limit";
import type { RealtimeDeps } from "../realtime/create-realtime-server";
import type { RoomStateStore } from "../room/room";
import type { ClusterRedis } from "./open-redis";
import { createProcessRegistry, type ProcessRegistry, type ProcessTimings } from "./process-registry";
import { redisLimiterFactory, redisSocketLimiters } from "./redis-limiters";
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

/** The realtime server's parts over Redis: the adapter, the socket limits, the process registry. */
export function clusterRealtimeDeps(context: Pick<AppContext, "cluster" | "processes">): Pick<RealtimeDeps, "adapter" | "limiters" | "processes"> {
  const { cluster, processes } = context;
  if (!cluster || !processes) throw new Error("clusterRealtimeDeps needs an app composed with a cluster");
  return { adapter: cluster.adapter, limiters: redisSocketLimiters(cluster), processes };
}
