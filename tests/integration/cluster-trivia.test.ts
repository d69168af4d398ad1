import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import type { PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import { clusterTier } from "../support/cluster-tier";
import { call, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { answerFor } from "../support/trivia-answers";

const TIMINGS = { readMs: 100, revealMs: 300, leaderboardMs: 300 };

interface Player {
  name: string;
  userId: string;
  client: TestClient;
  rounds: Array<PublicRoundView | null>;
  yous: PlayerView[];
}

type Instance = { connect: TestApp["connect"] };

describe.skipIf(!clusterTier)("trivia over two processes on PostgreSQL and Redis", { timeout: 120_000 }, () => {
  let app: TestApp;
  let b: Awaited<ReturnType<TestApp["startInstance"]>>;
  const said: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: "info" }, { write: (line: string) => void said.push((JSON.parse(line) as { msg: string }).msg) });
    app = await startTestApp({ kind: "postgres", redis: true, triviaTimings: TIMINGS, logger });
    b = await app.startInstance();
  });
  afterAll(() => app.close());

  async function enter(on: Instance, name: string, cookie: string, partyId: string): Promise<Player> {
    const client = on.connect(cookie);
    const player: Player = { name, userId: (await app.context.getSessionUser(cookie))!.id, client, rounds: [], yous: [] };
    client.on("trivia:round", (p) => player.rounds.push(p.round));
    client.on("trivia:you", (p) => player.yous.push(p.you));
    await connected(client);
    const joined = await call(client, "room:join", { partyId });
    expect(joined, `${name}: ${JSON.stringify(joined)}`).toMatchObject({ ok: true });
    return player;
  }

  async function party(hostName: string) {
    const hostCookie = await app.signInAsMember(hostName);
    const host = (await app.context.getSessionUser(hostCookie))!;
    return { hostCookie, partyId: (await app.newParty(host.id)).id };
  }

  const seen = (p: Player, phase: PublicRoundView["phase"], index: number, roundId?: string) =>
    p.rounds.find((r) => r?.phase === phase && r.index === index && (roundId === undefined || r.roundId === roundId));

  async function phaseOf(p: Player, phase: PublicRoundView["phase"], index: number, roundId?: string): Promise<PublicRoundView> {
    await waitFor(() => seen(p, phase, index, roundId) !== undefined, `${p.name}: ${phase} ${index}`, 20_000);
    return seen(p, phase, index, roundId)!;
  }

  async function answersOpen(round: PublicRoundView) {
    await new Promise((r) => setTimeout(r, Math.max(0, round.opensAt! - Date.now()) + 5));
  }

  const scores = (standings: Array<{ userId: string; score: number }>) => Object.fromEntries(standings.map((e) => [e.userId, e.score]));

  /** No step ran twice: every phase of every question reached each client once. */
  function steppedOnce(p: Player, roundId: string) {
    const steps = p.rounds.filter((r) => r?.roundId === roundId && r.phase !== "lobby").map((r) => `${r!.phase} ${r!.index}`);
    expect(new Set(steps).size, `${p.name}: ${steps.join(", ")}`).toBe(steps.length);
  }

  it("runs one round from both processes: start on A, answers through both, next, sync and end from B, early close counting both", async () => {
    const { hostCookie, partyId } = await party("Host on A");
    const hostA = await enter(app, "Host on A", hostCookie, partyId);
    const hostB = await enter(b, "Host's tab on B", hostCookie, partyId);
    const players = [
      hostA,
      ...(await Promise.all([1, 2].map(async (i) => enter(app, `A${i}`, await app.signInAsGuest(`A${i}`), partyId)))),
      ...(await Promise.all([1, 2, 3].map(async (i) => enter(b, `B${i}`, await app.signInAsGuest(`B${i}`), partyId)))),
    ];

    const started = await call(hostA.client, "trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: 60 });
    expect(started).toMatchObject({ ok: true, data: { round: { phase: "lobby", players: 6 } } });
    const roundId = (started as { data: { round: PublicRoundView } }).data.round.roundId;
    // One round per party, whichever process is asked.
    expect(await call(hostB.client, "trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: 60 })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });

    expect(await call(hostB.client, "trivia:next", { partyId })).toMatchObject({ ok: true, data: { round: { phase: "question", index: 0 } } });
    const shown = await phaseOf(players.at(-1)!, "question", 0);
    expect(shown.participants).toBe(6);
    await answersOpen(shown);
    // All but the last player on B answer, through their own processes.
    for (const p of players.slice(0, -1)) {
      expect(await call(p.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: answerFor(shown.question!, true) }), p.name).toMatchObject({ ok: true });
    }
    // A second answer is refused by the database, also through the other process.
    expect(await call(hostB.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: answerFor(shown.question!, false) })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });
    const synced = await call(players[1]!.client, "trivia:sync", { partyId });
    expect(synced).toMatchObject({ ok: true, data: { round: { phase: "question", index: 0, answeredCount: 5 }, you: { answered: true, canAnswer: false } } });
    expect(seen(players[1]!, "reveal", 0)).toBeUndefined();

    // The last answer, on B, closes the question early: A's and B's players all counted.
    const last = players.at(-1)!;
    expect(await call(last.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: answerFor(shown.question!, false) })).toMatchObject({ ok: true });
    const reveal = await phaseOf(hostA, "reveal", 0);
    expect(reveal.closedAt!).toBeLessThan(shown.closesAt!);
    expect(reveal.reveal!.noAnswer).toBe(0);
    for (const p of players) {
      await waitFor(() => p.yous.some((y) => y.index === 0 && y.last !== null), `${p.name}'s result`);
      expect(p.yous.findLast((y) => y.index === 0)!.last, p.name).toMatchObject({ answered: true, correct: p !== last });
    }

    // Sync through B reads the stored reveal.
    expect(await call(last.client, "trivia:sync", { partyId })).toMatchObject({ ok: true, data: { round: { phase: "reveal", index: 0 }, you: { last: { correct: false } } } });
    const leaderboard = await phaseOf(players[2]!, "leaderboard", 0);
    const stored = (await app.context.trivia.rounds(partyId))[0]!;
    expect(scores(stored.leaderboard)).toEqual(scores(leaderboard.leaderboard));

    await phaseOf(last, "question", 1);
    expect(await call(hostB.client, "trivia:end", { partyId })).toMatchObject({ ok: true, data: { ended: true } });
    for (const p of players) await waitFor(() => p.rounds.at(-1) === null, `${p.name}: round cleared`);
    expect(await call(hostA.client, "trivia:sync", { partyId })).toMatchObject({ ok: true, data: { round: null, you: null } });
    expect((await app.context.trivia.rounds(partyId))[0]).toMatchObject({ id: roundId, endedAt: expect.any(Date) });
    for (const p of players) steppedOnce(p, roundId);
  });

  it("continues a round on B to the podium with every stored answer and score when A stops mid-question", async () => {
    const a = await app.startInstance();
    const { hostCookie, partyId } = await party("Host on doomed A");
    const onA = [await enter(a, "Host on doomed A", hostCookie, partyId), await enter(a, "Guest on doomed A", await app.signInAsGuest("Guest on A"), partyId)];
    const onB = await Promise.all([1, 2].map(async (i) => enter(b, `Stays on B${i}`, await app.signInAsGuest(`B${i}`), partyId)));
    const started = await call(onA[0]!.client, "trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: 5 });
    const roundId = (started as { data: { round: PublicRoundView } }).data.round.roundId;
    expect(await call(onA[0]!.client, "trivia:next", { partyId })).toMatchObject({ ok: true });
    const shown = await phaseOf(onB[0]!, "question", 0, roundId);
    await answersOpen(shown);
    // Both on A answer right, one on B wrong; the other on B does not answer: the question waits for its deadline.
    for (const p of onA) expect(await call(p.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: answerFor(shown.question!, true) })).toMatchObject({ ok: true });
    expect(await call(onB[0]!.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: answerFor(shown.question!, false) })).toMatchObject({ ok: true });

    // A goes away with the round's timer: B's sweep takes the round over once it is overdue.
    await a.stop();
    const reveal = await phaseOf(onB[1]!, "reveal", 0, roundId);
    expect(said).toContain("taking over an overdue trivia round");
    expect(reveal.reveal!.noAnswer).toBe(1);
    expect(reveal.reveal!.counts.reduce((sum, n) => sum + n, 0)).toBe(3);

    const second = await phaseOf(onB[1]!, "question", 1, roundId);
    // Only the players still present play the second question.
    expect(second.participants).toBe(2);
    await answersOpen(second);
    for (const p of onB) expect(await call(p.client, "trivia:answer", { partyId, roundId, questionIndex: 1, answer: answerFor(second.question!, true) })).toMatchObject({ ok: true });
    const podium = await phaseOf(onB[0]!, "podium", 1, roundId);

    const [stored] = await app.context.trivia.rounds(partyId);
    expect(stored).toMatchObject({ id: roundId, endedAt: expect.any(Date) });
    expect(scores(stored!.leaderboard)).toEqual(scores(podium.leaderboard));
    const answered = new Map(stored!.leaderboard.map((e) => [e.userId, e.answered]));
    expect(onA.map((p) => answered.get(p.userId))).toEqual([1, 1]);
    expect(onB.map((p) => answered.get(p.userId))).toEqual([2, 1]);
    for (const p of onB) {
      const you = p.yous.findLast((y) => y.index === 1 && y.last !== null)!;
      expect(you.score, p.name).toBe(stored!.leaderboard.find((e) => e.userId === p.userId)!.score);
      steppedOnce(p, roundId);
    }
  });
});
