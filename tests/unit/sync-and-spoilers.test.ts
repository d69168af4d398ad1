import { describe, expect, it } from "vitest";
import { isSpoilerFor, rememberPoint, type SpoilerMemory } from "@/shared/spoiler";
import { decideCorrection, SYNC_THRESHOLDS } from "@/shared/sync-thresholds";

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

  it("remembers the furthest point reached: a rewind does not hide again what was seen", () => {
    let memory: SpoilerMemory = {};
    memory = rememberPoint(memory, { episode: 3, positionMs: 600_000 });
    memory = rememberPoint(memory, { episode: 3, positionMs: 120_000 });
    expect(memory).toEqual({ 3: 600_000 });
    const rewound = { episode: 3, positionMs: 120_000 };
    expect(isSpoilerFor({ episode: 3, positionMs: 500_000 }, rewound, memory)).toBe(false);
    expect(isSpoilerFor({ episode: 3, positionMs: 700_000 }, rewound, memory)).toBe(true);
  });

  it("keeps an episode's seen messages shown after switching back to an earlier episode", () => {
    const memory = rememberPoint(rememberPoint({}, { episode: 3, positionMs: 60_000 }), { episode: 2, positionMs: 0 });
    const back = { episode: 2, positionMs: 0 };
    expect(isSpoilerFor({ episode: 3, positionMs: 30_000 }, back, memory)).toBe(false);
    expect(isSpoilerFor({ episode: 3, positionMs: 90_000 }, back, memory)).toBe(true);
    expect(isSpoilerFor({ episode: 2, positionMs: 10_000 }, back, memory)).toBe(true);
  });

  it("returns the same memory when nothing moved forward (so a view can skip a write)", () => {
    const memory = rememberPoint({}, { episode: 1, positionMs: 5000 });
    expect(rememberPoint(memory, { episode: 1, positionMs: 4000 })).toBe(memory);
  });
});
