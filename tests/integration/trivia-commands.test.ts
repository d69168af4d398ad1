import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlayerView, PublicRoundView, ServerEvents } from "@/server/realtime/protocol";
import { call, callRaw, dataOf, waitForValue as waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { answerFor } from "../support/trivia-answers";

/**
 * Issue 23: a host's command says where the host saw the round, so a double
 * click or a command sent again after a reconnect is a no-op, never a skipped
 * question; the answered count is live for everyone; "everyone answered" only
 * when it is true; a host may run a round without playing.
 */
const on = (client: TestClient, event: keyof ServerEvents, f: (p: never) => void) =>
  (client as unknown as { on(e: string, f: (p: unknown) => void): void }).on(event, f as (p: unknown) => void);

// Long reveal and leaderboard: only the host's commands move the round on here.
const TIMINGS = { readMs: 50, revealMs: 60_000, leaderboardMs: 60_000 };

interface Person {
  name: string;
  cookie: string;
  client: TestClient;
  userId: string;
  rounds: Array<PublicRoundView | null>;
  yous: PlayerView[];
  counts: Array<{ roundId: string; index: number; answeredCount: number }>;
}

describe("trivia host commands carry the round's state", () => {
  let app: TestApp;
  let host: Person;
  let ann: Person;
  let bo: Person;
  let partyId: string;

  async function enter(name: string, cookie?: string): Promise<Person> {
    const jar = cookie ?? (await app.signInAsGuest(name));
    const client = app.connect(jar);
    const person: Person = { name, cookie: jar, client, userId: "", rounds: [], yous: [], counts: [] };
    on(client, "trivia:round", (p: { round: PublicRoundView | null }) => person.rounds.push(p.round));
    on(client, "trivia:you", (p: { you: PlayerView }) => person.yous.push(p.you));
    on(client, "trivia:answered", (p: Person["counts"][number]) => person.counts.push(p));
    await connected(client);
    person.userId = (await app.context.getSessionUser(jar))!.id;
    const joined = await call(client, "room:join", { partyId });
    if (!joined.ok) throw new Error(joined.error.message);
    return person;
  }
  const seen = (p: Person, phase: PublicRoundView["phase"], index: number) =>
    waitFor(() => p.rounds.find((r) => r?.phase === phase && r.index === index) ?? undefined, `${p.name}: ${phase} ${index}`);
  const at = (round: PublicRoundView) => ({ roundId: round.roundId, phase: round.phase, index: round.index });

  beforeAll(async () => {
    app = await startTestApp({ kind: "embedded", triviaTimings: TIMINGS });
    const cookie = await app.signInAsGuest("Hannah Host");
    const hostId = (await app.context.getSessionUser(cookie))!.id;
    partyId = (await app.newParty(hostId)).id;
    host = await enter("Hannah Host", cookie);
    ann = await enter("Ann");
    bo = await enter("Bo");
  });
  afterAll(() => app.close());

  it("one click starts a round that the host watches without playing, and a double Next never skips a question", async () => {
    const started = await call(host.client, "trivia:start", { partyId, deck: "ballard", questionCount: 3, secondsPerQuestion: 30, hostPlays: false, begin: true });
    expect(started).toMatchObject({ ok: true, data: { round: { phase: "question", index: 0, players: 2, participants: 2 } } });
    const first = dataOf(started).round;
    // The host is not a player: their own view says so and they cannot answer.
    const hostView = await waitFor(() => host.yous.find((y) => y.index === 0), "host's view");
    expect(hostView).toMatchObject({ playing: false, canAnswer: false });

    // Two presses of "Close the question now" from the same screen state: one close, then nothing.
    const [a, b] = await Promise.all([
      call(host.client, "trivia:next", { partyId, from: at(first) }),
      call(host.client, "trivia:next", { partyId, from: at(first) }),
    ]);
    const moved = [a, b].map((r) => dataOf(r).moved).sort();
    expect(moved).toEqual([false, true]);
    const reveal = await seen(ann, "reveal", 0);
    // Nobody answered and the host closed it: not "everyone answered".
    expect(reveal.closedBy).toBe("host");

    // Reveal → leaderboard, then "Next question" double-clicked from the leaderboard: question 2, not 3.
    await call(host.client, "trivia:next", { partyId, from: at(reveal) });
    const board = await seen(ann, "leaderboard", 0);
    const twice = await Promise.all([call(host.client, "trivia:next", { partyId, from: at(board) }), call(host.client, "trivia:next", { partyId, from: at(board) })]);
    expect(twice.every((r) => r.ok)).toBe(true);
    const second = await seen(ann, "question", 1);
    // Held a moment: nothing further happens, question 2 stays open and nobody was shown a reveal of it.
    await new Promise((r) => setTimeout(r, 300));
    const latest = ann.rounds.at(-1)!;
    expect(latest).toMatchObject({ phase: "question", index: 1 });
    expect(ann.rounds.filter((r) => r?.index === 1 && r.phase !== "question")).toEqual([]);

    // A live count for everyone as answers arrive, and a close with a silent player is not "everyone answered".
    await new Promise((r) => setTimeout(r, Math.max(0, second.opensAt! - Date.now()) + 5));
    expect(await call(ann.client, "trivia:answer", { partyId, roundId: second.roundId, questionIndex: 1, answer: answerFor(second.question!, true) })).toMatchObject({ ok: true });
    for (const person of [host, bo]) {
      const count = await waitFor(() => person.counts.find((c) => c.index === 1 && c.answeredCount === 1), `${person.name}: 1 answered`);
      expect(count.roundId).toBe(second.roundId);
    }
    const annView = await waitFor(() => ann.yous.find((y) => y.index === 1 && y.answered) ?? undefined, "Ann's own answer", 2000).catch(() => undefined);
    // Ann's answer is hers to see again after a reload (trivia:sync), in her own words.
    const synced = await call(ann.client, "trivia:sync", { partyId });
    expect(synced).toMatchObject({ ok: true, data: { you: { answered: true, yourAnswer: answerFor(second.question!, true) } } });
    void annView;

    const closed = await call(host.client, "trivia:next", { partyId, from: at(second) });
    expect(closed).toMatchObject({ ok: true, data: { moved: true, round: { phase: "reveal", index: 1, closedBy: "host", reveal: { noAnswer: 1 } } } });
  });

  it("a Next sent again after a reconnect changes nothing, and an End for a finished round is a no-op", async () => {
    const current = host.rounds.at(-1)!;
    expect(current).toMatchObject({ phase: "reveal", index: 1 });
    const step = at(current);
    expect(await call(host.client, "trivia:next", { partyId, from: step })).toMatchObject({ ok: true, data: { moved: true, round: { phase: "leaderboard" } } });

    // The host's connection drops before the acknowledgement reached the screen; it comes back and the
    // client sends the same command again.
    host.client.io.engine.close();
    await new Promise((r) => setTimeout(r, 50));
    host = await enter("Hannah Host", host.cookie);
    const again = await call(host.client, "trivia:next", { partyId, from: step });
    expect(again).toMatchObject({ ok: true, data: { moved: false, round: { phase: "leaderboard", index: 1 } } });

    // Everyone answers question 3: "everyone answered", without waiting for the host.
    const board = dataOf(again).round;
    await call(host.client, "trivia:next", { partyId, from: at(board) });
    const third = await seen(ann, "question", 2);
    await new Promise((r) => setTimeout(r, Math.max(0, third.opensAt! - Date.now()) + 5));
    for (const p of [ann, bo]) {
      expect(await call(p.client, "trivia:answer", { partyId, roundId: third.roundId, questionIndex: 2, answer: answerFor(third.question!, false) })).toMatchObject({ ok: true });
    }
    const early = await seen(bo, "reveal", 2);
    expect(early.closedBy).toBe("everyone");
    // The check that closed it sent no count of its own: the reveal, to the same sockets, carries it.
    expect(early.answeredCount).toBe(2);
    expect(bo.counts.filter((c) => c.index === 2 && c.answeredCount === 2)).toEqual([]);

    const roundId = third.roundId;
    expect(await call(host.client, "trivia:end", { partyId, roundId })).toMatchObject({ ok: true, data: { ended: true } });
    expect(await call(host.client, "trivia:end", { partyId, roundId })).toMatchObject({ ok: true, data: { ended: false } });
    // A stale Next for the ended round: nothing to move.
    expect(await call(host.client, "trivia:next", { partyId, from: at(early) })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    // A malformed state is refused at the boundary.
    expect(await callRaw(host.client, "trivia:next", { partyId, from: { roundId: "x", phase: "nowhere", index: -5 } })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
  });
});
