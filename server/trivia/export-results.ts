import { stringify } from "csv-stringify/sync";
import type { LeaderboardEntry, RoundSummary } from "./trivia";

/**
 * The party's trivia results as CSV: the whole party's leaderboard first, then
 * each round's, oldest round first. Player names are typed by players, so a
 * cell that a spreadsheet would run as a formula (one starting with = + - @,
 * a tab or CR, or their full-width forms) gets a leading `'` (csv-stringify's
 * `escape_formulas`, after OWASP's CSV injection advice); numbers stay numbers.
 */
export function resultsCsv(options: { party: LeaderboardEntry[]; rounds: RoundSummary[] }): string {
  const rows: Array<Array<string | number>> = [];
  for (const entry of options.party) rows.push(["party", "", "", entry.rank, entry.name, entry.score, entry.correct, entry.answered]);
  const oldestFirst = [...options.rounds].reverse();
  oldestFirst.forEach((round, i) => {
    for (const entry of round.leaderboard) {
      rows.push([`round ${i + 1}`, round.startedAt.toISOString(), round.deck, entry.rank, entry.name, entry.score, entry.correct, entry.answered]);
    }
  });
  return stringify(rows, {
    header: true,
    columns: ["scope", "started_at", "deck", "rank", "player", "score", "right_answers", "answered"],
    escape_formulas: true,
  });
}
