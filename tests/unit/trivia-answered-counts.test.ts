import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAnsweredCounts, type AnsweredCount } from "@/server/trivia/answered-counts";

describe("the answered count, paced per room", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function counts(open: { roundId: string; index: number } | null = { roundId: "r1", index: 0 }) {
    const sent: Array<[string, number]> = [];
    const question = { open };
    const pacer = createAnsweredCounts({
      send: (partyId, count) => sent.push([partyId, count.answeredCount]),
      stillOpen: (_partyId, count) => question.open?.roundId === count.roundId && question.open.index === count.index,
      everyMs: 1000,
      now: () => Date.now(),
    });
    return { sent, question, pacer };
  }
  const at = (answeredCount: number, index = 0): AnsweredCount => ({ roundId: "r1", index, answeredCount });

  it("sends the first count at once, then only the newest of those within the interval, once", () => {
    const { sent, pacer } = counts();
    pacer.tell("p1", at(1));
    for (const n of [2, 3, 4]) pacer.tell("p1", at(n));
    // Another room is paced on its own.
    pacer.tell("p2", at(9));
    expect(sent).toEqual([
      ["p1", 1],
      ["p2", 9],
    ]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([
      ["p1", 1],
      ["p2", 9],
      ["p1", 4],
    ]);
    // Nothing more was told: nothing more is sent; a count after a quiet interval goes at once.
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(3);
    pacer.tell("p1", at(5));
    expect(sent.at(-1)).toEqual(["p1", 5]);
  });

  it("never sends a smaller count after a larger one waited, nor a count once its question closed", () => {
    const { sent, question, pacer } = counts();
    pacer.tell("p1", at(1));
    pacer.tell("p1", at(8));
    // A check that began earlier reports late with fewer answers.
    pacer.tell("p1", at(6));
    vi.advanceTimersByTime(1000);
    expect(sent.map(([, n]) => n)).toEqual([1, 8]);
    pacer.tell("p1", at(9));
    question.open = null;
    vi.advanceTimersByTime(1000);
    expect(sent.map(([, n]) => n)).toEqual([1, 8]);
  });

  it("drops a waiting count when the question closes here, and starts afresh for the next", () => {
    const { sent, question, pacer } = counts();
    pacer.tell("p1", at(1));
    pacer.tell("p1", at(2));
    pacer.forget("p1");
    vi.advanceTimersByTime(1000);
    expect(sent.map(([, n]) => n)).toEqual([1]);
    question.open = { roundId: "r1", index: 1 };
    pacer.tell("p1", at(1, 1));
    expect(sent.map(([, n]) => n)).toEqual([1, 1]);
  });
});
