/**
 * A trivia round as a pure state machine: no timers, no I/O. The runner
 * (trivia-runner.ts) calls these functions at the right instants inside a
 * transaction on the round's row, stores the state and results, and
 * broadcasts `publicView` / `playerView`. The answer key lives only
 * in `RoundQuestion.key` and leaves through `publicView` from the reveal on.
 */
import { AppError } from "../errors";
import { matchesTypedAnswer, type Question, type Source } from "./question";
import { closeness, rankByScore, speedPoints, streakBonus } from "./scoring";

export type Phase = "lobby" | "question" | "reveal" | "leaderboard" | "podium";

/** Why a question closed: its time ran out, everyone present had answered, or a host closed it early. */
export type CloseReason = "time" | "everyone" | "host";

/** Where a round is: what a host's command says it moves on from (a repeated or late command then changes nothing). */
export interface RoundStep {
  roundId: string;
  phase: Phase;
  index: number;
}

export type AnswerInput =
  | { kind: "choice"; option: number }
  | { kind: "truefalse"; value: boolean }
  | { kind: "number"; value: number }
  | { kind: "order"; order: number[] }
  | { kind: "text"; text: string };

/** What players see of a question before the reveal: never the answer. */
export type PublicQuestion =
  | { kind: "choice"; prompt: string; options: string[] }
  | { kind: "truefalse"; prompt: string }
  | { kind: "number"; prompt: string; unit: string | null }
  | { kind: "order"; prompt: string; items: string[] }
  | { kind: "text"; prompt: string };

/** The right answer, in the terms players answered in. */
export type RevealedAnswer =
  | { kind: "choice"; option: number; text: string }
  | { kind: "truefalse"; value: boolean }
  | { kind: "number"; value: number; unit: string | null }
  | { kind: "order"; items: string[] }
  | { kind: "text"; text: string };

export interface RoundQuestion {
  question: Question;
  /** Options (choice) or items (order) in the order players see them. */
  display: string[];
  /** Choice: the right option's index in `display`. */
  choiceKey: number;
  /** Order: indexes into `display`, in the right order. */
  orderKey: number[];
}

export interface Player {
  userId: string;
  name: string;
  score: number;
  streak: number;
  correct: number;
  answered: number;
}

export interface QuestionResult {
  userId: string;
  name: string;
  answer: AnswerInput | null;
  correct: boolean;
  points: number;
  elapsedMs: number | null;
}

export interface RoundSettings {
  questionCount: number;
  secondsPerQuestion: number;
  /** The short read phase before answers open. */
  readMs: number;
}

export interface RoundState {
  id: string;
  partyId: string;
  settings: RoundSettings;
  questions: RoundQuestion[];
  phase: Phase;
  /** The current question (-1 in the lobby). */
  index: number;
  opensAt: number | null;
  closesAt: number | null;
  closedAt: number | null;
  /** When the runner moves on from the reveal or leaderboard (null: it waits for the host). */
  phaseEndsAt: number | null;
  /** Who may answer the current question: those present when it opened. */
  participants: Set<string>;
  /** People in the room who watch the round without playing (a host who chose not to play along). */
  spectators: Set<string>;
  /** Why the current question closed (from the reveal on). */
  closedBy: CloseReason | null;
  answers: Map<string, { answer: AnswerInput; elapsedMs: number }>;
  players: Map<string, Player>;
  results: QuestionResult[];
  /** Questions pinned to episode moments (moments.ts): each viewer is asked when their own player gets there. */
  pins: Pin[];
}

export interface Standing {
  rank: number;
  userId: string;
  name: string;
  score: number;
  correct: number;
}

export interface PublicRoundView {
  roundId: string;
  phase: Phase;
  index: number;
  total: number;
  secondsPerQuestion: number;
  question: PublicQuestion | null;
  opensAt: number | null;
  closesAt: number | null;
  closedAt: number | null;
  /** Why the question closed (from the reveal on): "everyone" only when every player present had answered. */
  closedBy: CloseReason | null;
  phaseEndsAt: number | null;
  participants: number;
  answeredCount: number;
  /** From the reveal on. */
  reveal: {
    answer: RevealedAnswer;
    sources: Source[];
    /** Choice: answers per option; true/false: [true, false]; otherwise [right, wrong]. */
    counts: number[];
    noAnswer: number;
    /** Number questions: the guess that scored as right (the closest within the tolerance), null when none did. */
    closestGuess: number | null;
    /** Each player's points for this question, most first (the top ten). */
    points: Array<{ userId: string; name: string; points: number; correct: boolean; answered: boolean }>;
  } | null;
  /** From the reveal on: the top ten. */
  leaderboard: Standing[];
  players: number;
}

