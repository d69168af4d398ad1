import { describe, expect, it } from "vitest";
import {
  currentOrNextOccurrence,
  instantToLocal,
  joinOpensAt,
  isValidTimeZone,
  localToInstant,
  occurrences,
  partyEndsAt,
  premiereInstant,
  type Schedule,
} from "@/server/parties/schedule";

const NY = "America/New_York";

function weekly(from: number, to: number): Schedule {
  return {
    startsAt: localToInstant("2026-10-22T20:00", NY)!,
    timeZone: NY,
    episodePlan: "weekly",
    episodeFrom: from,
    episodeTo: to,
    episodeMinutes: 50,
  };
}

describe("time zones", () => {
  it("puts the premiere at 3 a.m. Eastern on July 9, 2025, which is 07:00 UTC", () => {
    expect(premiereInstant().toISOString()).toBe("2025-07-09T07:00:00.000Z");
  });

  it("knows IANA zones and refuses made-up ones", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("America/Ballard")).toBe(false);
    expect(isValidTimeZone("EST5EDT; DROP TABLE")).toBe(false);
    expect(localToInstant("2026-11-27T20:00", "Mars/Olympus")).toBeNull();
  });

  it("refuses a wall-clock time that does not exist", () => {
    expect(localToInstant("2026-02-30T20:00", NY)).toBeNull();
    expect(localToInstant("not a date", NY)).toBeNull();
  });

  it("round-trips a local time through the instant", () => {
    const instant = localToInstant("2026-12-05T21:30", "Asia/Tokyo")!;
    expect(instant.toISOString()).toBe("2026-12-05T12:30:00.000Z");
    expect(instantToLocal(instant, "Asia/Tokyo")).toBe("2026-12-05T21:30");
  });
});

describe("occurrences", () => {
  it("keeps a weekly series at 8 p.m. local across the early-November daylight-saving change", () => {
    const sittings = occurrences(weekly(1, 4));
    expect(sittings.map((o) => o.episodes)).toEqual([[1], [2], [3], [4]]);
    expect(sittings.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-10-23T00:00:00.000Z", // 20:00 EDT (UTC−4)
      "2026-10-30T00:00:00.000Z",
      "2026-11-06T01:00:00.000Z", // 20:00 EST (UTC−5): clocks went back on November 1
      "2026-11-13T01:00:00.000Z",
    ]);
    expect(sittings.map((o) => instantToLocal(o.startsAt, NY))).toEqual([
      "2026-10-22T20:00",
      "2026-10-29T20:00",
      "2026-11-05T20:00",
      "2026-11-12T20:00",
    ]);
  });

  it("makes a binge one long sitting and a single episode one short one", () => {
    const binge = occurrences({ ...weekly(3, 5), episodePlan: "binge" });
    expect(binge).toHaveLength(1);
    expect(binge[0]!.episodes).toEqual([3, 4, 5]);
    expect(binge[0]!.endsAt.getTime() - binge[0]!.startsAt.getTime()).toBe(150 * 60_000);
    const single = occurrences({ ...weekly(7, 7), episodePlan: "single" });
    expect(single[0]!.endsAt.getTime() - single[0]!.startsAt.getTime()).toBe(50 * 60_000);
  });

  it("ends a weekly series with its last sitting", () => {
    expect(partyEndsAt(weekly(1, 4)).toISOString()).toBe("2026-11-13T01:50:00.000Z");
  });

  it("finds the sitting that is on now or next, and none once it is over", () => {
    const series = weekly(1, 2);
    expect(currentOrNextOccurrence(series, new Date("2026-10-01T00:00:00Z"))!.episodes).toEqual([1]);
    expect(currentOrNextOccurrence(series, new Date("2026-10-23T00:30:00Z"))!.episodes).toEqual([1]);
    expect(currentOrNextOccurrence(series, new Date("2026-10-23T01:00:00Z"))!.episodes).toEqual([2]);
    expect(currentOrNextOccurrence(series, new Date("2026-12-01T00:00:00Z"))).toBeNull();
  });
});

describe("the room's door", () => {
  const party = { ...weekly(1, 1), episodePlan: "single" as const };
  it("opens 15 minutes before the start, until the sitting ends", () => {
    expect(joinOpensAt(party, new Date("2026-10-20T00:00:00Z"))?.toISOString()).toBe("2026-10-22T23:45:00.000Z");
    expect(joinOpensAt(party, new Date("2026-10-23T00:49:00Z"))?.toISOString()).toBe("2026-10-22T23:45:00.000Z");
    expect(joinOpensAt(party, new Date("2026-10-23T00:50:00Z"))).toBeNull();
  });

  it("moves on to the next sitting of a weekly series", () => {
    expect(joinOpensAt(weekly(1, 2), new Date("2026-10-23T01:00:00Z"))?.toISOString()).toBe("2026-10-29T23:45:00.000Z");
  });
});
