import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_STATE_TTL_MS, roomKeys } from "@/server/cluster/cluster-keys";
import { openRedis, type ClusterRedis } from "@/server/cluster/open-redis";
import { createRedisRoomState } from "@/server/cluster/redis-room-state";
import { createMemoryRoomState } from "@/server/room/memory-room-state";
import type { RoomStateStore } from "@/server/room/room";
import { deleteKeys, testRedisUrl } from "../support/test-app";

const redisTier = Boolean(process.env.TEST_REDIS_URL);

/** What the handlers rely on, the same from the memory store and the Redis one. */
function roomStateContract(name: string, open: () => Promise<{ store: RoomStateStore; other?: RoomStateStore }>) {
  describe(`the room state (${name})`, () => {
    let store: RoomStateStore;
    /** The same state seen through another process (Redis), or the same store. */
    let other: RoomStateStore;
    let party = 0;
    const newParty = () => `party${++party}`;

    beforeAll(async () => {
      const opened = await open();
      store = opened.store;
      other = opened.other ?? opened.store;
    });

    const ann = { userId: "ann", name: "Ann / \"A\" 🎬", role: "guest" as const, muted: false };

    it("joins a person once however many connections, leaves with the last one, and forgets an empty room", async () => {
      const p = newParty();
      expect(await store.join(p, "s1", ann)).toBe(true);
      expect(await other.join(p, "s2", ann)).toBe(false);
      expect(await store.join(p, "s1", ann)).toBe(false);
      expect(await store.presence(p)).toEqual([
        { userId: "ann", name: ann.name, role: "guest", muted: false, connected: true, ready: false, inSync: false, driftMs: null, roundTripMs: null },
      ]);
      await store.join(p, "s3", { userId: "bob", name: "Bob", role: "host", muted: false });
      await other.update(p, "ann", { ready: true, driftMs: -12.5, inSync: true });
      expect(await store.leave(p, "s1")).toEqual({ userId: "ann", gone: false });
      expect(await store.member(p, "ann")).toMatchObject({ connected: true, ready: true, driftMs: -12.5, inSync: true });
      expect(await other.leave(p, "s2")).toEqual({ userId: "ann", gone: true });
      expect(await store.member(p, "ann")).toMatchObject({ connected: false, ready: false });
      expect(await store.leave(p, "s2")).toBeNull();
      expect(await store.leave(p, "s3")).toEqual({ userId: "bob", gone: true });
      expect(await store.presence(p)).toEqual([]);
    });

    it("keeps what was reported across a rejoin, takes the new mute, and ignores updates for people not there", async () => {
      const p = newParty();
      await store.join(p, "s1", ann);
      await store.update(p, "ann", { roundTripMs: 40, driftMs: null });
      await store.join(p, "s2", { ...ann, muted: true });
      expect(await other.member(p, "ann")).toMatchObject({ muted: true, roundTripMs: 40, driftMs: null });
      await store.update(p, "nobody", { ready: true });
      expect(await store.member(p, "nobody")).toBeNull();
      expect((await store.presence(p)).map((e) => e.userId)).toEqual(["ann"]);
    });

    it("gives one presence window at a time, and it can be taken again once given back", async () => {
      const p = newParty();
      const release = await store.claimPresenceBroadcast(p, 1000);
      expect(release).not.toBeNull();
      if (other !== store) expect(await other.claimPresenceBroadcast(p, 1000)).toBeNull();
      await release!();
      expect(await other.claimPresenceBroadcast(p, 1000)).not.toBeNull();
    });
  });
}

roomStateContract("memory, one process", async () => ({ store: createMemoryRoomState() }));

describe.skipIf(!redisTier)("on Redis", () => {
  const keyPrefix = `bwp-test-${randomBytes(6).toString("hex")}:`;
  const clusters: ClusterRedis[] = [];
  const opening = async () => {
    const cluster = await openRedis({ url: testRedisUrl(), keyPrefix, logger: pino({ level: "silent" }) });
    clusters.push(cluster);
    return createRedisRoomState(cluster);
  };
  afterAll(async () => {
    for (const cluster of clusters) await cluster.close();
    await deleteKeys(keyPrefix);
  });
  roomStateContract("Redis, two processes", async () => ({ store: await opening(), other: await opening() }));

  it("keeps a room's keys alive while people report, renewing them only once half their lifetime has run", async () => {
    const store = await opening();
    const redis = clusters.at(-1)!.state;
    const keys = Object.values(roomKeys("ttl-party")).slice(0, 3);
    const ttls = () => Promise.all(keys.map((k) => redis.pttl(k)));
    await store.join("ttl-party", "s1", { userId: "ann", name: "Ann", role: "guest", muted: false });
    for (const ttl of await ttls()) expect(ttl).toBeGreaterThan(ROOM_STATE_TTL_MS * 0.9);

    // Three quarters of the lifetime left: a report changes the entry and leaves the expiry alone.
    for (const k of keys) await redis.pexpire(k, ROOM_STATE_TTL_MS * 0.75);
    await store.update("ttl-party", "ann", { driftMs: 5 });
    for (const ttl of await ttls()) expect(ttl).toBeLessThanOrEqual(ROOM_STATE_TTL_MS * 0.75);
    expect(await store.member("ttl-party", "ann")).toMatchObject({ driftMs: 5 });

    // Under half left: the next report renews all three keys.
    for (const k of keys) await redis.pexpire(k, ROOM_STATE_TTL_MS * 0.4);
    await store.update("ttl-party", "ann", { driftMs: 7 });
    for (const ttl of await ttls()) expect(ttl).toBeGreaterThan(ROOM_STATE_TTL_MS * 0.9);
  });
});