export interface PlayerView {
  roundId: string;
  index: number;
  answered: boolean;
  score: number;
  rank: number | null;
  streak: number;
  /** This player's result for the current question, from the reveal on. */
  last: { correct: boolean; points: number; answered: boolean } | null;
  /** Whether this player may answer the current question. */
  canAnswer: boolean;
  /** This player's own answer to the current question, once given (never the key). */
  yourAnswer: AnswerInput | null;
  /** False for someone watching the round without playing (a host who chose not to play). */
  playing: boolean;
}

export const LEADERBOARD_SIZE = 10;

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Shuffles options and items so that a position gives nothing away. */
export function prepareQuestion(question: Question, random: () => number): RoundQuestion {
  if (question.kind === "choice") {
    const order = shuffle(question.options.map((_, i) => i), random);
    return { question, display: order.map((i) => question.options[i]!), choiceKey: order.indexOf(question.answer), orderKey: [] };
  }
  if (question.kind === "order") {
    let order = shuffle(question.items.map((_, i) => i), random);
    // Never show the items already in the right order.
    if (order.every((v, i) => v === i)) order = [...order.slice(1), order[0]!];
    return { question, display: order.map((i) => question.items[i]!), choiceKey: -1, orderKey: question.items.map((_, i) => order.indexOf(i)) };
  }
  return { question, display: [], choiceKey: -1, orderKey: [] };
}

export function createRound(options: {
  id: string;
  partyId: string;
  deck: readonly Question[];
  settings: RoundSettings;
  random: () => number;
  /** Who watches without playing. */
  spectators?: Iterable<string>;
}): RoundState {
  const picked = shuffle(options.deck, options.random).slice(0, options.settings.questionCount);
  return {
    id: options.id,
    partyId: options.partyId,
    settings: { ...options.settings, questionCount: picked.length },
    questions: picked.map((q) => prepareQuestion(q, options.random)),
    phase: "lobby",
    index: -1,
    opensAt: null,
    closesAt: null,
    closedAt: null,
    phaseEndsAt: null,
    participants: new Set(),
    spectators: new Set(options.spectators ?? []),
    closedBy: null,
    answers: new Map(),
    players: new Map(),
    results: [],
    pins: [],
  };
}

/** Adds people to the round (a late joiner plays from the next question). */
export function addPlayers(state: RoundState, people: Array<{ userId: string; name: string }>): void {
  for (const { userId, name } of people) {
    if (state.spectators.has(userId)) continue;
    const player = state.players.get(userId);
    if (player) player.name = name;
    else state.players.set(userId, { userId, name, score: 0, streak: 0, correct: 0, answered: 0 });
  }
}

/** Whether the round is where a command says it is (the same round, phase and question). */
export function isAt(state: { id: string; phase: string; index: number }, step: RoundStep): boolean {
  return state.id === step.roundId && state.phase === step.phase && state.index === step.index;
}

export function hasNextQuestion(state: RoundState): boolean {
  return state.index + 1 < state.questions.length;
}

/** Shows the next question; answers open after the read phase. */
export function openQuestion(state: RoundState, options: { now: number; present: Array<{ userId: string; name: string }> }): void {
  if (!hasNextQuestion(state)) throw new AppError("CONFLICT", "There are no questions left in this round.");
  addPlayers(state, options.present);
  state.index += 1;
  state.phase = "question";
  state.opensAt = options.now + state.settings.readMs;
  state.closesAt = state.opensAt + state.settings.secondsPerQuestion * 1000;
  state.closedAt = null;
  state.closedBy = null;
  state.phaseEndsAt = state.closesAt;
  state.participants = new Set(options.present.map((p) => p.userId).filter((userId) => !state.spectators.has(userId)));
  state.answers = new Map();
  state.results = [];
}

