import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicRoundView } from "@/server/realtime/protocol";
import type { TriviaRepository } from "@/server/trivia/trivia";
import { clusterTier } from "../support/cluster-tier";
import { signInGuest } from "../support/people";
import { call, collect, dataOf, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

/**
 * The join path's "no round" memo (server/trivia/trivia-runner.ts, NO_ROUND_MEMO):
 * a burst of joins to a party without trivia reads the database once, and a
 * round started here or on another process is in the lobby of whoever joins
 * right after, also when a read from before the start is still under way.
 */

/**
 * The trivia repository the realtime server uses, with its reads of "is there
 * a round" (`findLiveRound`, `liveVersion`) counted per party, and one such
 * read's answer held back on demand.
 */
function countedReads() {
  const reads = new Map<string, number>();
  const pending = new Set<Promise<unknown>>();
  let held: { partyId: string; gate: Promise<void>; read: (done: Promise<unknown>) => void } | null = null;
  /** Counts a read; a held one happens now and is answered when the test opens the gate (an answer from before whatever happens meanwhile). */
  function counted<T>(partyId: string, query: PromiseLike<T>): Promise<T> {
    reads.set(partyId, (reads.get(partyId) ?? 0) + 1);
    let answer = Promise.resolve(query);
    if (held?.partyId === partyId) {
      const { gate, read } = held;
      held = null;
      const done = answer;
      read(done);
      answer = done.then((row) => gate.then(() => row));
    }
    pending.add(answer);
    void answer.catch(() => undefined).finally(() => pending.delete(answer));
    return answer;
  }
  return {
    wrap: (repository: TriviaRepository): TriviaRepository => ({
      ...repository,
      findLiveRound: (partyId) => counted(partyId, repository.findLiveRound(partyId)),
      liveVersion: (partyId) => counted(partyId, repository.liveVersion(partyId)),
    }),
    reads: (partyId: string) => reads.get(partyId) ?? 0,
    /** Every read under way has been answered. */
    settled: async () => void (await Promise.allSettled([...pending])),
    /** The party's next read happens at once, its answer waits for `open()`; `read` resolves once the database answered. */
    hold(partyId: string) {
      let open!: () => void;
      let read!: (done: Promise<unknown>) => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const answered = new Promise<unknown>((resolve) => (read = resolve));
      held = { partyId, gate, read };
      return { open, read: answered };
    },
  };
}

type Instance = { connect: TestApp["connect"] };

/** Joins as the room page does: `room:join`, then `trivia:sync` for the round the page shows. */
async function enter(on: Instance, app: TestApp, name: string, partyId: string) {
  const { cookie } = await signInGuest(app, name);
  const client = on.connect(cookie);
  const rounds = collect(client, "trivia:round");
  await connected(client);
  dataOf(await call(client, "room:join", { partyId }));
  const synced = dataOf(await call(client, "trivia:sync", { partyId }));
  return { client, rounds, synced };
}

/** Resolves once the client was sent the round with this many players (whoever joins its lobby is counted). */
const lobbyOf = (p: { rounds: Array<{ round: PublicRoundView | null }> }, roundId: string, players: number) =>
  waitFor(() => p.rounds.some(({ round }) => round?.roundId === roundId && round.players === players), `the lobby with ${players} players`);

const start = async (host: TestClient, partyId: string) =>
  dataOf(await call(host, "trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: 30 })).round;

describe.each(testDatabaseKinds())("the join path's 'no round' memo on the %s database", (kind) => {
  let app: TestApp;
  const counted = countedReads();

  beforeAll(async () => {
    app = await startTestApp({ kind, wrapTrivia: counted.wrap });
  });
  afterAll(() => app.close());

  it("reads once for a party's joins while it has no round; a join after a start is in the round's lobby", async () => {
    const host = await signInGuest(app, "Memo host");
    const { id: partyId } = await app.newParty(host.user.id);
    const hostClient = app.connect(host.cookie);
    await connected(hostClient);
    dataOf(await call(hostClient, "room:join", { partyId }));
    await counted.settled();
    expect(dataOf(await call(hostClient, "trivia:sync", { partyId })).round).toBeNull();
    expect(counted.reads(partyId)).toBe(1);
    // One after the other (none shares a read under way): each would have read twice without the memo.
    for (let i = 1; i <= 5; i++) {
      expect((await enter(app, app, `Early ${i}`, partyId)).synced.round).toBeNull();
      await counted.settled();
    }
    expect(counted.reads(partyId)).toBe(1);

    const round = await start(hostClient, partyId);
    expect(round).toMatchObject({ phase: "lobby", players: 6 });
    const late = await enter(app, app, "Late", partyId);
    expect(late.synced.round?.roundId).toBe(round.roundId);
    await lobbyOf(late, round.roundId, 7);
  });
});

describe.skipIf(!clusterTier)("the join path's 'no round' memo across two processes", { timeout: 60_000 }, () => {
  let app: TestApp;
  let b: Awaited<ReturnType<TestApp["startInstance"]>>;
  const counted = countedReads();

  beforeAll(async () => {
    app = await startTestApp({ kind: "postgres", redis: true, wrapTrivia: counted.wrap });
    b = await app.startInstance();
  });
  afterAll(() => app.close());

  /** A party whose host is in the room on A. */
  async function party(name: string) {
    const host = await signInGuest(app, name);
    const { id: partyId } = await app.newParty(host.user.id);
    const client = app.connect(host.cookie);
    await connected(client);
    dataOf(await call(client, "room:join", { partyId }));
    await counted.settled();
    return { partyId, host: client };
  }

  it("a round started on A is in the lobby of a join on B right after, though B holds 'no round'", async () => {
    const { partyId, host } = await party("Host on A");
    await enter(b, app, "First on B", partyId);
    await counted.settled();
    const readsBefore = counted.reads(partyId);
    // B read that there is no round for the first: the second's join and sync read nothing.
    expect((await enter(b, app, "Second on B", partyId)).synced.round).toBeNull();
    await counted.settled();
    expect(counted.reads(partyId)).toBe(readsBefore);

    const round = await start(host, partyId);
    expect(round.players).toBe(3);
    const late = await enter(b, app, "Late on B", partyId);
    expect(late.synced.round?.roundId).toBe(round.roundId);
    await lobbyOf(late, round.roundId, 4);
  });

  it("a read on B from before A's start leaves no 'no round' behind", async () => {
    const { partyId, host } = await party("Host on A, early read");
    const early = await enter(b, app, "Early on B", partyId);
    await counted.settled();
    // A read of another kind (an answer to a round B does not know), under way when A starts one.
    const held = counted.hold(partyId);
    const answer = call(early.client, "trivia:answer", { partyId, roundId: "0".repeat(32), questionIndex: 0, answer: { kind: "choice", option: 0 } });
    await held.read;
    const round = await start(host, partyId);
    // Its answer, "no round" from before the start, arrives after it.
    held.open();
    expect(await answer).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const late = await enter(b, app, "Late on B", partyId);
    await lobbyOf(late, round.roundId, 3);
  });

  it("a round sync on B from before A's start leaves no 'no round' behind", async () => {
    const { partyId, host } = await party("Host on A, early sync");
    const early = await enter(b, app, "Early on B", partyId);
    // A first round, started and ended on A: B forgot its "no round" at the start and read nothing since.
    const first = await start(host, partyId);
    expect(await call(host, "trivia:end", { partyId, roundId: first.roundId })).toMatchObject({ ok: true, data: { ended: true } });
    await counted.settled();
    const held = counted.hold(partyId);
    const synced = call(early.client, "trivia:sync", { partyId });
    await held.read;
    const round = await start(host, partyId);
    // Its answer, "no round" from before the start, arrives after it.
    held.open();
    expect(await synced).toMatchObject({ ok: true, data: { round: null } });
    const late = await enter(b, app, "Late on B", partyId);
    expect(late.synced.round?.roundId).toBe(round.roundId);
    await lobbyOf(late, round.roundId, 3);
  });

  it("a join on B that waits on a read from before A's start is in the lobby", async () => {
    const { partyId, host } = await party("Host on A, shared read");
    const held = counted.hold(partyId);
    await enter(b, app, "Read before the start", partyId);
    await held.read;
    const round = await start(host, partyId);
    // Joins while B's read from before the start is still unanswered.
    const late = await enter(b, app, "Late on B", partyId);
    held.open();
    await lobbyOf(late, round.roundId, 3);
  });
});
