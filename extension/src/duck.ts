/**
 * The show ducks when friends talk (docs/voice.md): while someone else speaks
 * in the room's call, the room page asks (through the bridge and the service
 * worker) for the streaming player's volume to drop by the person's chosen
 * share, and to come back when the talk ends. The viewer's own volume change
 * meanwhile wins: it is not overwritten on the way back.
 */

/** The shares a person can choose (0: off), as the room's call settings offer them. */
export const DUCK_AMOUNTS = [0, 0.5, 0.75, 0.9] as const;

/** A ducking request's amount, checked at each hop (a page message is anyone's to forge); null when it is not one. */
export function duckAmount(value: unknown): number | null {
  return typeof value === "number" && (DUCK_AMOUNTS as readonly number[]).includes(value) ? value : null;
}

export interface Ducker {
  /** Lowers the video by `amount` (0: brings it back). */
  apply(video: HTMLVideoElement | null, amount: number): void;
}

export function createDucker(): Ducker {
  let ducked: { video: HTMLVideoElement; volume: number; lowered: number } | null = null;
  return {
    apply(video, amount) {
      if (amount > 0 && video && !ducked) {
        const lowered = video.volume * (1 - amount);
        ducked = { video, volume: video.volume, lowered };
        video.volume = lowered;
      } else if (amount === 0 && ducked) {
        const { video: was, volume, lowered } = ducked;
        ducked = null;
        if (Math.abs(was.volume - lowered) < 0.01) was.volume = volume;
      }
    },
  };
}
