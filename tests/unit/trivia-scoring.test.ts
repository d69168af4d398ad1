import { describe, expect, it } from "vitest";
import { matchesTypedAnswer, normalizeAnswer } from "@/server/trivia/question";
import { closeness, speedPoints, streakBonus } from "@/server/trivia/scoring";

describe("speed points: round(1000 × (1 − (t / T) / 2))", () => {
  it("gives 1000 at once, 500 at the last moment, and rounds in between", () => {
    expect(speedPoints(0, 20_000)).toBe(1000);
    expect(speedPoints(20_000, 20_000)).toBe(500);
    expect(speedPoints(5_000, 20_000)).toBe(875);
    expect(speedPoints(1_234, 10_000)).toBe(938); // 1000 × (1 − 0.0617) = 938.3
    expect(speedPoints(3_333, 20_000)).toBe(917); // 916.675 rounds up
  });

  it("never goes outside 500–1000 for times outside the window", () => {
    expect(speedPoints(-50, 10_000)).toBe(1000);
    expect(speedPoints(99_000, 10_000)).toBe(500);
  });
});

describe("streak bonus", () => {
  it("adds 100 for each right answer in a row after the first, up to 500", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(streakBonus)).toEqual([0, 0, 100, 200, 300, 400, 500, 500, 500]);
  });
});

describe("closeness for number questions", () => {
  it("is 1 for the exact answer and falls to 0 at the tolerance", () => {
    expect(closeness(6, 6, 10)).toBe(1);
    expect(closeness(8, 6, 10)).toBeCloseTo(0.8);
    expect(closeness(4, 6, 10)).toBeCloseTo(0.8);
    expect(closeness(16, 6, 10)).toBe(0);
    expect(closeness(600, 6, 10)).toBe(0);
  });
});

describe("lenient matching of typed answers", () => {
  it("ignores case, accents, punctuation and extra spaces", () => {
    expect(normalizeAnswer("  Renée ")).toBe("renee");
    expect(matchesTypedAnswer(["Renée"], "renee")).toBe(true);
    expect(matchesTypedAnswer(["Renée"], "RENÉE")).toBe(true);
    expect(matchesTypedAnswer(["Titus Welliver"], "  titus    WELLIVER ")).toBe(true);
    expect(matchesTypedAnswer(["Prime Video"], "prime-video!")).toBe(true);
  });

  it("does not accept a different or empty answer", () => {
    expect(matchesTypedAnswer(["Renée"], "Rene")).toBe(false);
    expect(matchesTypedAnswer(["Malibu"], "")).toBe(false);
    expect(matchesTypedAnswer(["Malibu"], "   ...  ")).toBe(false);
    expect(matchesTypedAnswer(["Michael Connelly", "Connelly"], "Michael")).toBe(false);
  });
});