export function checkShape(rq: RoundQuestion, answer: AnswerInput): void {
  const kind = rq.question.kind;
  if (answer.kind !== kind) throw new AppError("VALIDATION_FAILED", `This question takes a ${kind} answer, not a ${answer.kind} one.`, { answer: "wrong kind" });
  if (answer.kind === "choice" && answer.option >= rq.display.length) {
    throw new AppError("VALIDATION_FAILED", `Pick one of the ${rq.display.length} options (0 to ${rq.display.length - 1}).`, { "answer.option": "out of range" });
  }
  if (answer.kind === "order") {
    const n = rq.display.length;
    const valid = answer.order.length === n && new Set(answer.order).size === n && answer.order.every((i) => i < n);
    if (!valid) throw new AppError("VALIDATION_FAILED", `Give every item (0 to ${n - 1}) exactly once.`, { "answer.order": "not a full order" });
  }
}

export const ALREADY_ANSWERED = "You have already answered this question.";

export const notOpenForAnswers = (questionIndex: number) => new AppError("TOO_LATE", `Question ${questionIndex + 1} is not open for answers.`);

/**
 * Whether one player's answer may be taken now, timed by the server; it
 * records nothing. Whether they already answered is for the caller (the
 * runner's store says so: a second answer is a conflict there).
 */
export function checkAnswer(
  state: RoundState,
  options: { userId: string; questionIndex: number; answer: AnswerInput; now: number },
): { elapsedMs: number } {
  const { userId, questionIndex, answer, now } = options;
  if (state.phase !== "question" || questionIndex !== state.index) throw notOpenForAnswers(questionIndex);
  if (now > state.closesAt!) throw new AppError("TOO_LATE", "Time is up for this question.");
  if (now < state.opensAt!) throw new AppError("CONFLICT", "Answers open when the question's read time ends.");
  if (!state.participants.has(userId)) {
    throw new AppError("FORBIDDEN", "You joined during this question: you can play from the next one.");
  }
  checkShape(state.questions[state.index]!, answer);
  return { elapsedMs: now - state.opensAt! };
}

/** Records one player's answer, timed by the server. */
export function submitAnswer(
  state: RoundState,
  options: { userId: string; questionIndex: number; answer: AnswerInput; now: number },
): { elapsedMs: number } {
  const checked = checkAnswer(state, options);
  if (state.answers.has(options.userId)) throw new AppError("CONFLICT", ALREADY_ANSWERED);
  state.answers.set(options.userId, { answer: options.answer, elapsedMs: checked.elapsedMs });
  return checked;
}

/** True when every participant still present has answered: the question can close early. */
export function everyoneAnswered(state: RoundState, present: ReadonlySet<string>): boolean {
  if (state.phase !== "question") return false;
  let waiting = 0;
  for (const userId of state.participants) if (present.has(userId) && !state.answers.has(userId)) waiting++;
  return waiting === 0 && state.answers.size > 0;
}

export function isRight(rq: RoundQuestion, answer: AnswerInput): boolean {
  const q = rq.question;
  switch (answer.kind) {
    case "choice":
      return answer.option === rq.choiceKey;
    case "truefalse":
      return q.kind === "truefalse" && answer.value === q.answer;
    case "order":
      return answer.order.every((v, i) => v === rq.orderKey[i]);
    case "text":
      return q.kind === "text" && matchesTypedAnswer(q.accepted, answer.text);
    case "number":
      return false; // graded against the other guesses in closeQuestion
  }
}

