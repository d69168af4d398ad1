/**
 * A site adapter finds a page's player and moves it: one file per site in
 * this folder, listed in index.ts before the generic one, which works on any
 * page with an HTML5 <video> and is the fallback (docs/extension.md,
 * "Adapters"). Every method is called in one frame of the synced tab: the
 * player script runs in each frame and reports that frame's videos.
 */
export interface SiteAdapter {
  name: string;
  /** Whether this adapter is for the page (or frame) at this address. */
  matches(url: URL): boolean;
  /** Find the player: every <video> of this frame that could be it, shadow roots included (the choice between them is choose-video.ts's). */
  findVideos(doc: Document): HTMLVideoElement[];
  /** Read the time: the episode position the player shows (seconds). */
  readTime(video: HTMLVideoElement): number;
  play(video: HTMLVideoElement): void;
  pause(video: HTMLVideoElement): void;
  /** Moves the player to a position (seconds); the generic one sets currentTime. */
  seek(video: HTMLVideoElement, seconds: number): void;
  /** Sets the playback rate (a site that holds its own is noticed by the player and corrected by seeking instead). */
  setRate(video: HTMLVideoElement, rate: number): void;
  /** Detect an ad: whether the site marks this video as playing an ad now (a short video counts as one without any marker: choose-video.ts). */
  isAd(video: HTMLVideoElement): boolean;
}
