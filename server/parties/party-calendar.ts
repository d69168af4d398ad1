import ical, { escape, ICalAlarmType, ICalCalendarMethod, ICalEventRepeatingFreq, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block, tzlib_get_timezones } from "timezones-ical-library";
import { plainText } from "../text-input";
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

// Both functions answer an array unless asked for JSON.
const KNOWN_ZONES = new Set(tzlib_get_timezones(false) as string[]);

/**
 * The VTIMEZONE of an IANA zone, from the tz release timezones-ical-library
 * ships; null for a zone it does not know. The library files aliases under
 * their canonical name (UTC as Etc/UTC, US/Pacific as America/Los_Angeles):
 * the block is renamed to the TZID the events use, or it would match none.
 */
export function vtimezone(zone: string): string | null {
  // Checked first: for a zone it does not know, the library prints to the console.
  if (!KNOWN_ZONES.has(zone)) return null;
  const [block] = tzlib_get_ical_block(zone, false) as string[];
  return block ? block.replace(/^TZID:.*$/m, `TZID:${zone}`) : null;
}

/*
 * Text property values. ical-generator escapes the event's text (backslash,
 * semicolon, comma, line breaks) but keeps other control characters, which
 * RFC 5545 TEXT does not allow, and writes the calendar's name (NAME,
 * X-WR-CALNAME) as it is, line breaks included: that one is escaped here.
 * Text is cleaned on input already; this covers rows stored before that too.
 */
const oneLine = (value: string) => plainText(value, { multiline: false });
const lines = (value: string) => plainText(value, { multiline: true });

/**
 * The party as an iCalendar file. The UID stays the same across edits and the
 * SEQUENCE rises with each, so calendars update the event instead of adding one.
 * ical-generator folds every line at 75 octets.
 */
export function partyCalendar(options: { party: Party; url: string }): string {
  const { party, url } = options;
  const all = occurrences(party);
  const first = all[0]!;
  const calendar = ical({
    prodId: { company: "Ballard Watch Party", product: "parties", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    name: escape(oneLine(party.title), false),
    // No calendar-wide zone: with one, ical-generator writes DTSTAMP in local time
    // without the Z that RFC 5545 requires. The generator still adds the
    // VTIMEZONE of each zone an event uses.
    timezone: { name: null, generator: vtimezone },
  });
  // Luxon dates carry their zone, so ical-generator writes the host's wall-clock
  // time next to TZID (a native Date would be written in UTC and mislabelled).
  // A zone without a VTIMEZONE is written in UTC instead: a TZID must name one.
  const zone = vtimezone(party.timeZone) ? party.timeZone : null;
  const inZone = (d: Date) => DateTime.fromJSDate(d, { zone: zone ?? "utc" });
  calendar.createEvent({
    id: `party-${party.id}@ballard-watch-party`,
    sequence: party.sequence,
    stamp: DateTime.fromJSDate(party.updatedAt, { zone: "utc" }),
    start: inZone(first.startsAt),
    end: inZone(first.endsAt),
    timezone: zone,
    summary: oneLine(calendarSummary(party)),
    description: lines([party.description, `Join: ${url}`].filter(Boolean).join("\n\n")),
    url,
    status: party.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    repeating: party.episodePlan === "weekly" ? { freq: ICalEventRepeatingFreq.WEEKLY, count: all.length } : null,
    alarms: party.cancelledAt
      ? []
      : [{ type: ICalAlarmType.display, triggerBefore: REMINDER_MINUTES_BEFORE * 60, description: oneLine(calendarSummary(party)) }],
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
