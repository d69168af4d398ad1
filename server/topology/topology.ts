import type { ClusterRedis } from "../cluster/open-redis";
import type { ProcessRegistry } from "../cluster/process-registry";
import type { Database } from "../db/client";
import type { LinkRevocations } from "../extension/link-revocations";
import type { PartyRepository } from "../parties/party";
import type { LimiterFactory } from "../rate-limit";
import type { RealtimeTopology } from "../realtime/create-realtime-server";
import type { SocketLimiters } from "../socket-limits";
import type { RoomRepository, RoomStateStore } from "../room/room";
import type { UserRepository } from "../users/user";

/**
 * How many processes serve the app, and everything that differs with it: the
 * one place that knows. `single-process.ts`: one process, everything in
 * memory, the only writer of its database (read caches). `cluster.ts`:
 * several processes on PostgreSQL and Redis. assembleApp builds the same app
 * over either; no other module asks which one it is.
 */
export interface Topology {
  readonly kind: "single-process" | "cluster";
  /** This process's name in logs and /metrics. */
  readonly processId: string;
  /** The repositories over the database as this topology needs them (read caches; chat notified to every process). */
  repositories(database: Pick<Database, "kind" | "prisma" | "driver">): { users: UserRepository; parties: PartyRepository; rooms: RoomRepository };
  /** Live presence of the rooms. */
  readonly roomState: RoomStateStore;
  /** Rate limiters' stores (sign-in, sign-up, drafts). */
  readonly makeLimiter: LimiterFactory;
  /** The extension link tokens voided by an unlink. */
  readonly linkRevocations: LinkRevocations;
  /** What the realtime server takes from the topology. */
  readonly realtime: TopologyRealtime;
  /** What /metrics pings besides the database (Redis, in a cluster). */
  readonly pingRedis?: () => Promise<boolean>;
  /** Redis and the process registry (a cluster's; tests look at them). */
  readonly cluster?: ClusterRedis;
  readonly processes?: ProcessRegistry;
  /** Stops what the topology runs (registry, time base, LISTEN, Redis) and gives the database's serving lock back. */
  close(): Promise<void>;
  /** As `kill -9` would (tests): no more heartbeats, Redis and the lock's connection dropped, nothing cleaned up. */
  halt(): Promise<void>;
}

/** The realtime server's parts, and its socket limiters' stores. */
export type TopologyRealtime = RealtimeTopology & { socketLimiters: SocketLimiters };
