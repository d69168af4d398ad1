"use client";

import { useEffect, useState } from "react";
import { nextCountdownAt, nextSecondAt, type ClockState } from "@/shared/party-clock";

/** A redraw lands this long after a boundary, so the new second is already there. */
const LANDING_MS = 4;
/** While nothing is due (paused, no countdown), a slow tick keeps "now" fresh for the rest of the room. */
const IDLE_TICK_MS = 5000;

/**
 * Re-renders at the party clock's whole-second boundaries (of the timecode and
 * of a running "3, 2, 1"), computed from the estimated server clock rather than
 * a fixed interval, so every screen shows the same second at the same instant.
 * Returns the redraw's server time.
 */
export function useSecondTick(clock: ClockState | null, offsetMs: number, countdown: { startAtServerMs: number; seconds: number } | null): number {
  const [serverNow, setServerNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const redraw = () => {
      setServerNow(Date.now() + offsetMs);
      schedule();
    };
    const schedule = () => {
      const now = Date.now() + offsetMs;
      const due = [clock ? nextSecondAt(clock, now) : null, countdown ? nextCountdownAt(countdown.startAtServerMs, now, countdown.seconds) : null].filter(
        (t): t is number => t !== null,
      );
      const wait = due.length > 0 ? Math.max(0, Math.min(...due) - now) + LANDING_MS : IDLE_TICK_MS;
      timer = setTimeout(redraw, wait);
    };
    // A new clock state (play, seek…) is drawn at once, then at each boundary.
    timer = setTimeout(redraw, 0);
    return () => clearTimeout(timer);
  }, [clock, offsetMs, countdown]);
  return serverNow;
}
