/**
 * Real OS processes on one PostgreSQL database and Redis (issue #12, point 3):
 * a process dies (`kill -9`) mid-chat and mid-question, one drains on SIGTERM,
 * all restart at once, and Redis restarts. Viewers sit behind a round-robin
 * balancer and rejoin by themselves, as the room page does.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, ClientEventName, ClientPayload, ClientResult, ClockState } from "@/server/realtime/protocol";
import { createBalancer, type Viewer } from "../support/balanced-viewer";
import { clusterTier } from "../support/cluster-tier";
import { startPrivateRedis, startProcessCluster, type ProcessCluster } from "../support/process-cluster";
import { answerQuestion, chatDifferences, roundConflicts, scoreMismatches, storedChat, storedScores } from "../support/cluster-round";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The bound for a dead process's viewers to be back in the room. */
const RECONNECT_WITHIN_MS = 5000;
/** Each person sends at most one message every 3 s (the chat limit is 5 per 10 s, resends included). */
const SAY_EVERY_MS = 3000;

type Session = { cookie: string; userId: string };
type Party = { partyId: string; host: Viewer; viewers: Viewer[]; sessions: Session[] };

async function party(cluster: ProcessCluster, guests: number): Promise<Party> {
  const host = await cluster.signInAsMember("Host");
  const { id: partyId } = await cluster.newParty(host.userId);
  const sessions: Session[] = [host];
  for (let i = 1; i <= guests; i++) sessions.push(await cluster.signInAsGuest(`Viewer ${i}`));
  const balancer = cluster.balancer();
  const viewers = sessions.map((session, i) => cluster.viewer(balancer, partyId, session, i === 0 ? "host" : `viewer ${i}`));
  await Promise.all(viewers.map((v) => v.joined()));
  return { partyId, host: viewers[0]!, viewers, sessions };
}

async function ok<E extends ClientEventName>(viewer: Viewer, event: E, payload: ClientPayload<E>): Promise<ClientResult<E>> {
  const result = await viewer.call(event, payload);
  if (!result) throw new Error(`${viewer.name}: ${event} was not answered`);
  if (!result.ok) throw new Error(`${viewer.name}: ${event} refused: ${result.error.message}`);
  return result.data;
}

