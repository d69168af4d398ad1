/**
 * Playing a trivia round and a chat through viewers behind a balancer, and
 * reading back what the processes stored: shared by the OS-process tests
 * (tests/integration/cluster-processes.test.ts) and `npm run bench -- failover`.
 */
import type { ChatMessage, PublicRoundView } from "@/server/realtime/protocol";
import type { Viewer } from "./balanced-viewer";
import type { ProcessCluster } from "./process-cluster";
import { answerFor } from "./trivia-answers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Each viewer answers question `index` once it is open (right when `right(i)`
 * for the i-th viewer), again after a reconnect when no answer came. Resolves
 * with the viewers whose answer was accepted; one that finds the round past
 * the question (or over) does not answer.
 */
export async function answerQuestion(partyId: string, viewers: Viewer[], index: number, right: (i: number) => boolean): Promise<Viewer[]> {
  const accepted: Viewer[] = [];
  await Promise.all(
    viewers.map(async (v, i) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await v.until(() => {
          const round = v.trivia.round;
          return v.connected && (round === null || round.phase === "podium" || round.index > index || (round.index === index && round.phase !== "lobby"));
        }, `question ${index}`, 60_000);
        const round = v.trivia.round;
        if (round?.phase !== "question" || round.index !== index) return;
        await sleep(Math.max(0, round.opensAt! - Date.now()) + 20);
        const result = await v.call("trivia:answer", { partyId, roundId: round.roundId, questionIndex: index, answer: answerFor(round.question!, right(i)) });
        if (result?.ok) return void accepted.push(v);
        // Refused (too late, already answered): this answer's fate is settled.
        if (result) return;
      }
    }),
  );
  return accepted;
}

const PHASES = ["lobby", "question", "reveal", "leaderboard", "podium"] as const;
const step = (r: PublicRoundView) => r.index * PHASES.length + PHASES.indexOf(r.phase);

/**
 * Signs that a round ran in two places at once, as seen by the viewers: a
 * viewer whose round went backwards, or a phase of a question that viewers saw
 * with different times (each process running it would stamp its own).
 * Empty when it ran in one place at a time.
 */
export function roundConflicts(viewers: Viewer[], roundId: string): string[] {
  const conflicts: string[] = [];
  const stamps = new Map<string, Set<string>>();
  for (const v of viewers) {
    const seen = v.roundEvents.filter((r): r is PublicRoundView => r?.roundId === roundId);
    const steps = seen.map(step);
    if (steps.some((s, i) => i > 0 && s < steps[i - 1]!)) conflicts.push(`${v.name} saw the round go back: ${seen.map((r) => `${r.index}/${r.phase}`).join(", ")}`);
    for (const r of seen) {
      const key = `question ${r.index} ${r.phase}`;
      if (!stamps.has(key)) stamps.set(key, new Set());
      stamps.get(key)!.add(JSON.stringify([r.opensAt, r.closesAt, r.closedAt, r.phaseEndsAt]));
    }
  }
  for (const [key, seen] of stamps) if (seen.size > 1) conflicts.push(`${key} came with ${seen.size} different times: ${[...seen].join(" ")}`);
  return conflicts;
}

/** Each player's stored points for the round, summed over their answers. */
export async function storedScores(cluster: ProcessCluster, roundId: string): Promise<Map<string, number>> {
  const rows = await cluster.query<{ userId: string; points: string }>(
    `SELECT "userId", SUM(points) AS points FROM "TriviaResultRow" WHERE "roundId" = $1 GROUP BY "userId"`,
    [roundId],
  );
  return new Map(rows.map((r) => [r.userId, Number(r.points)]));
}

/**
 * Where the scores viewers were shown differ from the stored ones: each
 * viewer's podium (every standing) and its own score. Empty when they match.
 */
export function scoreMismatches(viewers: Viewer[], userIds: string[], stored: Map<string, number>): string[] {
  const mismatches: string[] = [];
  for (const [i, v] of viewers.entries()) {
    const podium = v.trivia.round;
    if (podium?.phase !== "podium") {
      mismatches.push(`${v.name} holds no podium`);
      continue;
    }
    for (const s of podium.leaderboard) {
      if (s.score !== (stored.get(s.userId) ?? 0)) mismatches.push(`${v.name} shows ${s.name} at ${s.score}, stored ${stored.get(s.userId) ?? 0}`);
    }
    const own = v.trivia.you?.score;
    if (own !== (stored.get(userIds[i]!) ?? 0)) mismatches.push(`${v.name} shows itself at ${own}, stored ${stored.get(userIds[i]!) ?? 0}`);
  }
  return mismatches;
}

/** The party's stored chat, in seq order. */
export function storedChat(cluster: ProcessCluster, partyId: string) {
  return cluster.query<{ id: string; seq: number; clientId: string; senderId: string }>(
    `SELECT id, seq, "clientId", "senderId" FROM "ChatMessage" WHERE "partyId" = $1 ORDER BY seq`,
    [partyId],
  );
}

/**
 * How the chat each viewer holds differs from what was accepted: `lost`
 * counts (viewer, message) pairs missing, `duplicated` messages held under
 * two ids (a resend stored twice: the same sender and clientId, known from the
 * acknowledgements and live deliveries, as a join's history leaves clientId
 * out) or held twice, `outOfOrder` live deliveries that came after a later
 * one on the same connection.
 */
export function chatDifferences(viewers: Viewer[], accepted: readonly ChatMessage[]) {
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const v of viewers) {
    const held = v.messages();
    const ids = new Set(held.map((m) => m.id));
    lost += accepted.filter((m) => !ids.has(m.id)).length;
    const sent = new Map([...accepted, ...v.deliveries.map((d) => d.message)].map((m) => [m.id, `${m.senderId} ${m.clientId}`]));
    duplicated += held.length - ids.size + (held.length - new Set(held.map((m) => sent.get(m.id) ?? m.id)).size);
    for (let c = 0; c < v.connections.length; c++) {
      const seen = new Set<string>();
      let last = -Infinity;
      for (const d of v.deliveries) {
        if (d.connection !== c || seen.has(d.message.id)) continue;
        seen.add(d.message.id);
        if (d.message.seq < last) outOfOrder++;
        last = Math.max(last, d.message.seq);
      }
    }
  }
  return { lost, duplicated, outOfOrder };
}
