import { newProcessId } from "../process-id";
import type { Logger } from "pino";
import type { DatabaseTarget } from "../db/database-target";
import { holdServingLock } from "../db/serving-lock";
import { createMemoryLinkRevocations } from "../extension/link-revocations";
import { LINK_TOKEN_TTL_MS } from "../extension/link-token";
import { createPrismaPartyRepository } from "../parties/prisma-party-repository";
import { memoryLimiter } from "../rate-limit";
import { createOutboxChatDelivery } from "../realtime/chat-delivery";
import { noPeers } from "../realtime/room-takeout";
import { socketLimiters } from "../socket-limits";
import { createMemoryCallStore } from "../voice/call-store";
import { cachePartyReads } from "../room/cache-party-reads";
import { createMemoryRoomState } from "../room/memory-room-state";
import { createPrismaRoomRepository } from "../room/prisma-room-repository";
import { cacheSessionVersions } from "../users/cache-session-versions";
import { createPrismaUserRepository } from "../users/prisma-user-repository";
import type { Topology } from "./topology";

/** Chat batches stored at once on a PostgreSQL server, of the pool's 10 connections (node-postgres's default). */
const CHAT_BATCHES_IN_FLIGHT = 4;

/**
 * One process serves everything, from memory: room state, limits, link
 * revocations, chat through an outbox. It is the only writer of its database,
 * so it keeps what joins and sessions read until its own next write; on a
 * PostgreSQL server it holds the database's serving lock exclusively for its
 * lifetime, so a second one refuses to start (server/db/serving-lock.ts).
 */
export async function openSingleProcessTopology(options: { database: DatabaseTarget; logger: Logger; processId?: string; lockWaitMs?: number }): Promise<Topology> {
  const { database, logger } = options;
  const lock =
    database.kind === "postgres"
      ? await holdServingLock({ url: database.url, mode: "exclusive", logger, ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}) })
      : undefined;
  return {
    kind: "single-process",
    processId: options.processId ?? newProcessId(),
    repositories(db) {
      const { parties, rooms } = cachePartyReads({
        parties: createPrismaPartyRepository(db.prisma),
        // On a PostgreSQL server several chat batches at once, on the pool's connections (the outbox keeps each party's order).
        rooms: createPrismaRoomRepository(db, db.kind === "postgres" ? { chatBatchesInFlight: CHAT_BATCHES_IN_FLIGHT } : {}),
      });
      return { users: cacheSessionVersions(createPrismaUserRepository(db.prisma)), parties, rooms };
    },
    roomState: createMemoryRoomState(),
    makeLimiter: memoryLimiter,
    linkRevocations: createMemoryLinkRevocations(LINK_TOKEN_TTL_MS),
    realtime: {
      socketLimiters: socketLimiters(),
      peers: noPeers,
      chatDelivery: createOutboxChatDelivery(),
      resyncOn: () => undefined,
      now: Date.now,
      callStore: createMemoryCallStore(),
    },
    close: async () => lock?.release(),
    halt: async () => lock?.release(),
  };
}
