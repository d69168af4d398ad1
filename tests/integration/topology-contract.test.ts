import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "@/server/db/database-target";
import type { RoomSnapshot } from "@/server/realtime/protocol";
import type { ChatMessage } from "@/server/room/room";
import { openClusterTopology } from "@/server/topology/cluster";
import { openSingleProcessTopology } from "@/server/topology/single-process";
import type { Topology } from "@/server/topology/topology";
import { clusterTier } from "../support/cluster-tier";
import { answerFor } from "../support/trivia-answers";
import { call, collect, next, waitFor } from "../support/socket-calls";
import { connected, deleteKeys, startTestApp, testRedisUrl, type TestApp, type TestClient } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const logger = pino({ level: "silent" });

interface Variant {
  name: string;
  run: boolean;
  kind: DatabaseTarget["kind"];
  /** Two views of the same topology: two processes of a cluster, or the one process twice. */
  open(target: DatabaseTarget, keyPrefix: string): Promise<[Topology, Topology]>;
  /** The app on this topology, and a second process's worth (the same one for a single process). */
  app(): Promise<{ app: TestApp; other: Pick<TestApp, "connect"> }>;
}

const postgresUrl = (target: DatabaseTarget) => (target.kind === "postgres" ? target.url : "");
const single = (kind: DatabaseTarget["kind"]): Variant => ({
  name: `single process (${kind})`,
  run: kind === "embedded" || Boolean(process.env.TEST_DATABASE_URL),
  kind,
  async open(target) {
    const topology = await openSingleProcessTopology({ database: target, logger, lockWaitMs: 0 });
    return [topology, topology];
  },
  async app() {
    const app = await startTestApp({ kind });
    return { app, other: app };
  },
});
const cluster: Variant = {
  name: "cluster (PostgreSQL + Redis)",
  run: clusterTier,
  kind: "postgres",
  async open(target, keyPrefix) {
    const open = () => openClusterTopology({ redis: { url: testRedisUrl(), keyPrefix }, databaseUrl: postgresUrl(target), logger, lockWaitMs: 0 });
    return [await open(), await open()];
  },
  async app() {
    const app = await startTestApp({ kind: "postgres", redis: true });
    return { app, other: await app.startInstance() };
  },
};

/**
 * What assembleApp and the realtime server rely on from a topology, the same
 * from one process and from a cluster (as room-state-contract does for the
 * room state): the port itself, then the room publisher through real sockets.
 */
