import ICAL from "ical.js";

/** RFC 5545 TEXT unescaping, for properties ical.js keeps raw (X-WR-CALNAME is not in its design set). */
const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === "n" ? "\n" : c));

/** Parses an iCalendar file with ical.js and returns the fields the tests check. */
export function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT in the calendar file");
  const dtstart = event.getFirstProperty("dtstart");
  const alarm = event.getFirstSubcomponent("valarm");
  const rrule = event.getFirstPropertyValue("rrule") as ICAL.Recur | null;
  return {
    events: calendar.getAllSubcomponents("vevent").length,
    calendarName: unescapeText(String(calendar.getFirstPropertyValue("x-wr-calname"))),
    description: event.getFirstPropertyValue("description"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    status: event.getFirstPropertyValue("status"),
    summary: event.getFirstPropertyValue("summary"),
    url: event.getFirstPropertyValue("url"),
    tzid: dtstart?.getParameter("tzid"),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toString(),
    timezones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
    alarmTrigger: alarm ? String(alarm.getFirstPropertyValue("trigger")) : null,
    rrule: rrule ? rrule.toString() : null,
  };
}
