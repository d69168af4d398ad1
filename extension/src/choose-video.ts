/**
 * Which <video> on a page is "the player": pure, so that it can be tested
 * without a browser. A page may hold several: the episode, a muted trailer in
 * a carousel, an ad, a thumbnail preview.
 */
export interface VideoFacts {
  /** Its area (CSS px²) inside the viewport; 0 when hidden or scrolled away. */
  visibleArea: number;
  playing: boolean;
  /** Its duration in seconds; 0 when unknown or endless (a live stream cannot follow a clock). */
  durationS: number;
}

/** A video at least this share of the largest visible one's area counts as player-sized. */
export const PLAYER_SIZED_SHARE = 0.25;

/**
 * The main video: among the visible, player-sized ones, one that is playing
 * first, then the longest (an ad or a trailer is shorter than an episode),
 * then the largest. Null when no video is visible.
 */
export function chooseMainVideo<T extends VideoFacts>(videos: readonly T[]): T | null {
  const visible = videos.filter((v) => v.visibleArea > 0);
  if (visible.length === 0) return null;
  const largest = Math.max(...visible.map((v) => v.visibleArea));
  const playerSized = visible.filter((v) => v.visibleArea >= largest * PLAYER_SIZED_SHARE);
  const duration = (v: VideoFacts) => (Number.isFinite(v.durationS) && v.durationS > 0 ? v.durationS : 0);
  return [...playerSized].sort((a, b) => Number(b.playing) - Number(a.playing) || duration(b) - duration(a) || b.visibleArea - a.visibleArea)[0] ?? null;
}
