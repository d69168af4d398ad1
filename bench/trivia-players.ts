/**
 * One load-generating process of the trivia benchmark (bench/trivia.ts forks
 * BENCH_GENERATORS of them): its share of the players join, answer when told,
 * and time the reveal. Spread over processes so that 5,000 players' reveals
 * are not read one after another on one event loop: the figure is the
 * server's, not one generator's queue. Talks to its parent over IPC.
 */
import { io as connect, type Socket } from "socket.io-client";
import type { PlayerView, PublicRoundView } from "../server/realtime/protocol";
import { anyAnswer } from "./trivia-answer";
import { call, loadGeneratorCpu, sleep, type Loose } from "./clients";

export type PlayersRequest =
  | { type: "join"; urls: string[]; cookies: string[]; partyId: string }
  | { type: "answer"; round: PublicRoundView; spreadMs: number }
  | { type: "report"; waitMs: number };

export interface PlayersReport {
  /** closedAt → the reveal's arrival, per player (ms). */
  leaderboardMs: number[];
  /** Players whose own standing says they answered. */
  scored: number;
  /** Players who got both the reveal and their standing. */
  finished: number;
  cpuMs: number;
}

/** Each request's reply, of the same `type`. */
export type PlayersReply =
  | { type: "join"; cpuMs: number }
  | { type: "answer"; accepted: number; refusedBecause: Record<string, number> }
  | ({ type: "report" } & PlayersReport);

type RoundEvent = { partyId: string; round: PublicRoundView | null };
type YouEvent = { partyId: string; you: PlayerView };

/** Times each socket's reveal and counts its standing; `done` resolves when every socket has both. */
export function watchReveal(sockets: Socket[]) {
  const report = { leaderboardMs: [] as number[], scored: 0, finished: 0 };
  const done = Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          let revealed = false;
          let mine = false;
          const finish = () => {
            if (!revealed || !mine) return;
            report.finished++;
            resolve();
          };
          socket.on("trivia:round", (p: RoundEvent) => {
            if (p.round?.phase !== "reveal" || revealed) return;
            report.leaderboardMs.push(Date.now() - p.round.closedAt!);
            revealed = true;
            finish();
          });
          socket.on("trivia:you", (p: YouEvent) => {
            if (p.you.last === null || mine) return;
            if (p.you.last.answered) report.scored++;
            mine = true;
            finish();
          });
        }),
    ),
  );
  return { report, done };
}

/** Every socket answers the open question at a random moment within `spreadMs` of the answers opening. */
export async function answerAll(sockets: Socket[], partyId: string, round: PublicRoundView, spreadMs: number) {
  let accepted = 0;
  const refusedBecause: Record<string, number> = {};
  await Promise.all(
    sockets.map(async (socket) => {
      await sleep(Math.max(0, round.opensAt! - Date.now()) + Math.random() * spreadMs);
      const result = await call(socket, "trivia:answer", { partyId, roundId: round.roundId, questionIndex: round.index, answer: anyAnswer(round.question!) });
      if (result?.ok) return void accepted++;
      const reason = result ? result.error.message : "no acknowledgement";
      refusedBecause[reason] = (refusedBecause[reason] ?? 0) + 1;
    }),
  );
  return { accepted, refusedBecause };
}

/** Players joining at once per generator, and how long one join may wait: joining is slow at this size, the round is what is timed. */
const JOINING_AT_ONCE = 25;
const JOIN_WAIT_MS = 120_000;

/** Connects and joins every cookie's player, a few at a time, each waiting as long as the server needs. */
async function joinPatiently(urls: string[], cookies: string[], partyId: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cookies.length) {
      const i = next++;
      const socket = connect(urls[i % urls.length]!, { transports: ["websocket"], extraHeaders: { cookie: cookies[i]! }, forceNew: true });
      // Like the room page: answer the server's round-trip pings at once.
      socket.on("clock:ping", (_payload: unknown, ack: () => void) => ack());
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const joined = await (socket.timeout(JOIN_WAIT_MS) as unknown as Loose).emitWithAck("room:join", { partyId });
      if (!joined.ok) throw new Error(joined.error.message);
      sockets.push(socket);
    }
  };
  await Promise.all(Array.from({ length: JOINING_AT_ONCE }, worker));
  return sockets;
}

async function serve() {
  const cpu = loadGeneratorCpu();
  let sockets: Socket[] = [];
  let partyId = "";
  let watched: ReturnType<typeof watchReveal> | null = null;
  const reply = (message: PlayersReply) => process.send!(message);
  process.on("message", (request: PlayersRequest) => {
    void (async () => {
      if (request.type === "join") {
        partyId = request.partyId;
        sockets = await joinPatiently(request.urls, request.cookies, partyId);
        watched = watchReveal(sockets);
        reply({ type: "join", cpuMs: cpu().loadGeneratorCpuMs });
      } else if (request.type === "answer") {
        reply({ type: "answer", ...(await answerAll(sockets, partyId, request.round, request.spreadMs)) });
      } else {
        await Promise.race([watched!.done, sleep(request.waitMs)]);
        reply({ type: "report", ...watched!.report, cpuMs: cpu().loadGeneratorCpuMs });
        for (const socket of sockets) socket.close();
      }
    })().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
}

if (process.send) await serve();
