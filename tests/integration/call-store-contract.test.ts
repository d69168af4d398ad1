import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryCallStore, type CallStore } from "@/server/voice/call-store";
import { CALL_RULES_TTL_S, createRedisCallStore } from "@/server/voice/redis-call-store";
import { deleteKeys } from "../support/test-app";

/**
 * The call's rules port (server/voice/call-store.ts) in both topologies' stores:
 * the same answers from memory (one process) and from Redis (a cluster, where
 * two processes each hold a store over one Redis), as room-state-contract does
 * for the room state.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const keyPrefix = `bwp-test-call-${randomUUID().slice(0, 8)}:`;
const connections: Redis[] = [];

interface Variant {
  name: string;
  run: boolean;
  /** Two processes' views of one store (the same store twice for one process). */
  open(): [CallStore, CallStore];
}

const variants: Variant[] = [
  {
    name: "memory (one process)",
    run: true,
    open() {
      const store = createMemoryCallStore();
      return [store, store];
    },
  },
  {
    name: "Redis (a cluster)",
    run: Boolean(redisUrl),
    open() {
      const [a, b] = [new Redis(redisUrl!, { keyPrefix }), new Redis(redisUrl!, { keyPrefix })];
      connections.push(a, b);
      return [createRedisCallStore(a), createRedisCallStore(b)];
    },
  },
];

afterAll(async () => {
  for (const c of connections) c.disconnect();
  if (redisUrl) await deleteKeys(keyPrefix, redisUrl);
});

for (const variant of variants) {
  describe.skipIf(!variant.run)(`the call store: ${variant.name}`, () => {
    it("starts open, with nobody removed or muted", async () => {
      const [one] = variant.open();
      expect(await one.read(`party-${randomUUID()}`)).toEqual({ off: false, removed: [], hostMuted: [], large: false });
    });

    it("keeps the off switch, the large call, removals and host mutes per party, seen from every process", async () => {
      const [one, two] = variant.open();
      const party = `party-${randomUUID()}`;
      const other = `party-${randomUUID()}`;
      await one.remove(party, "u1");
      await one.setHostMuted(party, "u2", true);
      await one.setHostMuted(party, "u3", true);
      await two.setOff(party, true);
      await two.setLarge(party, true);
      const read = await two.read(party);
      expect({ ...read, hostMuted: [...read.hostMuted].sort() }).toEqual({ off: true, removed: ["u1"], hostMuted: ["u2", "u3"], large: true });
      // Undone from the other process; a removal stays (a removed member cannot rejoin the call).
      await two.setHostMuted(party, "u2", false);
      await one.setOff(party, false);
      await one.setLarge(party, false);
      expect(await one.read(party)).toEqual({ off: false, removed: ["u1"], hostMuted: ["u3"], large: false });
      // Idempotent, and another party is untouched.
      await one.remove(party, "u1");
      expect((await two.read(party)).removed).toEqual(["u1"]);
      expect(await two.read(other)).toEqual({ off: false, removed: [], hostMuted: [], large: false });
    });

    it.skipIf(variant.name.startsWith("memory"))("lets a party's rules expire in Redis after the TTL, refreshed by each change", async () => {
      const [one] = variant.open();
      const party = `party-${randomUUID()}`;
      await one.remove(party, "u1");
      const ttl = await connections.at(-1)!.ttl(`voice:${party}`);
      expect(ttl).toBeGreaterThan(CALL_RULES_TTL_S - 60);
      expect(ttl).toBeLessThanOrEqual(CALL_RULES_TTL_S);
    });
  });
}
