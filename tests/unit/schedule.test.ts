import { describe, expect, it } from "vitest";
import {
  currentOrNextOccurrence,
  instantToLocal,
  joinOpensAt,
  isValidTimeZone,
  latestStart,
  localToInstant,
  occurrences,
  partyEndsAt,
  premiereInstant,
  scheduleProblem,
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

  it("refuses a time the clocks skip when daylight saving starts, and accepts the hour that repeats when it ends", () => {
    const LA = "America/Los_Angeles";
    // March 14, 2027: Los Angeles goes from 01:59 PST to 03:00 PDT; Luxon alone would move 02:30 to 03:30.
    expect(localToInstant("2027-03-14T02:30", LA)).toBeNull();
    expect(localToInstant("2027-03-14T02:00", LA)).toBeNull();
    expect(localToInstant("2027-03-14T01:59", LA)?.toISOString()).toBe("2027-03-14T09:59:00.000Z");
    expect(localToInstant("2027-03-14T03:00", LA)?.toISOString()).toBe("2027-03-14T10:00:00.000Z");
    // November 7, 2027: 01:30 happens twice; it exists, so it is accepted.
    expect(instantToLocal(localToInstant("2027-11-07T01:30", LA)!, LA)).toBe("2027-11-07T01:30");
  });

  it("puts the latest start two years after now", () => {
    expect(latestStart(new Date("2026-12-01T10:00:00Z")).toISOString()).toBe("2028-12-01T10:00:00.000Z");
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

describe("a stored schedule that cannot be shown", () => {
  it("is named: a start past what a Date holds, an unknown zone, no sittings", () => {
    expect(scheduleProblem(weekly(1, 4))).toBeNull();
    expect(scheduleProblem({ ...weekly(1, 4), startsAt: new Date(Number.NaN) })).toBe("the start is not a valid date");
    expect(scheduleProblem({ ...weekly(1, 4), startsAt: new Date(8.64e15) })).toBe("its sittings cannot be computed");
    expect(scheduleProblem({ ...weekly(1, 4), timeZone: "Mars/Olympus" })).toBe("the time zone is unknown");
    expect(scheduleProblem({ ...weekly(4, 1), episodePlan: "weekly" })).toBe("its sittings cannot be computed");
  });
});