/** Closes the answer window, scores every participant and moves to the reveal. */
export function closeQuestion(state: RoundState, options: { now: number; revealMs: number | null; reason?: CloseReason }): QuestionResult[] {
  if (state.phase !== "question") throw new AppError("CONFLICT", "No question is open.");
  const rq = state.questions[state.index]!;
  const q = rq.question;
  const windowMs = state.settings.secondsPerQuestion * 1000;

  // Number questions: the closest guesses (within the tolerance) count as right.
  let closest = Number.POSITIVE_INFINITY;
  if (q.kind === "number") {
    for (const { answer } of state.answers.values()) {
      if (answer.kind === "number" && closeness(answer.value, q.answer, q.tolerance) > 0) closest = Math.min(closest, Math.abs(answer.value - q.answer));
    }
  }

  const results: QuestionResult[] = [];
  for (const userId of state.participants) {
    const player = state.players.get(userId)!;
    const given = state.answers.get(userId);
    let correct = false;
    let points = 0;
    if (given) {
      player.answered += 1;
      const speed = speedPoints(given.elapsedMs, windowMs);
      if (q.kind === "number" && given.answer.kind === "number") {
        const near = closeness(given.answer.value, q.answer, q.tolerance);
        correct = near > 0 && Math.abs(given.answer.value - q.answer) === closest;
        points = Math.round(speed * near);
      } else {
        correct = isRight(rq, given.answer);
        points = correct ? speed : 0;
      }
    }
    player.streak = correct ? player.streak + 1 : 0;
    if (correct) {
      player.correct += 1;
      points += streakBonus(player.streak);
    }
    player.score += points;
    results.push({ userId, name: player.name, answer: given?.answer ?? null, correct, points, elapsedMs: given?.elapsedMs ?? null });
  }
  state.results = results;
  state.phase = "reveal";
  state.closedAt = options.now;
  state.closedBy = options.reason ?? "time";
  state.phaseEndsAt = options.revealMs === null ? null : options.now + options.revealMs;
  return results;
}

export function showLeaderboard(state: RoundState, options: { now: number; leaderboardMs: number | null }): void {
  if (state.phase !== "reveal") throw new AppError("CONFLICT", "The leaderboard follows a reveal.");
  state.phase = "leaderboard";
  state.phaseEndsAt = options.leaderboardMs === null ? null : options.now + options.leaderboardMs;
}

export function finishRound(state: RoundState): void {
  state.phase = "podium";
  state.phaseEndsAt = null;
}

/** Every player ranked (rankByScore). */
export function standings(state: RoundState): Standing[] {
  return rankByScore([...state.players.values()]).map(({ rank, userId, name, score, correct }) => ({ rank, userId, name, score, correct }));
}

export function publicQuestion(rq: RoundQuestion): PublicQuestion {
  const q = rq.question;
  switch (q.kind) {
    case "choice":
      return { kind: "choice", prompt: q.prompt, options: rq.display };
    case "order":
      return { kind: "order", prompt: q.prompt, items: rq.display };
    case "number":
      return { kind: "number", prompt: q.prompt, unit: q.unit ?? null };
    case "truefalse":
    case "text":
      return { kind: q.kind, prompt: q.prompt };
  }
}

export function revealedAnswer(rq: RoundQuestion): RevealedAnswer {
  const q = rq.question;
  switch (q.kind) {
    case "choice":
      return { kind: "choice", option: rq.choiceKey, text: rq.display[rq.choiceKey]! };
    case "truefalse":
      return { kind: "truefalse", value: q.answer };
    case "number":
      return { kind: "number", value: q.answer, unit: q.unit ?? null };
    case "order":
      return { kind: "order", items: q.items };
    case "text":
      return { kind: "text", text: q.accepted[0]! };
  }
}

export function answerCounts(rq: RoundQuestion, results: QuestionResult[]): number[] {
  if (rq.question.kind === "choice") {
    const counts = rq.display.map(() => 0);
    for (const r of results) if (r.answer?.kind === "choice") counts[r.answer.option] = (counts[r.answer.option] ?? 0) + 1;
    return counts;
  }
  if (rq.question.kind === "truefalse") {
    const yes = results.filter((r) => r.answer?.kind === "truefalse" && r.answer.value).length;
    const no = results.filter((r) => r.answer?.kind === "truefalse" && !r.answer.value).length;
    return [yes, no];
  }
  const right = results.filter((r) => r.correct).length;
  return [right, results.filter((r) => r.answer && !r.correct).length];
}

function closestGuess(results: QuestionResult[]): number | null {
  const right = results.find((r) => r.correct && r.answer?.kind === "number");
  return right?.answer?.kind === "number" ? right.answer.value : null;
}

const revealed = (phase: Phase) => phase === "reveal" || phase === "leaderboard" || phase === "podium";

