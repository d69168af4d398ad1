/**
 * Which <video> of a tab is "the player": pure, so that it can be tested
 * without a browser. A tab may hold several, in its page, its shadow roots
 * and its frames: the episode, a muted trailer in a carousel, an ad, a
 * thumbnail preview. The choice is the one a person would make.
 */
export interface VideoFacts {
  /** Its area (CSS px²) inside its frame's viewport; 0 when hidden or scrolled away. */
  visibleArea: number;
  /** Its frame's viewport area (CSS px²). */
  viewportArea: number;
  playing: boolean;
  /** Its duration in seconds; 0 when unknown or endless (a live stream cannot follow a clock). */
  durationS: number;
  muted: boolean;
  loop: boolean;
  /** The site marks it as an ad (the adapter's isAd). */
  adMarked: boolean;
}

/** A video at least this share of the largest visible one's area counts as player-sized. */
export const PLAYER_SIZED_SHARE = 0.25;
/** Shorter than this (and of known length) is an ad or a trailer, not an episode. */
export const SHORT_VIDEO_S = 120;
/** A muted video smaller than this share of its viewport is a preview, as is a muted loop. */
export const PREVIEW_SHARE = 0.15;

const knownDuration = (v: VideoFacts) => (Number.isFinite(v.durationS) && v.durationS > 0 ? v.durationS : 0);

/** An ad: marked by the site, or a short video. */
export const isAdVideo = (v: VideoFacts) => v.adMarked || (knownDuration(v) > 0 && knownDuration(v) < SHORT_VIDEO_S);
/** A muted preview: never the player, whatever its size. */
export const isPreview = (v: VideoFacts) => v.muted && (v.loop || v.visibleArea < v.viewportArea * PREVIEW_SHARE);

/**
 * The main video: of the visible ones that are neither an ad nor a muted
 * preview, the player-sized ones; with sound first, then one of an episode's
 * length, then playing, then the largest, then the longest. Null when none.
 */
export function chooseMainVideo<T extends VideoFacts>(videos: readonly T[]): T | null {
  const eligible = videos.filter((v) => v.visibleArea > 0 && !isAdVideo(v) && !isPreview(v));
  if (eligible.length === 0) return null;
  const largest = Math.max(...eligible.map((v) => v.visibleArea));
  const playerSized = eligible.filter((v) => v.visibleArea >= largest * PLAYER_SIZED_SHARE);
  return (
    [...playerSized].sort(
      (a, b) =>
        Number(!b.muted) - Number(!a.muted) ||
        Number(knownDuration(b) >= SHORT_VIDEO_S) - Number(knownDuration(a) >= SHORT_VIDEO_S) ||
        Number(b.playing) - Number(a.playing) ||
        b.visibleArea - a.visibleArea ||
        knownDuration(b) - knownDuration(a),
    )[0] ?? null
  );
}

/**
 * An ad break: a visible ad playing anywhere in the tab, or the chosen
 * element itself now holding an ad (a site that plays its ads in the
 * episode's element). The extension then touches nothing and waits.
 */
export function inAdBreak(videos: readonly VideoFacts[], chosen: VideoFacts | null): boolean {
  if (chosen && isAdVideo(chosen)) return true;
  return videos.some((v) => v.visibleArea > 0 && v.playing && isAdVideo(v) && !isPreview(v));
}
