/**
 * trivia: BENCH_PLAYERS (default 1,000) players in one party's room answer the
 * same question within one second of the answers opening. Every answer is
 * timed and scored by the server; the question closes when the last one is in.
 * The figure is the time from that close (the server's `closedAt`) to each
 * player receiving the reveal with the leaderboard, and their own standing.
 * The server runs in its own process; both share this machine's clock.
 *
 * The players join and answer from BENCH_GENERATORS forked processes
 * (bench/trivia-players.ts; one per 1,250 players by default), the host from
 * this one; the setup's times (`seedMs`: the sessions made; `joinMs`) are reported.
 *
 * BENCH_PROCESSES=2 (or more): the players are spread over that many app
 * processes on one PostgreSQL database (BENCH_DATABASE_URL, the machine's by
 * default) and Redis (BENCH_REDIS_URL); the host is on the first.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { PublicRoundView } from "../server/realtime/protocol";
import { call, joinAll, loadGeneratorCpu, percentile, sleep } from "./clients";
import { benchProcesses, dropBenchDatabase, startBenchCluster, startBenchServer, startSeededServer } from "./server-process";
import { answerAll, watchReveal, type PlayersReply, type PlayersRequest } from "./trivia-players";

const PLAYERS = Number(process.env.BENCH_PLAYERS ?? 1000);
/** Load-generating processes besides this one (which runs the host): BENCH_GENERATORS, one per 1,250 players by default. */
const GENERATORS = Number(process.env.BENCH_GENERATORS ?? Math.ceil(PLAYERS / 1250));
const ANSWER_SPREAD_MS = 1000;
const REVEAL_WAIT_MS = 60_000;

type RoundEvent = { partyId: string; round: PublicRoundView | null };

/** A forked bench/trivia-players.ts: `ask` sends one request and waits for its reply. */
function startGenerator() {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "trivia-players.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  return {
    ask: <R extends PlayersRequest>(request: R) =>
      new Promise<Extract<PlayersReply, { type: R["type"] }>>((resolve, reject) => {
        child.once("message", (reply: PlayersReply) => resolve(reply as Extract<PlayersReply, { type: R["type"] }>));
        child.once("exit", (code) => reject(new Error(`a trivia generator exited with ${code}`)));
        child.send(request);
      }),
    stop: () => child.kill("SIGTERM"),
  };
}

