/**
 * Questions pinned to episode moments, as a viewer's screen decides when to
 * ask them (pure): a pinned question is due when the viewer's own player (the
 * panel beside the player) or the party clock (the room page) has reached its
 * moment, and not long past it, so a viewer who joins later or jumps far ahead
 * is not asked every earlier question at once. The server times the answer
 * from the viewer's "shown" report (docs/realtime-protocol.md, trivia:shown).
 */
import type { ShowPoint } from "./spoiler";

/** How long after its moment a pinned question is still asked (a viewer who jumps further on skips it). */
export const MOMENT_CATCH_MS = 120_000;

/** The first pinned question due at `at` that has not been asked yet (null: none). */
export function dueMoment<M extends ShowPoint & { pinId: string }>(moments: readonly M[], at: ShowPoint | null, asked: ReadonlySet<string>): M | null {
  if (!at) return null;
  for (const moment of moments) {
    if (asked.has(moment.pinId) || moment.episode !== at.episode) continue;
    const past = at.positionMs - moment.positionMs;
    if (past >= 0 && past <= MOMENT_CATCH_MS) return moment;
  }
  return null;
}

/** A moment asked of this viewer, as the server timed it. */
export interface AskedMoment {
  pinId: string;
  shownAt: number;
  closesAt: number;
  /** Once answered: whether it was right and the points. */
  result: { correct: boolean; points: number } | null;
}

/** A pinned question this person answered, as every one of their screens is told (`trivia:moment-result`). */
export interface MomentResult {
  roundId: string;
  pinId: string;
  shownAt: number;
  closesAt: number;
  correct: boolean;
  points: number;
}

/**
 * The asked moments once this person answered one, on this screen or another
 * (the extension's panel, a second tab): it shows as answered and is not asked
 * here again. A moment this screen never asked is added with its server times.
 */
export function withResult(asked: readonly AskedMoment[], answered: Omit<MomentResult, "roundId">): AskedMoment[] {
  const result = { correct: answered.correct, points: answered.points };
  if (asked.some((a) => a.pinId === answered.pinId)) return asked.map((a) => (a.pinId === answered.pinId ? { ...a, result } : a));
  return [...asked, { pinId: answered.pinId, shownAt: answered.shownAt, closesAt: answered.closesAt, result }];
}

/** How long a question's result stays on screen after its time is up. */
export const MOMENT_RESULT_MS = 8000;

/** The asked moment to show now (the latest one still open, or just answered or closed), on the server's clock. */
export function currentMoment(asked: readonly AskedMoment[], serverNow: number): AskedMoment | null {
  let latest: AskedMoment | null = null;
  for (const moment of asked) if (serverNow < moment.closesAt + MOMENT_RESULT_MS && (!latest || moment.shownAt > latest.shownAt)) latest = moment;
  return latest;
}

/** "23:40" → 1,420,000 ms, "1:02:03" → 3,723,000 ms; null for anything else (seconds 0–59, minutes too when hours are given). */
export function parseTimecode(text: string): number | null {
  const match = /^\s*(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)\s*$/.exec(text);
  if (!match) return null;
  const [, h, m, s] = match;
  if (h !== undefined && Number(m) > 59) return null;
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}