/** What every viewer must hold at the end: exactly the stored chat, once per message, in seq order. */
async function expectChatExactlyOnce(cluster: ProcessCluster, p: Party, accepted: ChatMessage[]) {
  const stored = await storedChat(cluster, p.partyId);
  // Nothing lost (every accepted message is stored) and nothing stored twice (a resend keeps its one row).
  expect(new Set(stored.map((m) => m.id))).toEqual(new Set(accepted.map((m) => m.id)));
  expect(new Set(stored.map((m) => `${m.senderId} ${m.clientId}`)).size).toBe(stored.length);
  // Given time to arrive; what is still missing then shows in the comparison below.
  await Promise.all(p.viewers.map((v) => v.until(() => v.messages().length >= stored.length, `all ${stored.length} messages`).catch(() => undefined)));
  for (const v of p.viewers) expect(v.messages().map((m) => m.id), v.name).toEqual(stored.map((m) => m.id));
  expect(chatDifferences(p.viewers, accepted)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
}

/** Every viewer ends with the host's last clock, and never took an older version after a newer one. */
async function expectClockIntact(p: Party, last: ClockState) {
  await Promise.all(p.viewers.map((v) => v.until(() => (v.clock?.version ?? 0) >= last.version, `clock version ${last.version}`).catch(() => undefined)));
  for (const v of p.viewers) {
    expect(v.clock, v.name).toEqual(last);
    expect(v.clockVersions, v.name).toEqual([...new Set(v.clockVersions)].sort((a, b) => a - b));
  }
}

/** Right answers from every other player, so scores differ. */
const answer = (p: Party, index: number, who: Viewer[] = p.viewers) => answerQuestion(p.partyId, who, index, (i) => p.viewers.indexOf(who[i]!) % 2 === 0);

async function expectScoresMatchStored(cluster: ProcessCluster, p: Party, roundId: string) {
  expect(scoreMismatches(p.viewers, p.sessions.map((s) => s.userId), await storedScores(cluster, roundId))).toEqual([]);
}

/** Every accepted answer to question `index` is stored, with the answer given. */
async function expectAcceptedStored(cluster: ProcessCluster, p: Party, roundId: string, index: number, accepted: Viewer[]) {
  const rows = await cluster.query<{ userId: string }>(
    `SELECT "userId" FROM "TriviaResultRow" WHERE "roundId" = $1 AND "questionIndex" = $2 AND answer IS NOT NULL`,
    [roundId, index],
  );
  const answered = new Set(rows.map((r) => r.userId));
  for (const v of accepted) expect(answered.has(p.sessions[p.viewers.indexOf(v)]!.userId), `${v.name}'s answer to question ${index}`).toBe(true);
}

describe.skipIf(!clusterTier)("real server processes on PostgreSQL and Redis", () => {
  let cluster: ProcessCluster;

  beforeAll(async () => {
    cluster = await startProcessCluster({ processes: 3 });
  }, 240_000);
  afterAll(() => cluster?.close());

  /** Starts every stopped process again, so the next test has all three. */
  async function restartStopped() {
    await Promise.all(cluster.processes.filter((process) => !process.alive).map((process) => cluster.restart(process.index)));
  }

  it("kill -9 of a process mid-chat: its viewers are back on another within 5 s, chat reaches everyone exactly once in seq order, the clock is intact", async () => {
    const p = await party(cluster, 5);
    await ok(p.host, "clock:command", { partyId: p.partyId, command: { type: "play" } });
    await ok(p.host, "clock:command", { partyId: p.partyId, command: { type: "seek", positionMs: 754_000 } });

    const accepted: ChatMessage[] = [];
    let talking = true;
    const talkers = p.viewers.map(async (v, i) => {
      await sleep(i * 400);
      for (let n = 0; talking; n++) {
        accepted.push(await v.say(`${v.name} #${n}`));
        await sleep(SAY_EVERY_MS);
      }
    });
    await sleep(4000);
    // A process other than the host's, with viewers on it.
    const victim = cluster.indexOf(p.viewers[1]!.url);
    const victimUrl = cluster.urls[victim]!;
    const onVictim = p.viewers.filter((v) => v.url === victimUrl);
    const killedAt = Date.now();
    await cluster.kill(victim);
    await Promise.all(onVictim.map((v) => v.joined(2)));
    for (const v of onVictim) {
      const back = v.connections.at(-1)!;
      expect(back.url, v.name).not.toBe(victimUrl);
      expect(back.joinedAt! - killedAt, `${v.name} rejoined after (ms)`).toBeLessThanOrEqual(RECONNECT_WITHIN_MS);
    }
    for (const v of p.viewers.filter((x) => !onVictim.includes(x))) expect(v.connections, `${v.name} stayed`).toHaveLength(1);
    await sleep(4000);
    talking = false;
    await Promise.all(talkers);
    const { clock } = await ok(p.host, "clock:command", { partyId: p.partyId, command: { type: "pause" } });

    await expectChatExactlyOnce(cluster, p, accepted);
    await expectClockIntact(p, clock);
    expect(clock.positionMs).toBeGreaterThanOrEqual(754_000);
  }, 120_000);

  it("kill -9 of the process running a trivia round mid-question: the round goes on to the podium elsewhere with every answer and score, on one process at a time", async () => {
    await restartStopped();
    const p = await party(cluster, 5);
    const { round: lobby } = await ok(p.host, "trivia:start", {
      partyId: p.partyId,
      deck: "ballard",
      questionCount: 3,
      secondsPerQuestion: 30,
    });
    await Promise.all(p.viewers.map((v) => v.until(() => v.trivia.round?.roundId === lobby.roundId, "the lobby")));
    // The host's process makes the first transition: it runs the round's timers.
    const runner = cluster.indexOf(p.host.url);
    await ok(p.host, "trivia:next", { partyId: p.partyId });
    const before = p.viewers.filter((_, i) => i % 2 === 1);
    const answeredBefore = await answer(p, 0, before);
    await cluster.kill(runner);
    const answeredAfter = await answer(p, 0, p.viewers.filter((v) => !before.includes(v)));
    const accepted = [[...answeredBefore, ...answeredAfter], await answer(p, 1), await answer(p, 2)];
    await Promise.all(p.viewers.map((v) => v.until(() => v.trivia.round?.phase === "podium", "the podium", 90_000)));

    for (const [index, who] of accepted.entries()) await expectAcceptedStored(cluster, p, lobby.roundId, index, who);
    expect(answeredBefore.length).toBeGreaterThan(0);
    await expectScoresMatchStored(cluster, p, lobby.roundId);
    expect(roundConflicts(p.viewers, lobby.roundId)).toEqual([]);
    const [round] = await cluster.query<{ endedAt: Date | null }>(`SELECT "endedAt" FROM "TriviaRound" WHERE id = $1`, [lobby.roundId]);
    expect(round?.endedAt).not.toBeNull();
  }, 180_000);

  it("SIGTERM drains: the round goes on elsewhere without waiting for a lease, connections close with a reconnect hint and come back", async () => {
    await restartStopped();
    const p = await party(cluster, 3);
    const { round: lobby } = await ok(p.host, "trivia:start", {
      partyId: p.partyId,
      deck: "ballard",
      questionCount: 2,
      secondsPerQuestion: 5,
    });
    const draining = cluster.indexOf(p.host.url);
    const drainingUrl = cluster.urls[draining]!;
    const onDraining = p.viewers.filter((v) => v.url === drainingUrl);
    await ok(p.host, "trivia:next", { partyId: p.partyId });
    await Promise.all(p.viewers.map((v) => v.until(() => v.trivia.round?.phase === "question", "question 0")));
    // Nobody answers question 0: it closes at its deadline, on whichever process takes the round over.
    await cluster.terminate(draining);
    await Promise.all(onDraining.map((v) => v.joined(2)));
    for (const v of onDraining) {
      const [gone, back] = v.connections.slice(-2);
      expect(gone!.reconnectHint, `${v.name} was told to reconnect`).toBeTypeOf("number");
      expect(back!.url).not.toBe(drainingUrl);
    }
    await Promise.all(p.viewers.map((v) => v.until(() => v.trivia.round?.phase === "reveal" || v.trivia.round?.index === 1, "the reveal of question 0")));
    const reveal = p.viewers.flatMap((v) => v.roundEvents).find((r) => r?.phase === "reveal" && r.index === 0)!;
    // Handed over, not left to expire: closed within the sweep's grace of its deadline (a lease would add its whole term).
    expect(reveal.closedAt! - reveal.closesAt!).toBeLessThan(RECONNECT_WITHIN_MS);
    await answer(p, 1);
    await Promise.all(p.viewers.map((v) => v.until(() => v.trivia.round?.phase === "podium", "the podium", 60_000)));
    expect(roundConflicts(p.viewers, lobby.roundId)).toEqual([]);
    expect(await cluster.logs(draining)).toContain("shutting down");
  }, 120_000);

  it("all processes restart at once: a round in progress resumes or ends cleanly, its results kept, never frozen", async () => {
    await restartStopped();
    const p = await party(cluster, 3);
    const { round: lobby } = await ok(p.host, "trivia:start", {
      partyId: p.partyId,
      deck: "ballard",
      questionCount: 3,
      secondsPerQuestion: 10,
    });
    await ok(p.host, "trivia:next", { partyId: p.partyId });
    const first = await answer(p, 0);
    await Promise.all(p.viewers.map((v) => v.until(() => (v.trivia.round?.index ?? 0) >= 1 && v.trivia.round?.phase === "question", "question 1", 60_000)));
    await Promise.all(cluster.processes.map((process) => cluster.kill(process.index)));
    await Promise.all(cluster.processes.map((process) => cluster.restart(process.index)));

    // Back in the room; the round then moves on to its podium, or is gone (ended): never stuck on question 1.
    await Promise.all(p.viewers.map((v) => v.joined(2)));
    const answering = answer(p, 1).then(() => answer(p, 2));
    await Promise.all(
      p.viewers.map((v) => v.until(() => v.trivia.round === null || v.trivia.round.phase === "podium", "the round's end", 90_000)),
    );
    await answering;
    const [round] = await cluster.query<{ endedAt: Date | null }>(`SELECT "endedAt" FROM "TriviaRound" WHERE id = $1`, [lobby.roundId]);
    expect(round?.endedAt).not.toBeNull();
    await expectAcceptedStored(cluster, p, lobby.roundId, 0, first);
    if (p.host.trivia.round?.phase === "podium") await expectScoresMatchStored(cluster, p, lobby.roundId);
  }, 240_000);

  it("a round started on one process is in the lobby of a viewer who joins another right after, though that one had read 'no round'", async () => {
    await restartStopped();
    const host = await cluster.signInAsMember("Host on process 0");
    const { id: partyId } = await cluster.newParty(host.userId);
    const [onFirst, onSecond] = [createBalancer([cluster.urls[0]!]), createBalancer([cluster.urls[1]!])];
    const hostViewer = cluster.viewer(onFirst, partyId, host, "host on process 0");
    // Process 1 reads that the party has no round when this viewer joins, and keeps that.
    const early = cluster.viewer(onSecond, partyId, await cluster.signInAsGuest("Early on process 1"), "early on process 1");
    await Promise.all([hostViewer.joined(), early.joined()]);
    const lateSession = await cluster.signInAsGuest("Late on process 1");

    const { round } = await ok(hostViewer, "trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: 30 });
    expect(round.players).toBe(2);
    const late = cluster.viewer(onSecond, partyId, lateSession, "late on process 1");
    await late.joined();
    expect(late.url).toBe(cluster.urls[1]);
    await late.until(() => late.trivia.round?.roundId === round.roundId && late.trivia.round.players === 3, "the lobby with the late viewer in it");
    await ok(hostViewer, "trivia:end", { partyId, roundId: round.roundId });
  }, 120_000);
});

describe.skipIf(!clusterTier)("real server processes when Redis restarts", () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let cluster: ProcessCluster;

  beforeAll(async () => {
    // Redis of this test's own: the machine's shared one is never restarted.
    redis = await startPrivateRedis();
    cluster = await startProcessCluster({ processes: 2, redisUrl: redis.url });
  }, 180_000);
  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  it("cross-process delivery resumes and clients resync what they missed: nothing is lost for good", async () => {
    const p = await party(cluster, 3);
    const accepted: ChatMessage[] = [await p.host.say("before")];
    await Promise.all(p.viewers.map((v) => v.until(() => v.messages().length === 1, "the first message")));

    await redis.kill();
    // While Redis is away: chat is still stored (each sender gets its ack); the clock changes.
    for (const v of p.viewers) {
      const result = await v.call("chat:send", { partyId: p.partyId, clientId: randomUUID(), text: `during ${v.name}`, episode: 1, positionMs: 0 });
      if (result?.ok) accepted.push(result.data.message);
    }
    await p.host.call("clock:command", { partyId: p.partyId, command: { type: "seek", positionMs: 120_000 } });
    await sleep(1000);
    await redis.start();

    // Redis is back (empty): each process reconnects and tells its rooms to resync.
    await Promise.all(p.viewers.map((v) => v.until(() => v.resyncs > 0 || (v.connections.length > 1 && v.connections.at(-1)!.joinedAt !== undefined), "a resync or a rejoin after Redis came back", 30_000)));
    accepted.push(await p.viewers[1]!.say("after"));
    const { clock } = await ok(p.host, "clock:command", { partyId: p.partyId, command: { type: "pause" } });
    await expectChatExactlyOnce(cluster, p, accepted);
    await expectClockIntact(p, clock);
  }, 120_000);
});
