import { describe, expect, it } from "vitest";
import type { Question } from "@/server/trivia/question";
import {
  closeQuestion,
  createRound,
  everyoneAnswered,
  openQuestion,
  playerView,
  publicView,
  showLeaderboard,
  standings,
  submitAnswer,
  type RoundState,
} from "@/server/trivia/round";

const source = [{ article: "Test article", paragraph: 1, fact: "A fact." }];
const choice: Question = { id: "c", kind: "choice", prompt: "Pick B", options: ["A", "B", "C", "D"], answer: 1, sources: source };
const truth: Question = { id: "t", kind: "truefalse", prompt: "True?", answer: true, sources: source };
const number: Question = { id: "n", kind: "number", prompt: "How many?", answer: 6, tolerance: 10, unit: "reviews", sources: source };
const order: Question = { id: "o", kind: "order", prompt: "Order", items: ["first", "second", "third"], sources: source };
const typed: Question = { id: "x", kind: "text", prompt: "Name?", accepted: ["Renée"], sources: source };

// A fixed "random" so the round keeps the deck's order of questions.
const sequence = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};
const people = [
  { userId: "ann", name: "Ann" },
  { userId: "bob", name: "Bob" },
  { userId: "cat", name: "Cat" },
];

function round(deck: Question[], random = sequence([0.99])): RoundState {
  return createRound({ id: "r1", partyId: "p1", deck, settings: { questionCount: deck.length, secondsPerQuestion: 10, readMs: 1000 }, random });
}

function open(state: RoundState, now = 0) {
  openQuestion(state, { now, present: people });
  return state.opensAt!;
}

