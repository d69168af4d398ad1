import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlayerView, PublicRoundView, ServerEvents } from "@/server/realtime/protocol";
import { normalizeAnswer } from "@/server/trivia/question";
import { speedPoints, streakBonus } from "@/server/trivia/scoring";
import { call, callRaw } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";
import { answerFor, deckQuestionFor } from "../support/trivia-answers";

const on = (client: TestClient, event: keyof ServerEvents, f: (p: never) => void) =>
  (client as unknown as { on(e: string, f: (p: unknown) => void): void }).on(event, f as (p: unknown) => void);

const SECONDS = 5;
const TIMINGS = { readMs: 100, revealMs: 250, leaderboardMs: 250 };

/** Every trivia payload a client received, in order, for checking what it could have seen. */
interface Player {
  name: string;
  cookie: string;
  client: TestClient;
  userId: string;
  rounds: Array<PublicRoundView | null>;
  yous: PlayerView[];
}

function waitFor<T>(read: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = read();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

const FORBIDDEN_BEFORE_REVEAL = /"(answer|accepted|correct|sources|fact|choiceKey|orderKey|items_in_order)"/;

describe.each(testDatabaseKinds())("a trivia round with 20 real clients on the %s database", (kind) => {
  let app: TestApp;
  let players: Player[];
  let partyId: string;

  async function enter(name: string, cookie?: string): Promise<Player> {
    const jar = cookie ?? (await app.signInAsGuest(name));
    const client = app.connect(jar);
    const player: Player = { name, cookie: jar, client, userId: "", rounds: [], yous: [] };
    on(client, "trivia:round", (p: { round: PublicRoundView | null }) => player.rounds.push(p.round));
    on(client, "trivia:you", (p: { you: PlayerView }) => player.yous.push(p.you));
    await connected(client);
    player.userId = (await app.context.getSessionUser(jar))!.id;
    return player;
  }

  async function join(player: Player) {
    const joined = await call(player.client, "room:join", { partyId });
    if (!joined.ok) throw new Error(joined.error.message);
  }

  const latestRound = (p: Player) => p.rounds.at(-1);
  const phaseOf = (p: Player, phase: PublicRoundView["phase"], index: number) =>
    waitFor(() => (p.rounds.find((r) => r?.phase === phase && r.index === index) ?? undefined), `${p.name}: ${phase} ${index}`);

  beforeAll(async () => {
    app = await startTestApp({ kind, triviaTimings: TIMINGS });
    const host = await enter("Host");
    const party = await app.newParty(host.userId);
    partyId = party.id;
    players = [host, ...(await Promise.all(Array.from({ length: 19 }, (_, i) => enter(`Player ${i + 1}`))))];
    for (const p of players) await join(p);
  });
  afterAll(() => app.close());

  it("refuses a round started by a guest, a missing party deck and malformed settings", async () => {
    const guest = players[1]!;
    expect(await call(guest.client, "trivia:start", { partyId, deck: "ballard", questionCount: 3, secondsPerQuestion: SECONDS })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only the host or a co-host can run trivia." },
    });
    expect(await call(players[0]!.client, "trivia:start", { partyId, deck: "party", questionCount: 3, secondsPerQuestion: SECONDS })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    const bad = await callRaw(players[0]!.client, "trivia:start", { partyId, deck: "mine", questionCount: 0, secondsPerQuestion: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(Object.keys((bad as { error: { fields: object } }).error.fields).sort()).toEqual(["deck", "questionCount", "secondsPerQuestion"]);
    expect(await call(guest.client, "trivia:next", { partyId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("plays three questions to the podium: server-timed scores, no key before the reveal, late answers refused, a reconnect keeps its score", async () => {
    const host = players[0]!;
    const started = await call(host.client, "trivia:start", { partyId, deck: "ballard", questionCount: 3, secondsPerQuestion: SECONDS });
    expect(started).toMatchObject({ ok: true, data: { round: { phase: "lobby", total: 3, players: 20 } } });
    const roundId = (started as { data: { round: PublicRoundView } }).data.round.roundId;
    expect(await call(host.client, "trivia:start", { partyId, deck: "ballard", questionCount: 3, secondsPerQuestion: SECONDS })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });

    const expected = new Map<string, number>(players.map((p) => [p.userId, 0]));
    const streaks = new Map<string, number>(players.map((p) => [p.userId, 0]));
    const windowMs = SECONDS * 1000;

    async function playQuestion(index: number, rightFrom: (i: number) => boolean | null, during?: () => Promise<void>) {
      if (index === 0) expect(await call(host.client, "trivia:next", { partyId })).toMatchObject({ ok: true });
      const shown = await phaseOf(players[1]!, "question", index);
      await new Promise((r) => setTimeout(r, Math.max(0, shown.opensAt! - Date.now()) + 5));
      if (during) await during();
      const acks = await Promise.all(
        players.map(async (p, i) => {
          const right = rightFrom(i);
          if (right === null) return null;
          const ack = await call(p.client, "trivia:answer", { partyId, roundId, questionIndex: index, answer: answerFor(shown.question!, right) });
          expect(ack, p.name).toMatchObject({ ok: true });
          return { p, right, elapsedMs: (ack as { data: { elapsedMs: number } }).data.elapsedMs };
        }),
      );
      // One answer per player per question.
      const again = await call(players[2]!.client, "trivia:answer", { partyId, roundId, questionIndex: index, answer: answerFor(shown.question!, true) });
      expect(again).toMatchObject({ ok: false, error: { code: expect.stringMatching(/CONFLICT|TOO_LATE/) } });

      const reveal = await phaseOf(players[1]!, "reveal", index);
      expect(reveal.reveal?.sources.length).toBeGreaterThan(0);
      for (const a of acks) {
        if (!a) continue;
        const id = a.p.userId;
        // A right number answer here is exact, so it earns full closeness.
        streaks.set(id, a.right ? streaks.get(id)! + 1 : 0);
        const points = a.right ? speedPoints(a.elapsedMs, windowMs) + streakBonus(streaks.get(id)!) : 0;
        expected.set(id, expected.get(id)! + points);
      }
      for (const [i, p] of players.entries()) if (rightFrom(i) === null) streaks.set(p.userId, 0);
      // Every player's own view after the reveal carries their score.
      for (const p of players) {
        const you = await waitFor(() => p.yous.find((y) => y.index === index && y.last !== null), `${p.name} result ${index}`);
        expect(you.score, p.name).toBe(expected.get(p.userId));
      }
      return reveal;
    }

    // Question 1: half right, the last player does not answer, so the window runs out.
    await playQuestion(0, (i) => (i === 19 ? null : i < 10));
    const late = await call(players[19]!.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: { kind: "choice", option: 0 } });
    expect(late).toMatchObject({ ok: false, error: { code: "TOO_LATE" } });

    // Question 2: player 5 drops and comes back while it is open; it keeps its score and can answer.
    const dropped = players[5]!;
    const scoreBefore = expected.get(dropped.userId)!;
    await playQuestion(1, (i) => i % 2 === 0, async () => {
      dropped.client.io.engine.close();
      await new Promise((r) => setTimeout(r, 50));
      const back = await enter(dropped.name, dropped.cookie);
      await join(back);
      const synced = await call(back.client, "trivia:sync", { partyId });
      expect(synced).toMatchObject({ ok: true, data: { round: { phase: "question", index: 1 }, you: { score: scoreBefore, canAnswer: true } } });
      const left = (synced as { data: { round: PublicRoundView } }).data.round.closesAt! - Date.now();
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(windowMs);
      players[5] = back;
    });

    // Question 3: everyone right; answering closes it early (long before the window ends).
    const third = await playQuestion(2, () => true);
    expect(third.closedAt! - third.opensAt!).toBeLessThan(windowMs);

    const podium = await phaseOf(players[1]!, "podium", 2);
    const best = Math.max(...expected.values());
    expect(podium.leaderboard[0]).toMatchObject({ rank: 1, score: best });
    expect(podium.leaderboard.map((s) => s.score)).toEqual([...podium.leaderboard.map((s) => s.score)].sort((a, b) => b - a));

    // No payload before a reveal held the answer key, for any client.
    for (const p of players) {
      for (const round of p.rounds) {
        if (!round || round.phase === "reveal" || round.phase === "leaderboard" || round.phase === "podium") continue;
        expect(round.reveal).toBeNull();
        expect(round.leaderboard).toEqual([]);
        expect(JSON.stringify(round)).not.toMatch(FORBIDDEN_BEFORE_REVEAL);
        const q = round.question ? deckQuestionFor(round.question) : null;
        if (q?.kind === "text") {
          for (const accepted of q.accepted) expect(normalizeAnswer(JSON.stringify(round))).not.toContain(normalizeAnswer(accepted));
        }
      }
      for (const you of p.yous) if (you.last === null) expect(JSON.stringify(you)).not.toMatch(FORBIDDEN_BEFORE_REVEAL);
    }

    // The stored results give the same leaderboard, for the round and for the whole party.
    const [stored] = await app.context.trivia.rounds(partyId);
    expect(stored).toMatchObject({ id: roundId, questionCount: 3, endedAt: expect.any(Date) });
    const storedScores = new Map(stored!.leaderboard.map((e) => [e.userId, e.score]));
    for (const p of players) expect(storedScores.get(p.userId), p.name).toBe(expected.get(p.userId));
    expect(await app.context.trivia.partyLeaderboard(partyId)).toEqual(stored!.leaderboard);
    expect(latestRound(players[1]!)?.phase).toBe("podium");
  });

  it("refuses answers of the wrong type, out of range, for another question or round", async () => {
    const host = players[0]!;
    await call(host.client, "trivia:end", { partyId });
    const started = (await call(host.client, "trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: SECONDS })) as {
      data: { round: PublicRoundView };
    };
    const roundId = started.data.round.roundId;
    await call(host.client, "trivia:next", { partyId });
    const shown = await waitFor(() => (players[1]!.rounds.find((r) => r?.roundId === roundId && r.phase === "question") ?? undefined), "question");
    await new Promise((r) => setTimeout(r, Math.max(0, shown.opensAt! - Date.now()) + 5));
    const p = players[3]!;
    const send = (payload: object) => callRaw(p.client, "trivia:answer", { partyId, roundId, questionIndex: 0, ...payload });
    expect(await send({ answer: { kind: "choice", option: "two" } })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await send({ answer: { kind: "guess", value: 1 } })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await send({ answer: "B" })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await send({ questionIndex: 1, answer: answerFor(shown.question!, true) })).toMatchObject({ ok: false, error: { code: "TOO_LATE" } });
    expect(await send({ roundId: "oldround", answer: answerFor(shown.question!, true) })).toMatchObject({ ok: false, error: { code: "TOO_LATE" } });
    const wrongKind = shown.question!.kind === "text" ? { kind: "number", value: 3 } : { kind: "text", text: "x" };
    expect(await send({ answer: wrongKind })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    if (shown.question!.kind === "choice") {
      expect(await send({ answer: { kind: "choice", option: 9 } })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", message: expect.stringMatching(/options/) } });
    }
    // Still one good answer allowed after all the refusals.
    expect(await send({ answer: answerFor(shown.question!, true) })).toMatchObject({ ok: true });
    expect(await call(host.client, "trivia:end", { partyId })).toMatchObject({ ok: true });
    await waitFor(() => (players[1]!.rounds.at(-1) === null ? true : undefined), "round cleared");
  });

  it("closes a question early when the only player yet to answer closes their tab", async () => {
    const host = await enter("Quiz host");
    const stays = await enter("Stays");
    const leaves = await enter("Leaves");
    const party = await app.newParty(host.userId);
    for (const p of [host, stays, leaves]) {
      expect(await call(p.client, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    }
    const started = (await call(host.client, "trivia:start", { partyId: party.id, deck: "ballard", questionCount: 1, secondsPerQuestion: 60 })) as {
      data: { round: PublicRoundView };
    };
    expect(started.data.round.players).toBe(3);
    await call(host.client, "trivia:next", { partyId: party.id });
    const shown = await waitFor(() => stays.rounds.find((r) => r?.phase === "question") ?? undefined, "question");
    await new Promise((r) => setTimeout(r, Math.max(0, shown.opensAt! - Date.now()) + 5));
    for (const p of [host, stays]) {
      const answer = answerFor(shown.question!, true);
      expect(await call(p.client, "trivia:answer", { partyId: party.id, roundId: started.data.round.roundId, questionIndex: 0, answer })).toMatchObject({ ok: true });
    }
    // Two of three have answered: the question stays open for the third.
    expect(stays.rounds.at(-1)?.phase).toBe("question");

    leaves.client.disconnect();
    const reveal = await waitFor(() => stays.rounds.find((r) => r?.phase === "reveal") ?? undefined, "the reveal after the leave");
    expect(reveal.closedAt!).toBeLessThan(shown.closesAt!);
    expect(reveal.reveal!.counts.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(reveal.reveal!.noAnswer).toBe(1);
    await call(host.client, "trivia:end", { partyId: party.id });
  });
});
