import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { Party } from "@/server/parties/party";
import { googleCalendarUrl, partyCalendar } from "@/server/parties/party-calendar";
import { localToInstant } from "@/server/parties/schedule";
import { parseIcs } from "../support/parse-ics";

const party: Party = {
  id: "cparty123",
  title: "Cold cases, <b>hot</b> popcorn",
  description: "Bring snacks.",
  hostId: "h",
  hostName: "Renée",
  cohostIds: [],
  startsAt: localToInstant("2026-10-22T20:00", "America/New_York")!,
  timeZone: "America/New_York",
  episodePlan: "weekly",
  episodeFrom: 1,
  episodeTo: 4,
  episodeMinutes: 50,
  capacity: 8,
  visibility: "public",
  replayVisibility: "members",
  inviteToken: "token",
  sequence: 3,
  cancelledAt: null,
  createdAt: new Date("2026-10-01T00:00:00Z"),
  updatedAt: new Date("2026-10-02T00:00:00Z"),
};

describe("partyCalendar", () => {
  it("writes a stable UID, the sequence, DTSTART in the host's zone with its VTIMEZONE, a reminder and the weekly rule", () => {
    const text = partyCalendar({ party, url: "http://localhost:3000/parties/cparty123" });
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m); // RFC 5545: always UTC
    const ics = parseIcs(text);
    expect(ics.uid).toBe("party-cparty123@ballard-watch-party");
    expect(ics.sequence).toBe(3);
    expect(ics.status).toBe("CONFIRMED");
    expect(ics.tzid).toBe("America/New_York");
    expect(ics.start).toBe("2026-10-22T20:00:00");
    expect(ics.timezones).toEqual(["America/New_York"]);
    expect(ics.alarmTrigger).toBe("-PT30M");
    expect(ics.rrule).toBe("FREQ=WEEKLY;COUNT=4");
    expect(ics.summary).toBe("Cold cases, <b>hot</b> popcorn (Ballard episodes 1–4, one a week)");
    expect(ics.url).toBe("http://localhost:3000/parties/cparty123");
  });

  it("marks a cancelled party CANCELLED, keeps the UID, and drops the reminder", () => {
    const ics = parseIcs(partyCalendar({ party: { ...party, cancelledAt: new Date(), sequence: 4 }, url: "http://x/p" }));
    expect(ics.status).toBe("CANCELLED");
    expect(ics.uid).toBe("party-cparty123@ballard-watch-party");
    expect(ics.sequence).toBe(4);
    expect(ics.alarmTrigger).toBeNull();
  });

  it("has no repeat rule for a single episode", () => {
    const ics = parseIcs(partyCalendar({ party: { ...party, episodePlan: "single", episodeTo: 1 }, url: "http://x/p" }));
    expect(ics.rrule).toBeNull();
  });
});

describe("googleCalendarUrl", () => {
  it("carries the first sitting in UTC, the zone and the weekly rule", () => {
    const url = new URL(googleCalendarUrl({ party, url: "http://x/p" }));
    expect(url.origin).toBe("https://calendar.google.com");
    expect(url.searchParams.get("dates")).toBe("20261023T000000Z/20261023T005000Z");
    expect(url.searchParams.get("ctz")).toBe("America/New_York");
    expect(url.searchParams.get("recur")).toBe("RRULE:FREQ=WEEKLY;COUNT=4");
  });
});

