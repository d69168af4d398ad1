/**
 * trivia: BENCH_PLAYERS (default 1,000) players in one party's room answer the
 * same question within one second of the answers opening. Every answer is
 * timed and scored by the server; the question closes when the last one is in.
 * The figure is the time from that close (the server's `closedAt`) to each
 * player receiving the reveal with the leaderboard, and their own standing.
 * The server runs in its own process; both share this machine's clock.
 *
 * BENCH_PROCESSES=2 (or more): the players are spread over that many app
 * processes on one PostgreSQL database (BENCH_DATABASE_URL, the machine's by
 * default) and Redis (BENCH_REDIS_URL); the host is on the first.
 */
import type { Socket } from "socket.io-client";
import type { AnswerInput, PlayerView, PublicRoundView } from "../server/realtime/protocol";
import { call, joinAll, loadGeneratorCpu, percentile, sleep } from "./clients";
import { benchProcesses, startBenchCluster, startBenchServer, startSeededServer } from "./server-process";

const PLAYERS = Number(process.env.BENCH_PLAYERS ?? 1000);
const ANSWER_SPREAD_MS = 1000;
const REVEAL_WAIT_MS = 60_000;

type RoundEvent = { partyId: string; round: PublicRoundView | null };
type YouEvent = { partyId: string; you: PlayerView };

/** Some answer of the right kind (right or wrong does not matter here). */
function anyAnswer(question: NonNullable<PublicRoundView["question"]>): AnswerInput {
  switch (question.kind) {
    case "choice":
      return { kind: "choice", option: Math.floor(Math.random() * question.options.length) };
    case "truefalse":
      return { kind: "truefalse", value: Math.random() < 0.5 };
    case "number":
      return { kind: "number", value: Math.round(Math.random() * 20) };
    case "order":
      return { kind: "order", order: question.items.map((_, i) => i) };
    case "text":
      return { kind: "text", text: "Renee" };
  }
}

/** The app process(es) the players join: one with its own embedded database, or several on PostgreSQL and Redis. */
async function startServers(processes: number) {
  if (processes === 1) {
    const server = await startBenchServer("app", 1, PLAYERS);
    return { seed: server, servers: [server], stop: async () => server.stop() };
  }
  // One process makes the party and the players' sessions, then the cluster serves them.
  const seeded = await startSeededServer(1, PLAYERS);
  seeded.server.stop();
  const cluster = await startBenchCluster(processes, seeded.server.databaseUrl!);
  return {
    seed: seeded.server,
    servers: cluster.servers,
    async stop() {
      await cluster.stop();
      await seeded.drop();
    },
  };
}

export async function runTriviaBench() {
  const processes = benchProcesses();
  const { seed, servers, stop } = await startServers(processes);
  const partyId = seed.partyIds[0]!;
  try {
    const players = await joinAll(seed, PLAYERS, servers.map((s) => s.url));
    const cpu = loadGeneratorCpu();
    // Presence lists settle before the round starts.
    await sleep(3000);
    const host = players[0]!.socket;
    const leaderboardMs: number[] = [];
    let scored = 0;
    let accepted = 0;
    let refused = 0;

    const question = new Promise<PublicRoundView>((resolve) => {
      host.on("trivia:round", (p: RoundEvent) => {
        if (p.round?.phase === "question") resolve(p.round);
      });
    });
    let finished = 0;
    const done = Promise.all(
      players.map(
        ({ socket }: { socket: Socket }) =>
          new Promise<void>((resolve) => {
            let revealed = false;
            let mine = false;
            const finish = () => {
              if (!revealed || !mine) return;
              finished++;
              resolve();
            };
            socket.on("trivia:round", (p: RoundEvent) => {
              if (p.round?.phase !== "reveal" || revealed) return;
              leaderboardMs.push(Date.now() - p.round.closedAt!);
              revealed = true;
              finish();
            });
            socket.on("trivia:you", (p: YouEvent) => {
              if (p.you.last === null || mine) return;
              if (p.you.last.answered) scored++;
              mine = true;
              finish();
            });
          }),
      ),
    );

    const started = await call(host, "trivia:start", { partyId, deck: "ballard", questionCount: 1, secondsPerQuestion: 30 });
    if (!started?.ok) throw new Error(`trivia:start refused: ${started?.error.message}`);
    await call(host, "trivia:next", { partyId });
    const open = await question;
    const roundId = open.roundId;

    await Promise.all(
      players.map(async ({ socket }) => {
        await sleep(Math.max(0, open.opensAt! - Date.now()) + Math.random() * ANSWER_SPREAD_MS);
        const result = await call(socket, "trivia:answer", { partyId, roundId, questionIndex: 0, answer: anyAnswer(open.question!) });
        if (result?.ok) accepted++;
        else refused++;
      }),
    );
    // Bounded: a player who never gets the reveal or their standing (one the round does not know) must not hold the run.
    const revealed = await Promise.race([done.then(() => true), sleep(REVEAL_WAIT_MS).then(() => false)]);
    const loadGenerator = cpu();
    for (const { socket } of players) socket.close();
    leaderboardMs.sort((a, b) => a - b);
    return {
      bench: "trivia",
      processes,
      players: PLAYERS,
      questionKind: open.question!.kind,
      accepted,
      refused,
      answersScored: scored,
      leaderboardP50Ms: percentile(leaderboardMs, 50),
      leaderboardP99Ms: percentile(leaderboardMs, 99),
      leaderboardMaxMs: leaderboardMs.at(-1),
      ...(revealed ? {} : { playersNotDone: PLAYERS - finished }),
      ...loadGenerator,
    };
  } finally {
    await stop();
  }
}
