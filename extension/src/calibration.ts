/**
 * A site's copy of an episode rarely starts where the party's does: a recap,
 * a studio logo, a longer intro. The viewer marks the party's 0:00 once per
 * episode and site; the offset is remembered (chrome.storage.local). Pure.
 */

/** The offset (ms) such that video position = party position + offset, from one moment seen in both. */
export function calibrationOffset(moment: { videoMs: number; partyMs: number }): number {
  return Math.round(moment.videoMs - moment.partyMs);
}

/** Where the video should be for a party position. */
export function videoPositionFor(partyMs: number, offsetMs: number): number {
  return Math.max(0, partyMs + offsetMs);
}

/** The party position a video position stands for. */
export function partyPositionFor(videoMs: number, offsetMs: number): number {
  return Math.max(0, videoMs - offsetMs);
}

/** The storage key of one site's offset for one episode (the same site's episode starts alike in every party). */
export function calibrationKey(siteOrigin: string, episode: number): string {
  return `calibration:${siteOrigin}:${episode}`;
}