describe("partyCalendar with hostile or unusual text", () => {
  const injection = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@example.com\r\nSUMMARY:Free money";

  it("keeps CR/LF in the title and description inside their properties: one VEVENT, the calendar name escaped too", () => {
    const text = partyCalendar({
      party: { ...party, title: `Finale${injection}`, description: `Bring snacks.${injection}\u0000\u0007\u009b` },
      url: "http://x/p",
    });
    expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^UID:evil/m);
    const ics = parseIcs(text);
    expect(ics.events).toBe(1);
    expect(ics.uid).toBe("party-cparty123@ballard-watch-party");
    const flat = "Finale END:VEVENT BEGIN:VEVENT UID:evil@example.com SUMMARY:Free money";
    expect(ics.calendarName).toBe(flat);
    expect(ics.summary).toBe(`${flat} (Ballard episodes 1–4, one a week)`);
    // The description keeps its line breaks, escaped as \n; other control characters are gone.
    expect(ics.description).toBe("Bring snacks.\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@example.com\nSUMMARY:Free money\n\nJoin: http://x/p");
    expect(text.replaceAll("\r\n", "")).not.toMatch(/\p{Cc}/u);
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const title = `Ballard ${"é🎬".repeat(20)} marathon; commas, and backslashes \\ too`;
    const text = partyCalendar({ party: { ...party, title, description: "x".repeat(500) }, url: "http://x/p" });
    const lines = text.split("\r\n");
    for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(5);
    expect(text).not.toContain("\uFFFD");
    const ics = parseIcs(text);
    expect(ics.calendarName).toBe(title);
    expect(ics.summary).toBe(`${title} (Ballard episodes 1–4, one a week)`);
  });
});

describe("the VTIMEZONE", () => {
  function zoneOf(text: string, tzid: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const component = calendar.getAllSubcomponents("vtimezone").find((c) => c.getFirstPropertyValue("tzid") === tzid);
    if (!component) throw new Error(`no VTIMEZONE ${tzid}`);
    return { component, zone: new ICAL.Timezone(component) };
  }
  const offsetHours = (zone: ICAL.Timezone, iso: string) => zone.utcOffset(ICAL.Time.fromDateTimeString(iso)) / 3600;

  it("comes from a current tz release: Mexico City has had no daylight saving time since 2022", () => {
    const zone = "America/Mexico_City";
    const text = partyCalendar({
      party: { ...party, timeZone: zone, startsAt: localToInstant("2026-07-15T20:00", zone)! },
      url: "http://x/p",
    });
    const { component, zone: tz } = zoneOf(text, zone);
    // The 2018 data had a DAYLIGHT rule (April to October, UTC−5): the summer of 2026 would have been an hour off.
    expect(component.getAllSubcomponents("daylight")).toEqual([]);
    expect(offsetHours(tz, "2026-07-15T20:00:00")).toBe(-6);
    expect(offsetHours(tz, "2026-01-15T20:00:00")).toBe(-6);
    expect(parseIcs(text)).toMatchObject({ tzid: zone, start: "2026-07-15T20:00:00" });
  });

  it("knows America/Ciudad_Juarez, a zone created after 2018", () => {
    const zone = "America/Ciudad_Juarez";
    const text = partyCalendar({ party: { ...party, timeZone: zone }, url: "http://x/p" });
    const { zone: tz } = zoneOf(text, zone);
    expect(offsetHours(tz, "2026-07-15T20:00:00")).toBe(-6);
    expect(offsetHours(tz, "2026-12-15T20:00:00")).toBe(-7);
  });

  it("is filed under the name the events use when the zone is an alias (the library files US/Pacific as America/Los_Angeles)", () => {
    const ics = parseIcs(partyCalendar({ party: { ...party, timeZone: "US/Pacific" }, url: "http://x/p" }));
    expect(ics.tzid).toBe("US/Pacific");
    expect(ics.timezones).toEqual(["US/Pacific"]);
  });

  it("writes the times in UTC when the zone is UTC or has no VTIMEZONE, rather than a TZID that names none", () => {
    // Luxon accepts "utc"; the tz library does not know it under that spelling.
    for (const zone of ["UTC", "utc"]) {
      const text = partyCalendar({ party: { ...party, timeZone: zone }, url: "http://x/p" });
      const ics = parseIcs(text);
      expect(ics.tzid, zone).toBeUndefined();
      expect(ics.timezones, zone).toEqual([]);
      expect(text, zone).toMatch(/^DTSTART:20261023T000000Z\r?$/m);
    }
  });
});
