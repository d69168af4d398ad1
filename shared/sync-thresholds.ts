/**
 * How a local video follows the party clock (docs/sync.md). Like Syncplay and
 * Jellyfin SyncPlay: small errors are absorbed by playing slightly faster or
 * slower, large ones by seeking.
 */
export const SYNC_THRESHOLDS = {
  /** Within this, do nothing: people cannot see it and correcting it causes jitter. */
  ignoreMs: 60,
  /** Up to this, correct by rate; past it, seek. */
  rateCorrectMaxMs: 2000,
  /** The rate change used to catch up or fall back (±8%: hard to hear). */
  rateStep: 0.08,
  /** A rate correction aims to close the gap within this long. */
  catchUpWithinMs: 8000,
  /** While the clock is paused, a player farther than this from its position is moved there. */
  pausedSeekMs: 250,
  /** A player reporting drift within this counts as "in sync" in the room's presence list. */
  inSyncMs: 250,
} as const;

export type Correction = { action: "none" } | { action: "rate"; rate: number } | { action: "seek"; positionMs: number };

/**
 * What a local player should do, given where it is and where the clock says it
 * should be (both in ms). Positive drift: the player is ahead.
 */
export function decideCorrection(options: { playerMs: number; targetMs: number; clockRate: number }): Correction {
  const drift = options.playerMs - options.targetMs;
  const size = Math.abs(drift);
  if (size <= SYNC_THRESHOLDS.ignoreMs) return { action: "none" };
  if (size > SYNC_THRESHOLDS.rateCorrectMaxMs) return { action: "seek", positionMs: Math.max(0, options.targetMs) };
  const wanted = Math.min(SYNC_THRESHOLDS.rateStep, size / SYNC_THRESHOLDS.catchUpWithinMs);
  return { action: "rate", rate: options.clockRate * (drift > 0 ? 1 - wanted : 1 + wanted) };
}