/** The app process(es) the players join: one with its own embedded database, or several on PostgreSQL and Redis. */
async function startServers(processes: number) {
  if (processes === 1) {
    const server = await startBenchServer("app", 1, PLAYERS);
    return {
      seed: server,
      servers: [server],
      async stop() {
        await server.stop();
        // On PostgreSQL (BENCH_DATABASE_URL) the server made a database of its own: it goes with the run.
        if (server.databaseUrl) await dropBenchDatabase(server.databaseUrl);
      },
    };
  }
  // One process makes the party and the players' sessions, then the cluster serves them.
  const seeded = await startSeededServer(1, PLAYERS);
  await seeded.server.stop();
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
  const setupStarted = performance.now();
  const { seed, servers, stop } = await startServers(processes);
  const seedMs = Math.round(performance.now() - setupStarted);
  const partyId = seed.partyIds[0]!;
  const urls = servers.map((s) => s.url);
  const generators = Array.from({ length: GENERATORS }, startGenerator);
  try {
    // The host (the party's first session) is joined here; the other players by the generators, in equal shares.
    const joinStarted = performance.now();
    const cpu = loadGeneratorCpu();
    const [hostJoined] = await joinAll({ cookies: seed.cookies.slice(0, 1), partyIds: [partyId] }, 1, urls);
    const host = hostJoined!.socket;
    const rest = seed.cookies.slice(1);
    const share = Math.ceil(rest.length / Math.max(1, GENERATORS));
    const joins = await Promise.all(
      generators.map((g, i) => {
        const from = 1 + i * share;
        // Each generator's players go round the app processes from where its share starts, as one generator's would.
        const rotated = urls.map((_, k) => urls[(from + k) % urls.length]!);
        return g.ask({ type: "join", urls: rotated, cookies: rest.slice(i * share, (i + 1) * share), partyId });
      }),
    );
    const joinMs = Math.round(performance.now() - joinStarted);
    const joinCpuMs = cpu().loadGeneratorCpuMs + joins.reduce((sum, j) => sum + j.cpuMs, 0);
    // Presence lists settle before the round starts.
    await sleep(3000);
    const roundCpu = loadGeneratorCpu();
    const roundStarted = performance.now();
    const hostWatch = watchReveal([host]);

    const question = new Promise<PublicRoundView>((resolve) => {
      host.on("trivia:round", (p: RoundEvent) => {
        if (p.round?.phase === "question") resolve(p.round);
      });
    });
    const started = await call(host, "trivia:start", { partyId, deck: "ballard", questionCount: 1, secondsPerQuestion: 30 });
    if (!started?.ok) throw new Error(`trivia:start refused: ${started?.error.message}`);
    await call(host, "trivia:next", { partyId });
    const open = await question;

    const answered = await Promise.all([
      answerAll([host], partyId, open, ANSWER_SPREAD_MS),
      ...generators.map((g) => g.ask({ type: "answer", round: open, spreadMs: ANSWER_SPREAD_MS })),
    ]);
    // Bounded: a player who never gets the reveal or their standing (one the round does not know) must not hold the run.
    const hostDone = await Promise.race([hostWatch.done.then(() => true), sleep(REVEAL_WAIT_MS).then(() => false)]);
    const reports = [
      { ...hostWatch.report, cpuMs: 0 },
      ...(await Promise.all(generators.map((g, i) => g.ask({ type: "report", waitMs: hostDone ? REVEAL_WAIT_MS : 0 }).then((r) => ({ ...r, cpuMs: r.cpuMs - joins[i]!.cpuMs }))))),
    ];
    host.close();
    const accepted = answered.reduce((sum, a) => sum + a.accepted, 0);
    const refusedBecause: Record<string, number> = {};
    for (const a of answered) for (const [reason, n] of Object.entries(a.refusedBecause)) refusedBecause[reason] = (refusedBecause[reason] ?? 0) + n;
    const refused = Object.values(refusedBecause).reduce((sum, n) => sum + n, 0);
    const leaderboardMs = reports.flatMap((r) => r.leaderboardMs).sort((a, b) => a - b);
    const finished = reports.reduce((sum, r) => sum + r.finished, 0);
    const loadGeneratorCpuMs = roundCpu().loadGeneratorCpuMs + reports.reduce((sum, r) => sum + r.cpuMs, 0);
    return {
      bench: "trivia",
      processes,
      database: seed.databaseUrl ? "postgresql" : "embedded",
      players: PLAYERS,
      generators: GENERATORS,
      questionKind: open.question!.kind,
      accepted,
      refused,
      ...(refused > 0 ? { refusedBecause } : {}),
      answersScored: reports.reduce((sum, r) => sum + r.scored, 0),
      leaderboardP50Ms: percentile(leaderboardMs, 50),
      leaderboardP99Ms: percentile(leaderboardMs, 99),
      leaderboardMaxMs: leaderboardMs.at(-1),
      ...(finished === PLAYERS ? {} : { playersNotDone: PLAYERS - finished }),
      seedMs,
      joinMs,
      joinGeneratorCpuMs: joinCpuMs,
      /** Every generator process's CPU from the round's start to the last report, and its share of one core over that time. */
      loadGeneratorCpuMs,
      loadGeneratorCpuPercentOfOneCore: Math.round((loadGeneratorCpuMs / (performance.now() - roundStarted)) * 100),
    };
  } finally {
    for (const g of generators) g.stop();
    await stop();
  }
}
