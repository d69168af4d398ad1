import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventRepeatingFreq, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { Party } from "./party";
import { occurrences } from "./schedule";

export const REMINDER_MINUTES_BEFORE = 30;

function episodesLabel(party: Pick<Party, "episodePlan" | "episodeFrom" | "episodeTo">): string {
  if (party.episodePlan === "single") return `episode ${party.episodeFrom}`;
  if (party.episodePlan === "binge") return `episodes ${party.episodeFrom}–${party.episodeTo}`;
  return `episodes ${party.episodeFrom}–${party.episodeTo}, one a week`;
}

export function calendarSummary(party: Pick<Party, "title" | "episodePlan" | "episodeFrom" | "episodeTo">): string {
  return `${party.title} (Ballard ${episodesLabel(party)})`;
}

/**
 * The party as an iCalendar file. The UID stays the same across edits and the
 * SEQUENCE rises with each, so calendars update the event instead of adding one.
 */
export function partyCalendar(options: { party: Party; url: string }): string {
  const { party, url } = options;
  const all = occurrences(party);
  const first = all[0]!;
  const calendar = ical({
    prodId: { company: "Ballard Watch Party", product: "parties", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    name: party.title,
    // No calendar-wide zone: with one, ical-generator writes DTSTAMP in local time
    // without the Z that RFC 5545 requires. The generator still adds the
    // VTIMEZONE of each zone an event uses.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  // Luxon dates carry their zone, so ical-generator writes the host's wall-clock
  // time next to TZID (a native Date would be written in UTC and mislabelled).
  const inZone = (d: Date) => DateTime.fromJSDate(d, { zone: party.timeZone });
  calendar.createEvent({
    id: `party-${party.id}@ballard-watch-party`,
    sequence: party.sequence,
    stamp: DateTime.fromJSDate(party.updatedAt, { zone: "utc" }),
    start: inZone(first.startsAt),
    end: inZone(first.endsAt),
    timezone: party.timeZone,
    summary: calendarSummary(party),
    description: [party.description, `Join: ${url}`].filter(Boolean).join("\n\n"),
    url,
    status: party.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    repeating: party.episodePlan === "weekly" ? { freq: ICalEventRepeatingFreq.WEEKLY, count: all.length } : null,
    alarms: party.cancelledAt
      ? []
      : [{ type: ICalAlarmType.display, triggerBefore: REMINDER_MINUTES_BEFORE * 60, description: calendarSummary(party) }],
  });
  return calendar.toString();
}

/** An "add to Google Calendar" link for the first sitting (weekly series repeat through RRULE). */
export function googleCalendarUrl(options: { party: Party; url: string }): string {
  const { party, url } = options;
  const first = occurrences(party)[0]!;
  const stamp = (d: Date) => DateTime.fromJSDate(d, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: calendarSummary(party),
    dates: `${stamp(first.startsAt)}/${stamp(first.endsAt)}`,
    ctz: party.timeZone,
    details: [party.description, `Join: ${url}`].filter(Boolean).join("\n\n"),
  });
  if (party.episodePlan === "weekly") params.set("recur", `RRULE:FREQ=WEEKLY;COUNT=${occurrences(party).length}`);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
