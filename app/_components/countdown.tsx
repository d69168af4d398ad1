"use client";

import { useNow } from "./use-now";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "in 2 days, 3 hours, 4 minutes, 5 seconds" while ahead; "1 year ago" once past. */
export function describeDistance(targetMs: number, nowMs: number): string {
  const seconds = Math.round((targetMs - nowMs) / 1000);
  if (seconds <= 0) {
    const [unit, size] = UNITS.find(([, size]) => -seconds >= size) ?? ["second", 1];
    return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(-Math.floor(-seconds / size), unit);
  }
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of UNITS.slice(2)) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  }
  return `in ${parts.join(", ")}`;
}

/** A live countdown to an instant (ticking every second while it is ahead). */
export function Countdown({ iso, testId }: { iso: string; testId?: string }) {
  const target = Date.parse(iso);
  const now = useNow();
  return (
    // role="timer" is not announced on every tick; the text stays readable on demand.
    <span role="timer" aria-live="off" data-testid={testId}>
      {now === null ? "" : describeDistance(target, now)}
    </span>
  );
}
