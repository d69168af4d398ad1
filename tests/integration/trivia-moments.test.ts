import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExtensionLinkGrant } from "@/server/extension/link-extension.types";
import type { ServerEvents } from "@/server/realtime/protocol";
import { BALLARD_DECK } from "@/server/trivia/ballard-deck";
import type { PublicMoment } from "@/server/trivia/moments";
import { clusterTier } from "../support/cluster-tier";
import { call, dataOf, next, settle, waitForValue } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { answerFor } from "../support/trivia-answers";

/**
 * Issue 27, point 5: a host pins a question to an episode moment; each viewer
 * is timed from when it was shown to them (their own player reached it), so
 * viewers seconds apart both get the whole time; their points join the round's
 * leaderboard. One viewer answers from the extension's link (the panel), one from the room.
 */
const EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const SECONDS = 8;
const MOMENT_MS = 23 * 60_000 + 40_000;

describe("questions pinned to episode moments", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: "embedded", triviaTimings: { readMs: 50 } });
  });
  afterAll(() => app.close());

  async function person(name: string, member = false) {
    const cookie = member ? await app.signInAsMember(name) : await app.signInAsGuest(name);
    const client = app.connect(cookie);
    await connected(client);
    const user = (await app.context.getSessionUser(cookie))!;
    return { cookie, client, user };
  }

  async function extension(cookie: string, partyId: string): Promise<TestClient> {
    const response = await fetch(`${app.url}/api/parties/${partyId}/extension-token`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: app.url },
      body: "{}",
    });
    const grant = (await response.json()) as ExtensionLinkGrant;
    const client = app.connect(undefined, { headers: { origin: EXTENSION_ORIGIN }, auth: { extensionToken: grant.token } });
    await connected(client);
    return client;
  }

  it("times each viewer from their own showing, once each, and adds their points to the round's leaderboard", async () => {
    const host = await person("Moments host", true);
    const party = await app.newParty(host.user.id);
    const partyId = party.id;
    const ann = await person("Ann");
    const bo = await person("Bo");
    const annPanel = await extension(ann.cookie, partyId);
    const hostPanel = await extension(host.cookie, partyId);
    for (const client of [host.client, ann.client, bo.client, annPanel, hostPanel]) expect(await call(client, "room:join", { partyId })).toMatchObject({ ok: true });
    const panelMoments: Array<Parameters<ServerEvents["trivia:moments"]>[0]> = [];
    annPanel.on("trivia:moments", (payload) => panelMoments.push(payload));
    const boResults: Array<Parameters<ServerEvents["trivia:moment-result"]>[0]> = [];
    bo.client.on("trivia:moment-result", (payload) => boResults.push(payload));

    // A round the host does not play, left in its lobby: a round of moments.
    const started = await call(host.client, "trivia:start", { partyId, deck: "ballard", questionCount: 1, secondsPerQuestion: SECONDS, hostPlays: false });
    const roundId = dataOf(started).round.roundId;
    const pin = { partyId, roundId, deck: "ballard", question: 0, episode: 1, positionMs: MOMENT_MS } as const;

    // Only a host pins, and only from the room page (not over the extension's link, even a host's).
    expect(await call(bo.client, "trivia:pin", pin)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(hostPanel, "trivia:pin", pin)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(host.client, "trivia:pin", { ...pin, question: BALLARD_DECK.length })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await call(host.client, "trivia:pin", { ...pin, positionMs: -1 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    const pinned = await call(host.client, "trivia:pin", pin);
    expect(pinned).toMatchObject({ ok: true, data: { moment: { episode: 1, positionMs: MOMENT_MS, secondsPerQuestion: SECONDS } } });
    const moment: PublicMoment = dataOf(pinned).moment;
    const pinId = moment.pinId;

    // Everyone's panel is told the moments, without the answer; a late sync gets them too.
    const told = await waitForValue(() => panelMoments.at(-1), "the moments on Ann's panel");
    expect(told).toMatchObject({ partyId, roundId, moments: [{ pinId, positionMs: MOMENT_MS }] });
    expect(JSON.stringify(told)).not.toMatch(/"answer"|"choiceKey"|"accepted"/);
    expect(await call(bo.client, "trivia:sync", { partyId })).toMatchObject({ ok: true, data: { moments: [{ pinId }] } });

    const answer = answerFor(moment.question, true);
    const shown = { partyId, roundId, pinId };
    // Before the party reaches the moment: no showing, and no answer without one.
    expect(await call(annPanel, "trivia:shown", shown)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await call(annPanel, "trivia:moment-answer", { ...shown, answer })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    expect(await call(host.client, "clock:command", { partyId, command: { type: "seek", positionMs: MOMENT_MS } })).toMatchObject({ ok: true });
    const annShown = await call(annPanel, "trivia:shown", shown);
    expect(annShown).toMatchObject({ ok: true });
    const annAt = dataOf(annShown);
    expect(annAt.closesAt - annAt.shownAt).toBe(SECONDS * 1000);

    // Bo's player is five seconds behind Ann's: his question shows then.
    await settle(5000);
    const boShown = await call(bo.client, "trivia:shown", shown);
    const boAt = dataOf(boShown);
    expect(boAt.shownAt - annAt.shownAt).toBeGreaterThanOrEqual(5000);
    // A second report (another tab) keeps the first instant.
    expect(dataOf(await call(ann.client, "trivia:shown", shown)).shownAt).toBe(annAt.shownAt);

    // Ann's room page is told she answered in her panel, so it shows the result and does not ask her again.
    const annRoomTold = next(ann.client, "trivia:moment-result");
    const annAnswer = await call(annPanel, "trivia:moment-answer", { ...shown, answer });
    expect(annAnswer).toMatchObject({ ok: true, data: { correct: true } });
    expect(await annRoomTold).toEqual({ partyId, roundId, pinId, shownAt: annAt.shownAt, closesAt: annAt.closesAt, correct: true, points: dataOf(annAnswer).points });
    // Once per person, from any of their connections.
    expect(await call(ann.client, "trivia:moment-answer", { ...shown, answer })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    // Bo answers more than SECONDS after Ann's showing, well within his own time.
    await settle(Math.max(0, annAt.closesAt + 500 - Date.now()));
    const boAnswer = await call(bo.client, "trivia:moment-answer", { ...shown, answer: answerFor(moment.question, true) });
    expect(boAnswer, JSON.stringify(boAnswer)).toMatchObject({ ok: true, data: { correct: true } });
    // Each person hears only their own results: Bo's first is his, though Ann's came seconds before.
    const boTold = await waitForValue(() => boResults[0], "Bo's own result");
    expect(boTold).toMatchObject({ pinId, shownAt: boAt.shownAt, points: dataOf(boAnswer).points });
    const annScore = dataOf(annAnswer);
    const boScore = dataOf(boAnswer);
    expect(annScore.elapsedMs).toBeGreaterThanOrEqual(5000);
    expect(boScore.elapsedMs).toBeLessThan(SECONDS * 1000);
    expect(boScore.elapsedMs).toBeLessThan(annScore.elapsedMs);
    // A right answer earns at least half the points within the time; the faster more.
    expect(annScore.points).toBeGreaterThanOrEqual(500);
    expect(boScore.points).toBeGreaterThan(annScore.points);

    // Their points are their standing in the live round, and the round's leaderboard once it ends.
    expect(await call(bo.client, "trivia:sync", { partyId })).toMatchObject({ ok: true, data: { you: { score: boScore.points } } });
    expect(await call(host.client, "trivia:end", { partyId, roundId })).toMatchObject({ ok: true, data: { ended: true } });
    const [round] = await app.context.trivia.rounds(partyId);
    expect(round?.leaderboard).toMatchObject([
      { rank: 1, userId: bo.user.id, score: boScore.points, correct: 1 },
      { rank: 2, userId: ann.user.id, score: annScore.points, correct: 1 },
    ]);
    // The round is over: no more showings or answers.
    expect(await call(bo.client, "trivia:shown", shown)).toMatchObject({ ok: false });
  });
});

describe.skipIf(!clusterTier)("questions pinned to moments over two processes", { timeout: 120_000 }, () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: "postgres", redis: true, triviaTimings: { readMs: 50 } });
  });
  afterAll(() => app.close());

  it("a pin made through one process is shown and answered through the other, timed from there", async () => {
    const b = await app.startInstance();
    const hostCookie = await app.signInAsMember("Two-process host");
    const hostId = (await app.context.getSessionUser(hostCookie))!.id;
    const partyId = (await app.newParty(hostId)).id;
    const viewerCookie = await app.signInAsGuest("Viewer on B");
    const host = app.connect(hostCookie);
    const viewer = b.connect(viewerCookie);
    const told: Array<Parameters<ServerEvents["trivia:moments"]>[0]> = [];
    viewer.on("trivia:moments", (payload) => told.push(payload));
    await Promise.all([connected(host), connected(viewer)]);
    for (const client of [host, viewer]) expect(await call(client, "room:join", { partyId })).toMatchObject({ ok: true });

    const roundId = dataOf(await call(host, "trivia:start", { partyId, deck: "ballard", questionCount: 1, secondsPerQuestion: 30, hostPlays: false })).round.roundId;
    // B knows the round (the viewer's sync) before the pin: its copy must be read again for the pin.
    expect(await call(viewer, "trivia:sync", { partyId })).toMatchObject({ ok: true, data: { moments: [] } });
    const moment = dataOf(await call(host, "trivia:pin", { partyId, roundId, deck: "ballard", question: 1, episode: 1, positionMs: 0 })).moment;
    expect(await waitForValue(() => told.at(-1), "the moments on B")).toMatchObject({ roundId, moments: [{ pinId: moment.pinId }] });

    const shown = { partyId, roundId, pinId: moment.pinId };
    expect(await call(viewer, "trivia:shown", shown)).toMatchObject({ ok: true });
    const answered = await call(viewer, "trivia:moment-answer", { ...shown, answer: answerFor(moment.question, true) });
    expect(answered, JSON.stringify(answered)).toMatchObject({ ok: true, data: { correct: true } });
    expect(dataOf(answered).elapsedMs).toBeLessThan(30_000);
    expect(await call(host, "trivia:end", { partyId, roundId })).toMatchObject({ ok: true });
    const [round] = await app.context.trivia.rounds(partyId);
    expect(round?.leaderboard).toMatchObject([{ name: "Viewer on B", score: dataOf(answered).points }]);
  });
});