describe("a trivia round", () => {
  it("hides the answer key until the reveal, then shows it with its source", () => {
    const state = round([choice]);
    open(state);
    const before = publicView(state);
    expect(before.reveal).toBeNull();
    expect(before.leaderboard).toEqual([]);
    expect(JSON.stringify(before)).not.toMatch(/"(answer|correct|fact|sources|accepted|choiceKey|orderKey)"/);
    expect(before.question).toEqual({ kind: "choice", prompt: "Pick B", options: expect.arrayContaining(["A", "B", "C", "D"]) });
    closeQuestion(state, { now: 20_000, revealMs: 5000 });
    const after = publicView(state);
    expect(after.reveal?.answer).toMatchObject({ kind: "choice", text: "B" });
    expect(after.reveal?.sources).toEqual(source);
  });

  it("times answers from the end of the read phase and scores right answers like Kahoot", () => {
    const state = round([choice]);
    const opensAt = open(state);
    const right = state.questions[0]!.choiceKey;
    expect(submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "choice", option: right }, now: opensAt + 2000 })).toEqual({ elapsedMs: 2000 });
    submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "choice", option: (right + 1) % 4 }, now: opensAt + 1000 });
    const results = closeQuestion(state, { now: opensAt + 10_000, revealMs: 5000 });
    expect(results.find((r) => r.userId === "ann")).toMatchObject({ correct: true, points: 900 });
    expect(results.find((r) => r.userId === "bob")).toMatchObject({ correct: false, points: 0 });
    expect(results.find((r) => r.userId === "cat")).toMatchObject({ correct: false, points: 0, answer: null });
    expect(publicView(state).reveal?.counts.reduce((a, b) => a + b)).toBe(2);
    expect(publicView(state).reveal?.noAnswer).toBe(1);
  });

  it("refuses early, late, duplicate, wrong-kind, out-of-range and not-current answers", () => {
    const state = round([choice, truth]);
    const opensAt = open(state);
    const at = (ms: number) => opensAt + ms;
    expect(() => submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "choice", option: 0 }, now: at(-1) })).toThrow(/read time/);
    expect(() => submitAnswer(state, { userId: "ann", questionIndex: 1, answer: { kind: "choice", option: 0 }, now: at(5) })).toThrow(/not open/);
    expect(() => submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "truefalse", value: true }, now: at(5) })).toThrow(/choice answer/);
    expect(() => submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "choice", option: 4 }, now: at(5) })).toThrow(/one of the 4 options/);
    submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "choice", option: 0 }, now: at(5) });
    expect(() => submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "choice", option: 1 }, now: at(6) })).toThrow(/already answered/);
    expect(() => submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "choice", option: 1 }, now: at(10_001) })).toThrow(/Time is up/);
    expect(() => submitAnswer(state, { userId: "dan", questionIndex: 0, answer: { kind: "choice", option: 1 }, now: at(6) })).toThrow(/next one/);
    closeQuestion(state, { now: at(10_000), revealMs: 1 });
    expect(() => submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "choice", option: 1 }, now: at(9_000) })).toThrow(/not open/);
  });

  it("adds a streak bonus of 100 per right answer in a row after the first, reset by a miss", () => {
    const deck = [truth, truth, truth, truth].map((q, i) => ({ ...q, id: `t${i}` }));
    const state = round(deck);
    const answers = [true, true, true, false];
    const points: number[] = [];
    for (const value of answers) {
      const opensAt = open(state, (state.closedAt ?? 0) + 1);
      submitAnswer(state, { userId: "ann", questionIndex: state.index, answer: { kind: "truefalse", value }, now: opensAt });
      points.push(closeQuestion(state, { now: opensAt + 10_000, revealMs: 1 }).find((r) => r.userId === "ann")!.points);
      showLeaderboard(state, { now: opensAt + 10_001, leaderboardMs: 1 });
    }
    expect(points).toEqual([1000, 1100, 1200, 0]);
    expect(state.players.get("ann")).toMatchObject({ score: 3300, streak: 0, correct: 3 });
  });

  it("caps the streak bonus at 500", () => {
    const deck = Array.from({ length: 8 }, (_, i) => ({ ...truth, id: `t${i}` }));
    const state = round(deck);
    let last = 0;
    for (let i = 0; i < 8; i++) {
      const opensAt = open(state, (state.closedAt ?? 0) + 1);
      submitAnswer(state, { userId: "ann", questionIndex: i, answer: { kind: "truefalse", value: true }, now: opensAt });
      last = closeQuestion(state, { now: opensAt + 10_000, revealMs: 1 }).find((r) => r.userId === "ann")!.points;
      showLeaderboard(state, { now: opensAt + 10_001, leaderboardMs: 1 });
    }
    expect(last).toBe(1500);
  });

  it("scores number questions by closeness; the closest guess counts as right", () => {
    const state = round([number]);
    const opensAt = open(state);
    submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "number", value: 8 }, now: opensAt });
    submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "number", value: 11 }, now: opensAt });
    submitAnswer(state, { userId: "cat", questionIndex: 0, answer: { kind: "number", value: 60 }, now: opensAt });
    const results = closeQuestion(state, { now: opensAt + 10_000, revealMs: 1 });
    expect(results.map((r) => [r.userId, r.correct, r.points])).toEqual([
      ["ann", true, 800],
      ["bob", false, 500],
      ["cat", false, 0],
    ]);
    // The reveal names the closest guess (not the exact answer) and everyone's points, most first.
    const reveal = publicView(state).reveal!;
    expect(reveal.closestGuess).toBe(8);
    expect(reveal.points.map((p) => [p.userId, p.points, p.correct])).toEqual([
      ["ann", 800, true],
      ["bob", 500, false],
      ["cat", 0, false],
    ]);
  });

  it("accepts an order only as a full permutation and marks it right only in the right order", () => {
    const state = round([order]);
    const opensAt = open(state);
    const key = state.questions[0]!.orderKey;
    expect(state.questions[0]!.display).not.toEqual(order.kind === "order" ? order.items : []);
    expect(() => submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "order", order: [0, 0, 1] }, now: opensAt })).toThrow(/exactly once/);
    submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "order", order: key }, now: opensAt });
    submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "order", order: [...key].reverse() }, now: opensAt });
    const results = closeQuestion(state, { now: opensAt + 10_000, revealMs: 1 });
    expect(results.map((r) => r.correct)).toEqual([true, false, false]);
    expect(publicView(state).reveal?.answer).toEqual({ kind: "order", items: ["first", "second", "third"] });
  });

  it("matches typed answers leniently", () => {
    const state = round([typed]);
    const opensAt = open(state);
    submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "text", text: "  renee " }, now: opensAt });
    submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "text", text: "Rachel" }, now: opensAt });
    expect(closeQuestion(state, { now: opensAt + 1, revealMs: 1 }).map((r) => r.correct)).toEqual([true, false, false]);
  });

  it("closes early only when everyone still present has answered", () => {
    const state = round([truth]);
    const opensAt = open(state);
    const present = new Set(["ann", "bob"]);
    submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "truefalse", value: true }, now: opensAt });
    expect(everyoneAnswered(state, present)).toBe(false);
    submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "truefalse", value: true }, now: opensAt });
    expect(everyoneAnswered(state, present)).toBe(true); // Cat left the room
  });

  it("lets a player who joined mid-question play from the next one, and ranks ties together", () => {
    const state = round([truth, { ...truth, id: "t2" }]);
    open(state);
    const late = { userId: "dan", name: "Dan" };
    expect(playerView(state, "dan").canAnswer).toBe(false);
    closeQuestion(state, { now: 20_000, revealMs: 1 });
    showLeaderboard(state, { now: 20_001, leaderboardMs: 1 });
    openQuestion(state, { now: 20_002, present: [...people, late] });
    expect(playerView(state, "dan").canAnswer).toBe(true);
    expect(standings(state).every((s) => s.rank === 1)).toBe(true);
  });

  it("shows the same top ten and each player's own standing in a big round as a full sort gives", () => {
    const crowd = Array.from({ length: 300 }, (_, i) => ({ userId: `u${i}`, name: `Player ${i % 37}` }));
    const state = round([number]);
    openQuestion(state, { now: 0, present: crowd });
    crowd.forEach(({ userId }, i) => {
      if (i % 7 !== 0) submitAnswer(state, { userId, questionIndex: 0, answer: { kind: "number", value: (i * 13) % 17 }, now: state.opensAt! + ((i * 31) % 9000) });
    });
    const results = closeQuestion(state, { now: 20_000, revealMs: 1 });
    const sorted = [...results].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name)).slice(0, 10);
    const ranked = standings(state);
    expect(publicView(state, ranked)).toEqual(publicView(state));
    expect(publicView(state).reveal!.points.map((p) => p.userId)).toEqual(sorted.map((r) => r.userId));
    for (const { userId } of crowd.slice(0, 40)) {
      const mine = results.find((r) => r.userId === userId)!;
      expect(playerView(state, userId)).toMatchObject({
        rank: ranked.find((s) => s.userId === userId)!.rank,
        last: { correct: mine.correct, points: mine.points, answered: mine.answer !== null },
      });
    }
  });
});