/**
 * What everyone in the room is sent. Before the reveal it holds no answer key.
 * `ranked`: the standings, when the caller has them already.
 */
export function publicView(state: RoundState, ranked?: Standing[]): PublicRoundView {
  const rq = state.index >= 0 ? state.questions[state.index] : undefined;
  const showReveal = rq !== undefined && revealed(state.phase) && state.closedAt !== null;
  return {
    roundId: state.id,
    phase: state.phase,
    index: state.index,
    total: state.questions.length,
    secondsPerQuestion: state.settings.secondsPerQuestion,
    question: rq ? publicQuestion(rq) : null,
    opensAt: state.opensAt,
    closesAt: state.closesAt,
    closedAt: state.closedAt,
    closedBy: revealed(state.phase) ? state.closedBy : null,
    phaseEndsAt: state.phaseEndsAt,
    participants: state.participants.size,
    answeredCount: state.answers.size,
    reveal: showReveal
      ? {
          answer: revealedAnswer(rq),
          sources: rq.question.sources,
          counts: answerCounts(rq, state.results),
          noAnswer: state.results.filter((r) => r.answer === null).length,
          closestGuess: closestGuess(state.results),
          points: topResults(state.results).map((r) => ({ userId: r.userId, name: r.name, points: r.points, correct: r.correct, answered: r.answer !== null })),
        }
      : null,
    leaderboard: revealed(state.phase) ? (ranked ?? standings(state)).slice(0, LEADERBOARD_SIZE) : [],
    players: state.players.size,
  };
}

const byPoints = (a: QuestionResult, b: QuestionResult) => b.points - a.points || a.name.localeCompare(b.name);

/**
 * The question's best results, most points first (the top ten): one pass
 * that keeps the ten, not a sort of every result (5,000 in a big round).
 */
function topResults(results: readonly QuestionResult[]): QuestionResult[] {
  const top: QuestionResult[] = [];
  for (const r of results) {
    if (top.length === LEADERBOARD_SIZE && byPoints(r, top[top.length - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && byPoints(r, top[at - 1]!) < 0) at--;
    top.splice(at, 0, r);
    if (top.length > LEADERBOARD_SIZE) top.pop();
  }
  return top;
}

/** What every player's own view is read from, made once for all of them (playerViews). */
export interface PlayerLookup {
  ranks: ReadonlyMap<string, number>;
  results: ReadonlyMap<string, QuestionResult>;
}

export function playerLookup(state: RoundState, ranked: Standing[] = standings(state)): PlayerLookup {
  return { ranks: new Map(ranked.map((s) => [s.userId, s.rank])), results: new Map(state.results.map((r) => [r.userId, r])) };
}

/** What one player is sent: their own standing and whether they may answer. */
export function playerView(state: RoundState, userId: string, lookup: PlayerLookup = playerLookup(state)): PlayerView {
  const player = state.players.get(userId);
  const result = revealed(state.phase) ? lookup.results.get(userId) : undefined;
  return {
    roundId: state.id,
    index: state.index,
    answered: state.answers.has(userId),
    score: player?.score ?? 0,
    rank: lookup.ranks.get(userId) ?? null,
    streak: player?.streak ?? 0,
    last: result ? { correct: result.correct, points: result.points, answered: result.answer !== null } : null,
    canAnswer: state.phase === "question" && state.participants.has(userId) && !state.answers.has(userId),
    yourAnswer: state.index >= 0 ? (state.answers.get(userId)?.answer ?? null) : null,
    playing: !state.spectators.has(userId),
  };
}

/** One player's answer to one question, as the round's results keep it. */
export interface ResultRow {
  questionIndex: number;
  questionId: string;
  userId: string;
  playerName: string;
  answer: AnswerInput | null;
  correct: boolean;
  points: number;
  elapsedMs: number | null;
}

/** A question pinned to an episode moment (moments.ts): each viewer is asked when their own player gets there. */
export interface Pin {
  id: string;
  /** 0, 1, 2 … in the order pinned: the results' question index is MOMENT_INDEX_BASE + number. */
  number: number;
  episode: number;
  positionMs: number;
  question: RoundQuestion;
}
