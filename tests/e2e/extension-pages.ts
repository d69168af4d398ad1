/**
 * Streaming sites' pages in miniature, for the extension's browser tests and
 * `npm run bench -- players`: each loads tests/fixtures/clip.webm (3 min) as
 * a Blob (seekable anywhere) into its main player, exposed as `window.__main`
 * in the frame that holds it, and builds the page the way real sites do.
 *   player: a small muted preview beside the main video;
 *   shadow: the main video two open shadow roots deep, a muted trailer in another;
 *   frame: the main video in a cross-origin frame, a muted preview on the page;
 *   ad: an ad break (`window.startAd(ms)`): the site pauses the episode, marks
 *     the player `ad-showing` and plays an ad over it, then resumes the episode;
 *   rate: a site that holds its own playback rate (0.96) against any change;
 *   resume: a site that calls play() 300 ms after every pause.
 */
export type TestPageName = "player" | "shadow" | "frame" | "frame-player" | "ad" | "rate" | "resume";

/** The site's rate on the "rate" page. */
export const SITE_RATE = 0.96;

const LOAD = `
const clip = fetch("/extension-test/clip.webm").then((r) => r.blob()).then((blob) => URL.createObjectURL(blob));
function load(video, { preview = false } = {}) {
  return clip.then((url) => { video.src = url; if (preview) video.play().catch(() => {}); });
}`;

const page = (title: string, body: string, script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>body{margin:0;font:14px sans-serif}video{display:block;background:#000}</style></head><body>
<h1>${title}</h1>${body}<script>${LOAD}
${script}</script></body></html>`;

const PREVIEW = `<video id="preview" muted loop width="240" height="135" aria-label="Preview"></video>`;
const PLAIN = (extra = "") => `const main = document.getElementById("main"); window.__main = main; load(main); load(document.getElementById("preview"), { preview: true });${extra}`;

export function testPage(name: string, otherOrigin: string): string {
  switch (name as TestPageName) {
    case "shadow":
      return page(
        "Shadow player",
        `<trailer-row></trailer-row><episode-player></episode-player>`,
        `class TrailerRow extends HTMLElement { constructor() { super(); const root = this.attachShadow({ mode: "open" });
  root.innerHTML = '<video muted loop width="480" height="270" aria-label="Trailer"></video>'; load(root.querySelector("video"), { preview: true }); } }
class VideoSurface extends HTMLElement { constructor() { super(); const root = this.attachShadow({ mode: "open" });
  root.innerHTML = '<div class="surface"><video width="640" height="360" aria-label="Episode"></video></div>'; window.__main = root.querySelector("video"); load(window.__main); } }
class EpisodePlayer extends HTMLElement { constructor() { super(); this.attachShadow({ mode: "open" }).innerHTML = "<div><video-surface></video-surface></div>"; } }
customElements.define("trailer-row", TrailerRow); customElements.define("video-surface", VideoSurface); customElements.define("episode-player", EpisodePlayer);`,
      );
    case "frame":
      return page("Framed player", `${PREVIEW}<iframe title="Player" src="${otherOrigin}/extension-test/frame-player" width="680" height="400" allow="autoplay; fullscreen"></iframe>`, `load(document.getElementById("preview"), { preview: true });`);
    case "frame-player":
      return page("Player frame", `<video id="main" width="640" height="360" aria-label="Episode"></video>`, `window.__main = document.getElementById("main"); load(window.__main);`);
    case "ad":
      return page(
        "Player with ads",
        `${PREVIEW}<div id="box" class="player" style="position:relative;width:640px;height:360px"><video id="main" width="640" height="360" aria-label="Episode"></video>
<video id="ad" hidden width="640" height="360" style="position:absolute;inset:0" aria-label="Advertisement video"></video></div>`,
        PLAIN(`
const ad = document.getElementById("ad"); load(ad);
window.__adLog = { adSeeks: 0, mainPlaysDuringAd: 0, inAd: false };
ad.addEventListener("seeking", () => { if (window.__adLog.inAd) window.__adLog.adSeeks += 1; });
main.addEventListener("play", () => { if (window.__adLog.inAd) window.__adLog.mainPlaysDuringAd += 1; });
window.startAd = (ms) => {
  const box = document.getElementById("box");
  main.pause(); window.__adLog.inAd = true; box.classList.add("ad-showing"); ad.hidden = false; ad.currentTime = 0; ad.play();
  setTimeout(() => { ad.pause(); ad.hidden = true; box.classList.remove("ad-showing"); window.__adLog.inAd = false; window.__adLog.adEndedAtMs = ad.currentTime * 1000; main.play().catch(() => {}); }, ms);
};`),
      );
    case "rate":
      return page(
        "Player that holds its rate",
        `${PREVIEW}<video id="main" width="640" height="360" aria-label="Episode"></video>`,
        PLAIN(`
main.playbackRate = ${SITE_RATE}; main.defaultPlaybackRate = ${SITE_RATE};
main.addEventListener("ratechange", () => { if (main.playbackRate !== ${SITE_RATE}) main.playbackRate = ${SITE_RATE}; });`),
      );
    case "resume":
      return page(
        "Player that resumes by itself",
        `${PREVIEW}<video id="main" width="640" height="360" aria-label="Episode"></video>`,
        PLAIN(`
window.__resumes = 0;
main.addEventListener("pause", () => setTimeout(() => { window.__resumes += 1; main.play().catch(() => {}); }, 300));`),
      );
    default:
      return page("Test player", `${PREVIEW}<video id="main" width="640" height="360" aria-label="Episode"></video>`, PLAIN());
  }
}
