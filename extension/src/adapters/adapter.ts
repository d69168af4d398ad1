/**
 * A site adapter finds a page's player and moves it. The generic one works on
 * any page with an HTML5 <video>; a site whose player ignores direct changes
 * to its <video> (docs/extension.md) gets its own adapter in this folder.
 */
export interface SiteAdapter {
  name: string;
  /** Whether this adapter is for the page at this address. */
  matches(url: URL): boolean;
  /** The page's main video, or null. */
  findVideo(doc: Document): HTMLVideoElement | null;
  /** Moves the player to a position (seconds); the generic one sets currentTime. */
  seek(video: HTMLVideoElement, seconds: number): void;
}
