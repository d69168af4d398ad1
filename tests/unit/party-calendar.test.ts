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
