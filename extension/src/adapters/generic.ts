import { ancestorsOf, deepVideos } from "./deep-videos";
import type { SiteAdapter } from "./adapter";

/**
 * How players mark an ad break on their own elements (the player's box or
 * the video): class names such as `ad-showing` / `ad-playing` / `ad-break`,
 * `data-ad-playing`, `data-ad-state="playing"`, or an element labelled
 * "Advertisement". A site whose markers differ gets its own adapter.
 */
const AD_CLASS = /(^|[\s_-])(ad-showing|ad-playing|ad-break|ad-interrupting|is-ad|advertisement)($|\s)/i;

export function hasAdMarker(video: HTMLVideoElement): boolean {
  let depth = 0;
  for (const element of ancestorsOf(video)) {
    if (depth++ > 12) break;
    if (AD_CLASS.test(element.getAttribute("class") ?? "")) return true;
    if (element.hasAttribute("data-ad-playing") || element.getAttribute("data-ad-state") === "playing") return true;
    if (/^(advertisement|ad)$/i.test(element.getAttribute("aria-label") ?? "")) return true;
  }
  return false;
}

/** Any page with HTML5 <video>s: every one of them, shadow roots included; moved through the element itself. */
export const genericAdapter: SiteAdapter = {
  name: "generic",
  matches: () => true,
  findVideos: (doc) => deepVideos(doc),
  readTime: (video) => video.currentTime,
  play: (video) => void video.play().catch(() => undefined),
  pause: (video) => video.pause(),
  seek(video, seconds) {
    video.currentTime = seconds;
  },
  setRate(video, rate) {
    video.playbackRate = rate;
  },
  isAd: hasAdMarker,
};
