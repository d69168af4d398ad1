import { describe, expect, it } from "vitest";
import { isSpoilerFor } from "@/server/room/spoiler";
import { decideCorrection, SYNC_THRESHOLDS } from "@/server/room/sync-thresholds";

describe("local player corrections", () => {
  it("ignores drift people cannot notice", () => {
    expect(decideCorrection({ playerMs: 10_040, targetMs: 10_000, clockRate: 1 })).toEqual({ action: "none" });
  });

  it("corrects small drift by rate: slower when ahead, faster when behind, within the step", () => {
    const ahead = decideCorrection({ playerMs: 10_400, targetMs: 10_000, clockRate: 1 });
    expect(ahead.action).toBe("rate");
    expect(ahead.action === "rate" && ahead.rate).toBeCloseTo(0.95, 5);
    const behind = decideCorrection({ playerMs: 8_500, targetMs: 10_000, clockRate: 1 });
    expect(behind).toEqual({ action: "rate", rate: 1 + SYNC_THRESHOLDS.rateStep });
  });

  it("seeks when the drift is large", () => {
    expect(decideCorrection({ playerMs: 0, targetMs: 45_000, clockRate: 1 })).toEqual({ action: "seek", positionMs: 45_000 });
    expect(decideCorrection({ playerMs: 90_000, targetMs: 45_000, clockRate: 1 })).toEqual({ action: "seek", positionMs: 45_000 });
  });
});

describe("spoiler shield", () => {
  it("hides a message from a viewer who has not reached its point", () => {
    expect(isSpoilerFor({ episode: 3, positionMs: 60_000 }, { episode: 3, positionMs: 30_000 })).toBe(true);
    expect(isSpoilerFor({ episode: 3, positionMs: 60_000 }, { episode: 3, positionMs: 60_000 })).toBe(false);
    expect(isSpoilerFor({ episode: 4, positionMs: 0 }, { episode: 3, positionMs: 3_000_000 })).toBe(true);
    expect(isSpoilerFor({ episode: 2, positionMs: 3_000_000 }, { episode: 3, positionMs: 0 })).toBe(false);
  });
});
