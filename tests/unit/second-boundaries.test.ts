import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCommand, countdownNumber, initialClock, nextCountdownAt, nextSecondAt, positionAt } from "@/shared/party-clock";

const t0 = 1_000_000;
const shownSecond = (clock: Parameters<typeof positionAt>[0], at: number) => Math.floor(positionAt(clock, at) / 1000);

describe("the timecode's second boundaries", () => {
  it("holds no redraw while paused", () => {
    expect(nextSecondAt(initialClock(1, t0), t0 + 5000)).toBeNull();
  });

  it("is the instant the shown second changes while playing", () => {
    const playing = applyCommand(applyCommand(initialClock(1, t0), { type: "seek", positionMs: 12_300 }, t0), { type: "play" }, t0);
    // At t0 the clock shows 12 s; it shows 13 s from t0 + 700 ms.
    expect(nextSecondAt(playing, t0)).toBe(t0 + 700);
    expect(nextSecondAt(playing, t0 + 700)).toBe(t0 + 1700);
    expect(nextSecondAt(playing, t0 + 699)).toBe(t0 + 700);
  });

  it("follows the rate", () => {
    const fast = { ...applyCommand(initialClock(1, t0), { type: "play" }, t0), rate: 2 };
    expect(nextSecondAt(fast, t0)).toBe(t0 + 500);
  });

  it("waits for a scheduled start: the first change is one second after it", () => {
    const scheduled = applyCommand(initialClock(1, t0), { type: "playAt", startAtServerMs: t0 + 3250 }, t0);
    expect(nextSecondAt(scheduled, t0)).toBe(t0 + 4250);
  });

  it("for any clock and instant: the shown second is the same until the boundary and one more at it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(0.5, 1, 1.08), (start, after, rate) => {
        const clock = { ...applyCommand(applyCommand(initialClock(1, t0), { type: "seek", positionMs: start }, t0), { type: "play" }, t0), rate };
        const now = t0 + after;
        const boundary = nextSecondAt(clock, now)!;
        expect(boundary).toBeGreaterThan(now);
        expect(shownSecond(clock, boundary - 0.01)).toBe(shownSecond(clock, now));
        expect(shownSecond(clock, boundary + 0.01)).toBe(shownSecond(clock, now) + 1);
      }),
    );
  });
});

describe("the 3, 2, 1 countdown", () => {
  const start = t0 + 3400; // 3 s plus the server's slack for slow links

  it("starts at 3, never 4, and ends at the start instant", () => {
    expect(countdownNumber(start, t0, 3)).toBe(3);
    expect(countdownNumber(start, start - 2500, 3)).toBe(3);
    expect(countdownNumber(start, start - 1500, 3)).toBe(2);
    expect(countdownNumber(start, start - 1, 3)).toBe(1);
    expect(countdownNumber(start, start, 3)).toBeNull();
  });

  it("redraws at the whole seconds before the start", () => {
    expect(nextCountdownAt(start, t0, 3)).toBe(start - 2000);
    expect(nextCountdownAt(start, start - 2000, 3)).toBe(start - 1000);
    expect(nextCountdownAt(start, start - 1000, 3)).toBe(start);
    expect(nextCountdownAt(start, start, 3)).toBeNull();
  });
});
