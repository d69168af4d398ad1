import { chooseMainVideo, type VideoFacts } from "../choose-video";
import type { SiteAdapter } from "./adapter";

/** What the chooser needs to know of one <video> on the page. */
export function videoFacts(video: HTMLVideoElement, viewport: { width: number; height: number }): VideoFacts {
  const box = video.getBoundingClientRect();
  const width = Math.max(0, Math.min(box.right, viewport.width) - Math.max(box.left, 0));
  const height = Math.max(0, Math.min(box.bottom, viewport.height) - Math.max(box.top, 0));
  const hidden = video.checkVisibility ? !video.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : false;
  return {
    visibleArea: hidden ? 0 : width * height,
    playing: !video.paused && !video.ended && video.readyState > 2,
    durationS: Number.isFinite(video.duration) ? video.duration : 0,
  };
}

/** Any page with an HTML5 <video>: the main playing one (choose-video.ts), moved through currentTime. */
export const genericAdapter: SiteAdapter = {
  name: "generic",
  matches: () => true,
  findVideo(doc) {
    const viewport = { width: doc.documentElement.clientWidth || innerWidth, height: doc.documentElement.clientHeight || innerHeight };
    const videos = [...doc.querySelectorAll("video")].map((element) => ({ element, ...videoFacts(element, viewport) }));
    return chooseMainVideo(videos)?.element ?? null;
  },
  seek(video, seconds) {
    video.currentTime = seconds;
  },
};
