/**
 * Kahoot-style scoring, pure. A right answer earns
 * round(1000 × (1 − (t / T) / 2)): 1000 for an instant answer, 500 at the
 * last moment. Each consecutive right answer after the first adds 100, up to
 * 500. Number questions scale the points by how close the guess was.
 */
export const MAX_POINTS = 1000;
export const STREAK_STEP = 100;
export const MAX_STREAK_BONUS = 500;

/** Points for a right answer given after `elapsedMs` of a `windowMs` window. */
export function speedPoints(elapsedMs: number, windowMs: number): number {
  const share = Math.min(1, Math.max(0, elapsedMs / windowMs));
  return Math.round(MAX_POINTS * (1 - share / 2));
}

/** The bonus for a streak of `streak` right answers in a row (this one included). */
export function streakBonus(streak: number): number {
  return Math.min(MAX_STREAK_BONUS, STREAK_STEP * Math.max(0, streak - 1));
}

/** 1 for an exact guess, falling to 0 at `tolerance` away (and beyond). */
export function closeness(guess: number, answer: number, tolerance: number): number {
  return Math.max(0, 1 - Math.abs(guess - answer) / tolerance);
}

/**
 * Ranks players best first: by score, then right answers, then name. Equal
 * score and right answers share a rank (1, 2, 2, 4). Used for the live round
 * and for the stored leaderboards alike.
 */
export function rankByScore<T extends { name: string; score: number; correct: number }>(rows: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.score - a.score || b.correct - a.correct || a.name.localeCompare(b.name));
  const out: Array<T & { rank: number }> = [];
  sorted.forEach((row, i) => {
    const previous = out[i - 1];
    const tied = previous && previous.score === row.score && previous.correct === row.correct;
    out.push({ ...row, rank: tied ? previous.rank : i + 1 });
  });
  return out;
}
