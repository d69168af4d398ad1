/**
 * failover: a party of BENCH_VIEWERS (default 200) viewers behind a
 * round-robin balancer over three real server processes
 * (tests/support/process-cluster.ts) on one PostgreSQL database
 * (BENCH_DATABASE_URL, the machine's by default) and Redis (BENCH_REDIS_URL).
 * Every viewer chats (a message every 10 s) while the host runs a three-question
 * trivia round; mid-way through the first question, once half the players have
 * answered, the process that runs the round is killed (`kill -9`). Its viewers
 * reconnect through the balancer and rejoin by themselves; everyone answers the
 * rest, and the round must reach its podium on the processes left.
 *
 * - `reconnectedP99Ms`: from the kill to each of the dead process's viewers
 *   being joined again elsewhere (Socket.IO's reconnect backoff included);
 * - `chatLost` / `chatDuplicated`: (viewer, message) pairs missing at the end,
 *   and messages a viewer holds twice or under two ids;
 * - `roundFinished`: every viewer reached the podium and the round is ended in the database;
 * - `scoresMatchStored`: every podium and every player's own score equal the stored points;
 * - `roundRanOnce`: no viewer saw the round go back or a phase stamped twice.
 */
import type { ChatMessage, PublicRoundView } from "../server/realtime/protocol";
import type { Viewer } from "../tests/support/balanced-viewer";
import { answerQuestion, chatDifferences, roundConflicts, scoreMismatches, storedChat, storedScores } from "../tests/support/cluster-round";
import { startProcessCluster } from "../tests/support/process-cluster";
import { loadGeneratorCpu, percentile, sleep } from "./clients";
import { benchDatabaseServer, benchRedis } from "./server-process";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 200);
const PROCESSES = 3;
const SAY_EVERY_MS = 10_000;

export async function runFailoverBench() {
  const cluster = await startProcessCluster({
    processes: PROCESSES,
    databaseServerUrl: benchDatabaseServer(),
    redisUrl: benchRedis(),
    logLevel: "warn",
  });
  try {
    const host = await cluster.signInAsMember("Host");
    const { id: partyId } = await cluster.newParty(host.userId);
    const sessions = [host];
    for (let i = 1; i < VIEWERS; i++) sessions.push(await cluster.signInAsGuest(`Viewer ${i}`));
    const balancer = cluster.balancer();
    const viewers: Viewer[] = sessions.map((s, i) => cluster.viewer(balancer, partyId, s, i === 0 ? "host" : `viewer ${i}`));
    await Promise.all(viewers.map((v) => v.joined()));
    // Presence settles before the round starts.
    await sleep(3000);
    const cpu = loadGeneratorCpu();

    const accepted: ChatMessage[] = [];
    let refusedChat = 0;
    let talking = true;
    const talkers = viewers.map(async (v) => {
      await sleep(Math.random() * SAY_EVERY_MS);
      while (talking) {
        const started = Date.now();
        await v.say(`chat from ${v.name}`).then(
          (m) => accepted.push(m),
          () => refusedChat++,
        );
        await sleep(Math.max(0, SAY_EVERY_MS - (Date.now() - started)));
      }
    });

    const hostViewer = viewers[0]!;
    const started = await hostViewer.call("trivia:start", { partyId, deck: "ballard", questionCount: 3, secondsPerQuestion: 20 });
    if (!started?.ok) throw new Error(`trivia:start refused: ${started?.error.message}`);
    const { roundId } = (started.data as { round: PublicRoundView }).round;
    // The host's process makes the round's first transition and keeps its timers: that one dies.
    const runner = cluster.indexOf(hostViewer.url);
    const runnerUrl = cluster.urls[runner]!;
    await hostViewer.call("trivia:next", { partyId });
    const right = (i: number) => i % 3 === 0;
    const firstHalf = viewers.filter((_, i) => i % 2 === 1);
    const answeredBefore = await answerQuestion(partyId, firstHalf, 0, right);
    const onRunner = viewers.filter((v) => v.url === runnerUrl);
    const joinsBefore = new Map(onRunner.map((v) => [v, v.connections.length]));
    const killedAt = Date.now();
    await cluster.kill(runner);
    console.error(`killed process ${runner} with ${onRunner.length} viewers; ${answeredBefore.length} answers in before`);

    const rest = answerQuestion(partyId, viewers.filter((v) => !firstHalf.includes(v)), 0, right)
      .then(() => answerQuestion(partyId, viewers, 1, right))
      .then(() => answerQuestion(partyId, viewers, 2, right));
    const reconnected = await Promise.all(
      onRunner.map(async (v) => {
        await v.until(() => v.connections.length > joinsBefore.get(v)! && v.connections.at(-1)!.joinedAt !== undefined, "a rejoin", 60_000).catch(() => undefined);
        const back = v.connections.at(-1)!;
        return back.joinedAt !== undefined && back.url !== runnerUrl ? back.joinedAt - killedAt : null;
      }),
    );
    await rest.catch(() => undefined);
    const podium = await Promise.all(viewers.map((v) => v.until(() => v.trivia.round?.phase === "podium", "the podium", 120_000).then(() => true, () => false)));

    talking = false;
    await Promise.all(talkers);
    const stored = await storedChat(cluster, partyId);
    // Deliveries settle.
    await Promise.all(viewers.map((v) => v.until(() => v.messages().length >= stored.length, "every message", 20_000).catch(() => undefined)));
    const loadGenerator = cpu();

    const chat = chatDifferences(viewers, accepted);
    const [round] = await cluster.query<{ endedAt: Date | null }>(`SELECT "endedAt" FROM "TriviaRound" WHERE id = $1`, [roundId]);
    const mismatches = scoreMismatches(viewers, sessions.map((s) => s.userId), await storedScores(cluster, roundId));
    const conflicts = roundConflicts(viewers, roundId);
    for (const line of [...mismatches.slice(0, 5), ...conflicts.slice(0, 5)]) console.error(line);
    const times = reconnected.filter((t): t is number => t !== null).sort((a, b) => a - b);
    return {
      bench: "failover",
      processes: PROCESSES,
      viewers: VIEWERS,
      killedProcessViewers: onRunner.length,
      reconnected: times.length,
      reconnectedP50Ms: percentile(times, 50),
      reconnectedP99Ms: percentile(times, 99),
      reconnectedMaxMs: times.at(-1),
      chatAccepted: accepted.length,
      chatRefused: refusedChat,
      chatStored: stored.length,
      chatLost: chat.lost,
      chatDuplicated: chat.duplicated,
      chatOutOfOrder: chat.outOfOrder,
      roundFinished: podium.every(Boolean) && round?.endedAt != null,
      scoresMatchStored: mismatches.length === 0,
      roundRanOnce: conflicts.length === 0,
      ...loadGenerator,
    };
  } finally {
    await cluster.close();
  }
}
