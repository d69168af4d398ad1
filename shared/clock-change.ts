import { positionAt, type ClockState } from "./party-clock";
import { formatTimecode } from "./format-timecode";

/** Where Ballard is on Prime Video (the series' page there), for viewers who stream it themselves. */
export const PRIME_VIDEO_URL = "https://www.primevideo.com/search/ref=atv_nb_sr?phrase=Ballard";

export type ClockChangeKind = "start" | "play" | "pause" | "seek" | "episode";

export interface ClockChange {
  kind: ClockChangeKind;
  /** "paused at 12:31", said after the name of who did it. */
  did: string;
  /** What someone watching on their own Prime Video does now. */
  prompt: string;
}

/** A jump shorter than this is the clock's own correction, not someone seeking. */
const JUMP_MS = 1500;

/**
 * What a new clock says someone did, compared with the one before (pure):
 * started the count, played, paused, jumped or changed episode; null when
 * nothing a viewer would notice changed (a rate or control-mode update).
 */
export function describeClockChange(before: ClockState | null, after: ClockState, serverNow: number): ClockChange | null {
  const at = formatTimecode(positionAt(after, Math.max(serverNow, after.atServerMs)));
  const episode = after.episode;
  if (before && before.episode !== episode) {
    return { kind: "episode", did: `switched to episode ${episode} at ${at}`, prompt: `Open episode ${episode} on Prime Video and go to ${at}.` };
  }
  if (after.playing && after.atServerMs > serverNow + 200) {
    return { kind: "start", did: `started the count from ${at}`, prompt: `Have episode ${episode} ready at ${at} on Prime Video and press play when the count ends.` };
  }
  const expected = before ? positionAt(before, after.atServerMs) : after.positionMs;
  const jumped = Math.abs(after.positionMs - expected) > JUMP_MS;
  if (jumped) {
    return {
      kind: "seek",
      did: `jumped to ${at}`,
      prompt: after.playing ? `Go to ${at} in episode ${episode} on Prime Video and keep playing.` : `Go to ${at} in episode ${episode} on Prime Video and pause there.`,
    };
  }
  if (before && !before.playing && after.playing) return { kind: "play", did: `pressed play at ${at}`, prompt: `Press play on Prime Video (episode ${episode}, ${at}).` };
  if (before && before.playing && !after.playing) return { kind: "pause", did: `paused at ${at}`, prompt: `Pause Prime Video at ${at}.` };
  return null;
}

/** Before anything happened: how to get ready on Prime Video. */
export function startPrompt(clock: ClockState): string {
  return clock.playing
    ? `Open episode ${clock.episode} on Prime Video and go to the time above.`
    : `Open episode ${clock.episode} on Prime Video, pause at ${formatTimecode(clock.positionMs)}, and press play when the host starts the count.`;
}

/**
 * A time as typed: "23:40", "1:02:03", "23m40s", "23m", "90s", "23" (minutes)
 * → milliseconds; null when it is none.
 */
export function parseTimecode(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  if (t === "") return null;
  let seconds: number | null = null;
  const colon = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{1,2})$/.exec(t);
  const units = /^(?:(\d{1,2})h)?(?:(\d{1,3})m(?:in)?)?(?:(\d{1,4})s(?:ec)?)?$/.exec(t);
  if (colon) {
    if (Number(colon[3]) >= 60 || (colon[1] !== undefined && Number(colon[2]) >= 60)) return null;
    seconds = Number(colon[1] ?? 0) * 3600 + Number(colon[2]) * 60 + Number(colon[3]);
  } else if (/^\d{1,3}$/.test(t)) {
    seconds = Number(t) * 60;
  } else if (units && (units[1] || units[2] || units[3])) {
    seconds = Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  return seconds === null ? null : seconds * 1000;
}
