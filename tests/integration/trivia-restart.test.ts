import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import { call, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";
import { answerFor } from "../support/trivia-answers";

const TIMINGS = { readMs: 100, revealMs: 300, leaderboardMs: 300 };

describe.each(testDatabaseKinds())("a trivia round across a restart of its one process on the %s database", (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ kind, triviaTimings: TIMINGS });
  });
  afterAll(() => app.close());

  async function enter(cookie: string, partyId: string) {
    const client: TestClient = app.connect(cookie);
    const rounds: Array<PublicRoundView | null> = [];
    const yous: PlayerView[] = [];
    client.on("trivia:round", (p) => rounds.push(p.round));
    client.on("trivia:you", (p) => yous.push(p.you));
    await connected(client);
    expect(await call(client, "room:join", { partyId })).toMatchObject({ ok: true });
    return { client, rounds, yous, userId: (await app.context.getSessionUser(cookie))!.id };
  }

  it("resumes the round after the restart: the stored answers are scored and it reaches the podium", async () => {
    const hostCookie = await app.signInAsMember("Host");
    const guestCookie = await app.signInAsGuest("Guest");
    const partyId = (await app.newParty((await app.context.getSessionUser(hostCookie))!.id)).id;
    const host = await enter(hostCookie, partyId);
    const guest = await enter(guestCookie, partyId);
    const started = await call(host.client, "trivia:start", { partyId, deck: "ballard", questionCount: 1, secondsPerQuestion: 5 });
    const roundId = (started as { data: { round: PublicRoundView } }).data.round.roundId;
    await call(host.client, "trivia:next", { partyId });
    await waitFor(() => guest.rounds.some((r) => r?.phase === "question"), "the question");
    const shown = guest.rounds.find((r) => r?.phase === "question")!;
    await new Promise((r) => setTimeout(r, Math.max(0, shown.opensAt! - Date.now()) + 5));
    expect(await call(host.client, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: answerFor(shown.question!, true) })).toMatchObject({ ok: true });

    // The process goes away mid-question, with the round's timer; a new one starts on the same database.
    await app.restart();
    const back = await enter(guestCookie, partyId);
    const synced = await call(back.client, "trivia:sync", { partyId });
    expect(synced).toMatchObject({ ok: true, data: { round: { roundId } } });
    // The question's deadline passes with no timer left for it: the new process's sweep moves the round on.
    await waitFor(() => back.rounds.some((r) => r?.phase === "podium"), "the podium", 30_000);
    const podium = back.rounds.find((r) => r?.phase === "podium")!;
    expect(podium.reveal).toMatchObject({ noAnswer: 1 });
    const [stored] = await app.context.trivia.rounds(partyId);
    expect(stored).toMatchObject({ id: roundId, endedAt: expect.any(Date) });
    const hostScore = stored!.leaderboard.find((e) => e.userId === host.userId)!;
    expect(hostScore).toMatchObject({ correct: 1, answered: 1 });
    expect(hostScore.score).toBeGreaterThan(0);
    expect(podium.leaderboard.find((e) => e.userId === host.userId)?.score).toBe(hostScore.score);
    expect(back.yous.findLast((y) => y.roundId === roundId)).toMatchObject({ last: { answered: false } });
  });
});
