import { DateTime, IANAZone } from "luxon";
import { BALLARD_RELEASE } from "../release/ballard-release";

/**
 * Scheduling rules, pure: no I/O, no clock of their own (callers pass `now`).
 */

export type EpisodePlan = "single" | "binge" | "weekly";

export interface Schedule {
  /** The first start, as a UTC instant. */
  startsAt: Date;
  /** The host's IANA zone: weekly starts keep their local time in it, across daylight-saving changes. */
  timeZone: string;
  episodePlan: EpisodePlan;
  episodeFrom: number;
  episodeTo: number;
  episodeMinutes: number;
}

export interface Occurrence {
  /** The episodes watched at this sitting. */
  episodes: number[];
  startsAt: Date;
  endsAt: Date;
}

/** The room opens this long before a sitting starts. */
export const JOIN_OPENS_MINUTES_BEFORE = 15;
export const DEFAULT_EPISODE_MINUTES = 50;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * A wall-clock time ("2026-11-27T20:00") in a zone, as an instant; null when
 * that time does not exist there: an impossible date, or a time the clocks
 * skip when daylight saving starts (Luxon would move it an hour on).
 */
export function localToInstant(localDateTime: string, timeZone: string): Date | null {
  if (!isValidTimeZone(timeZone)) return null;
  const dt = DateTime.fromISO(localDateTime, { zone: timeZone });
  // UTC has no gaps: read there, the same text gives the wall-clock fields as written.
  const asWritten = DateTime.fromISO(localDateTime, { zone: "utc" });
  if (!dt.isValid || dt.toISO({ includeOffset: false }) !== asWritten.toISO({ includeOffset: false })) return null;
  return dt.toJSDate();
}

/** An instant as a wall-clock time in a zone, in the form a datetime-local input takes. */
export function instantToLocal(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** How far ahead a party may start. */
export const MAX_START_YEARS_AHEAD = 2;

/** The latest start a party may have when scheduled or edited at `now`. */
export function latestStart(now: Date): Date {
  return DateTime.fromJSDate(now).plus({ years: MAX_START_YEARS_AHEAD }).toJSDate();
}

export function episodeList(schedule: Pick<Schedule, "episodeFrom" | "episodeTo">): number[] {
  const list: number[] = [];
  for (let e = schedule.episodeFrom; e <= schedule.episodeTo; e++) list.push(e);
  return list;
}

/** Every sitting of a party: one for a single episode or a binge, one a week for a weekly series. */
export function occurrences(schedule: Schedule): Occurrence[] {
  const episodes = episodeList(schedule);
  const first = DateTime.fromJSDate(schedule.startsAt, { zone: schedule.timeZone });
  if (schedule.episodePlan !== "weekly") {
    const end = first.plus({ minutes: schedule.episodeMinutes * episodes.length });
    return [{ episodes, startsAt: first.toJSDate(), endsAt: end.toJSDate() }];
  }
  return episodes.map((episode, week) => {
    // Adding calendar weeks in the zone keeps the local time when the offset changes.
    const start = first.plus({ weeks: week });
    return { episodes: [episode], startsAt: start.toJSDate(), endsAt: start.plus({ minutes: schedule.episodeMinutes }).toJSDate() };
  });
}

/**
 * Why a stored schedule cannot be shown, or null when it can: a row written
 * around the validation (a start past what a Date holds reads back as an
 * invalid date, an unknown zone makes every sitting invalid) must not break
 * the lists it appears in.
 */
export function scheduleProblem(schedule: Schedule): string | null {
  if (Number.isNaN(schedule.startsAt.getTime())) return "the start is not a valid date";
  if (!isValidTimeZone(schedule.timeZone)) return "the time zone is unknown";
  const sittings = occurrences(schedule);
  if (sittings.length === 0 || sittings.some((o) => Number.isNaN(o.endsAt.getTime()))) return "its sittings cannot be computed";
  return null;
}

/** The sitting that is on now or comes next; null once the party is over. */
export function currentOrNextOccurrence(schedule: Schedule, now: Date): Occurrence | null {
  return occurrences(schedule).find((o) => o.endsAt > now) ?? null;
}

/** A sitting is on at `now` (the "live now" badge). */
export function isLiveNow(schedule: Schedule, now: Date): boolean {
  return occurrences(schedule).some((o) => o.startsAt <= now && now < o.endsAt);
}

/** When the room's door opens for the sitting that is on or next (15 minutes before it); null once the party is over. */
export function joinOpensAt(schedule: Schedule, now: Date): Date | null {
  const next = currentOrNextOccurrence(schedule, now);
  return next ? new Date(next.startsAt.getTime() - JOIN_OPENS_MINUTES_BEFORE * 60_000) : null;
}

export function partyEndsAt(schedule: Schedule): Date {
  const all = occurrences(schedule);
  return all[all.length - 1]!.endsAt;
}

/** The premiere as an instant. */
export function premiereInstant(): Date {
  const { localDateTime, timeZone } = BALLARD_RELEASE.premiere;
  return localToInstant(localDateTime, timeZone)!;
}
