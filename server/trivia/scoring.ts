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
