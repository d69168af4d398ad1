import { describe, expect, it } from "vitest";
import { loadRound, resultRows, storeQuestions, storeRound } from "@/server/trivia/live-round";
import type { Question } from "@/server/trivia/question";
import { closeQuestion, createRound, openQuestion, playerView, publicView, submitAnswer } from "@/server/trivia/round";

const source = [{ article: "Test article", paragraph: 1, fact: "A fact." }];
const deck: Question[] = [
  { id: "c", kind: "choice", prompt: "Pick B", options: ["A", "B", "C", "D"], answer: 1, sources: source },
  { id: "t", kind: "truefalse", prompt: "True?", answer: true, sources: source },
];
const people = [
  { userId: "ann", name: "Ann" },
  { userId: "bob", name: "Bob" },
];
const timings = { revealMs: 5000, leaderboardMs: 4000 };

/** The row's JSON as the database gives it back (parsed JSON, no Maps or Sets). */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function stored(state: ReturnType<typeof createRound>) {
  const row = storeRound(state, timings);
  return { id: state.id, partyId: state.partyId, phase: row.phase, questionIndex: row.questionIndex, questions: throughJson(storeQuestions(state)), live: throughJson(row.live) };
}

describe("a live round as its row stores it", () => {
  it("reads back an open question with its stored answers, and a reveal with its stored results, to the same views", () => {
    const state = createRound({ id: "r1", partyId: "p1", deck, settings: { questionCount: 2, secondsPerQuestion: 10, readMs: 1000 }, random: () => 0.5 });
    openQuestion(state, { now: 0, present: people });
    expect(storeRound(state, timings)).toMatchObject({ phase: "question", questionIndex: 0, deadlineMs: state.closesAt });
    submitAnswer(state, { userId: "ann", questionIndex: 0, answer: { kind: "choice", option: state.questions[0]!.choiceKey }, now: 2000 });

    const open = loadRound({ ...stored(state), submissions: [{ userId: "ann", answer: { kind: "choice", option: state.questions[0]!.choiceKey }, elapsedMs: 1000 }], results: [] });
    expect(open.timings).toEqual(timings);
    expect(publicView(open.state)).toEqual(publicView(state));
    expect(playerView(open.state, "ann")).toEqual(playerView(state, "ann"));

    const results = closeQuestion(state, { now: 4000, revealMs: timings.revealMs });
    const revealed = loadRound({ ...stored(state), submissions: [], results: resultRows(state, results) });
    expect(publicView(revealed.state)).toEqual(publicView(state));
    for (const { userId } of people) expect(playerView(revealed.state, userId)).toEqual(playerView(state, userId));
  });

  it("stores each player once, compactly, and still reads a round stored with player objects and participant ids", () => {
    const state = createRound({ id: "r3", partyId: "p1", deck, settings: { questionCount: 2, secondsPerQuestion: 10, readMs: 1000 }, random: () => 0.5 });
    openQuestion(state, { now: 0, present: [...people, { userId: "cy", name: "Cy" }] });
    submitAnswer(state, { userId: "bob", questionIndex: 0, answer: { kind: "choice", option: state.questions[0]!.choiceKey }, now: 2000 });
    const results = closeQuestion(state, { now: 4000, revealMs: timings.revealMs });
    const row = stored(state);
    const live = row.live as { players: unknown[]; participants: unknown[] };
    expect(live.players).toEqual([...state.players.values()].map((p) => [p.userId, p.name, p.score, p.streak, p.correct, p.answered]));
    expect(live.participants).toEqual([0, 1, 2]);
    // The shape rounds were stored in before: the same round, the same views.
    const older = { ...row, live: { ...live, players: [...state.players.values()], participants: [...state.participants] } };
    for (const shape of [row, older]) {
      const loaded = loadRound({ ...shape, submissions: [], results: resultRows(state, results) });
      expect(publicView(loaded.state)).toEqual(publicView(state));
      for (const userId of ["ann", "bob", "cy"]) expect(playerView(loaded.state, userId)).toEqual(playerView(state, userId));
      expect(loaded.state.participants).toEqual(state.participants);
    }
    expect(() => loadRound({ ...row, live: { ...live, participants: [7] }, submissions: [], results: [] })).toThrow();
  });

  it("waits for nobody's deadline in the lobby and refuses a row it cannot run", () => {
    const state = createRound({ id: "r2", partyId: "p1", deck, settings: { questionCount: 1, secondsPerQuestion: 10, readMs: 1000 }, random: () => 0.5 });
    expect(storeRound(state, timings).deadlineMs).toBeNull();
    expect(() => loadRound({ ...stored(state), live: { players: "not a list" }, submissions: [], results: [] })).toThrow();
    expect(() => loadRound({ ...stored(state), phase: "intermission", submissions: [], results: [] })).toThrow();
  });
});
