import { describe, expect, it } from "vitest";
import { describeDistance } from "@/app/_components/countdown";
import { upcomingFirst } from "@/server/parties/list-my-parties";
import type { Party } from "@/server/parties/party";

describe("describeDistance", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it("counts down while the moment is ahead", () => {
    expect(describeDistance(now + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000, now)).toBe("in 2 days, 3 hours, 4 minutes, 5 seconds");
    expect(describeDistance(now + 61_000, now)).toBe("in 1 minute, 1 second");
  });
  it("says how long ago a past moment was", () => {
    expect(describeDistance(Date.parse("2025-07-09T07:00:00Z"), now)).toBe("last year");
    expect(describeDistance(now - 3 * 3600_000, now)).toBe("3 hours ago");
  });
});

describe("upcomingFirst", () => {
  const make = (id: string, startsAt: string, cancelled = false) =>
    ({
      id,
      startsAt: new Date(startsAt),
      timeZone: "UTC",
      episodePlan: "single",
      episodeFrom: 1,
      episodeTo: 1,
      episodeMinutes: 50,
      cancelledAt: cancelled ? new Date() : null,
    }) as Party;
  it("puts upcoming parties first, soonest first, then the rest, latest first", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const sorted = upcomingFirst(
      [make("past", "2026-11-01T00:00:00Z"), make("later", "2026-12-24T00:00:00Z"), make("soon", "2026-11-24T00:00:00Z"), make("off", "2026-11-30T00:00:00Z", true)],
      now,
    );
    expect(sorted.map((p) => p.id)).toEqual(["soon", "later", "off", "past"]);
  });
});