for (const variant of [single("embedded"), single("postgres"), cluster]) {
  describe.skipIf(!variant.run)(`the topology port: ${variant.name}`, () => {
    let database: TestDatabase;
    let one: Topology;
    let two: Topology;
    const keyPrefix = `bwp-test-topology-${randomUUID().slice(0, 8)}:`;

    beforeAll(async () => {
      database = await createTestDatabase(variant.kind);
      [one, two] = await variant.open(database.target, keyPrefix);
    });
    afterAll(async () => {
      await one?.close();
      if (two !== one) await two?.close();
      if (variant === cluster) await deleteKeys(keyPrefix);
      await database.destroy();
    });

    it("shares room state, limits and link revocations between its processes", async () => {
      const partyId = `party-${randomUUID()}`;
      expect(await one.roomState.join(partyId, "socket-1", { userId: "ann", name: "Ann", role: "guest", muted: false })).toBe(true);
      expect((await two.roomState.presence(partyId)).map((p) => p.userId)).toEqual(["ann"]);
      const rule = { points: 1, duration: 60 };
      const first = one.makeLimiter(`contract-${partyId}`, rule);
      await first.consume("ann");
      // One process has one limiter of a name; a cluster's processes each make theirs over one store.
      const second = two === one ? first : two.makeLimiter(`contract-${partyId}`, rule);
      await expect(second.consume("ann")).rejects.toMatchObject({ remainingPoints: 0 });
      await one.linkRevocations.revoke("ann", partyId, 1_000);
      expect(await two.linkRevocations.revokedAt("ann", partyId)).toBe(1_000);
    });

    it("gives a server clock near the wall clock, and names the process", () => {
      expect(Math.abs(one.realtime.now() - Date.now())).toBeLessThan(1000);
      expect(one.processId).toMatch(/-\d+-[0-9a-f]{6}$/);
    });

    it("gives the database back when closed (PostgreSQL: the serving lock)", async () => {
      if (two !== one) await two.close();
      await one.close();
      [one, two] = await variant.open(database.target, keyPrefix);
      expect(one.kind).toBe(variant === cluster ? "cluster" : "single-process");
    });
  });

  describe.skipIf(!variant.run)(`the room publisher: ${variant.name}`, () => {
    let app: TestApp;
    let other: Pick<TestApp, "connect">;

    beforeAll(async () => {
      ({ app, other } = await variant.app());
    });
    afterAll(() => app?.close());

    async function join(client: TestClient, partyId: string): Promise<RoomSnapshot> {
      const result = await call(client, "room:join", { partyId });
      if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
      return result.data;
    }

    it("delivers every chat message once to every member, in seq order; presence and the clock reach everyone", async () => {
      const hostCookie = await app.signInAsMember("Publisher host");
      const host = (await app.context.getSessionUser(hostCookie))!;
      const party = await app.newParty(host.id);
      const a = app.connect(hostCookie);
      const b = other.connect(await app.signInAsGuest("Publisher guest"));
      await Promise.all([connected(a), connected(b)]);
      await join(a, party.id);
      const presence = collect(a, "presence:update");
      await join(b, party.id);
      await waitFor(() => presence.some((p) => p.presence.length === 2), "both in the host's presence list");

      const seen = [collect(a, "chat:message"), collect(b, "chat:message")];
      const sends = 6;
      await Promise.all(
        Array.from({ length: sends }, (_, i) =>
          call(i % 2 ? b : a, "chat:send", { partyId: party.id, clientId: randomUUID(), text: `contract ${i}`, episode: 1, positionMs: i }),
        ),
      );
      await waitFor(() => seen.every((s) => s.length >= sends), "every message at both members");
      const seqs = (s: Array<{ message: ChatMessage }>) => s.map((m) => m.message.seq);
      for (const s of seen) {
        expect(seqs(s)).toEqual([...seqs(s)].sort((x, y) => x - y));
        expect(new Set(seqs(s)).size).toBe(sends);
        expect(s[0]!.message).toMatchObject({ senderName: expect.any(String), reactions: {}, createdAt: expect.stringMatching(/Z$/) });
      }
      expect(seqs(seen[0]!)).toEqual(seqs(seen[1]!));

      const clock = next(b, "clock:state");
      expect((await call(a, "clock:command", { partyId: party.id, command: { type: "play" } })).ok).toBe(true);
      expect(await clock).toMatchObject({ partyId: party.id, by: "Publisher host", clock: { playing: true } });
    }, 120_000);

    it("the trivia publisher: the round and the answered count reach everyone, a player's standing only that player's connections", async () => {
      const hostCookie = await app.signInAsMember("Quiz host");
      const party = await app.newParty((await app.context.getSessionUser(hostCookie))!.id);
      const playerCookie = await app.signInAsGuest("Quiz player");
      const rivalCookie = await app.signInAsGuest("Quiz rival");
      // The player in two tabs, one on each process (the same process twice for a single process).
      const clients = { host: app.connect(hostCookie), tab1: app.connect(playerCookie), tab2: other.connect(playerCookie), rival: other.connect(rivalCookie) };
      await Promise.all(Object.values(clients).map((c) => connected(c)));
      const rounds = Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, collect(c, "trivia:round")]));
      const yous = Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, collect(c, "trivia:you")]));
      const answered = collect(clients.rival, "trivia:answered");
      for (const c of Object.values(clients)) await join(c, party.id);

      const started = await call(clients.host, "trivia:start", { partyId: party.id, deck: "ballard", questionCount: 1, secondsPerQuestion: 60, hostPlays: false });
      if (!started.ok) throw new Error(started.error.message);
      const roundId = started.data.round.roundId;
      expect(await call(clients.host, "trivia:next", { partyId: party.id })).toMatchObject({ ok: true });
      const shownTo = (k: string) => rounds[k]!.find((r) => r.round?.phase === "question" && r.round.index === 0)?.round;
      for (const k of Object.keys(clients)) await waitFor(() => shownTo(k) !== undefined, `${k}: the question`, 20_000);
      const shown = shownTo("rival")!;
      await new Promise((r) => setTimeout(r, Math.max(0, shown.opensAt! - Date.now()) + 5));

      const answer = (c: TestClient, right: boolean) => call(c, "trivia:answer", { partyId: party.id, roundId, questionIndex: 0, answer: answerFor(shown.question!, right) });
      expect(await answer(clients.tab1, true)).toMatchObject({ ok: true });
      await waitFor(() => answered.some((a) => a.roundId === roundId && a.answeredCount === 1), "the answered count at the rival, on the other process");
      expect(await answer(clients.rival, false)).toMatchObject({ ok: true });
      // Everyone answered: the reveal, and each player's own result to that player's connections only.
      const result = (k: string) => yous[k]!.findLast((y) => y.you.roundId === roundId && y.you.last !== null)?.you.last;
      for (const k of ["tab1", "tab2", "rival"]) await waitFor(() => result(k) !== undefined, `${k}: its result`, 20_000);
      expect(result("tab1")).toMatchObject({ correct: true });
      expect(result("tab2")).toMatchObject({ correct: true });
      expect(result("rival")).toMatchObject({ correct: false });
      expect(yous.host!.filter((y) => y.you.playing)).toEqual([]);
      await waitFor(() => rounds.host!.some((r) => r.round?.phase === "reveal"), "the host sees the reveal");
    }, 120_000);
  });
}
