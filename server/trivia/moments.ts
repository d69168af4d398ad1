/**
 * Questions pinned to episode moments, pure (no I/O). A host pins a question
 * of the deck at {episode, positionMs} in the party's live round; each viewer
 * is shown it when their own player reaches that moment (the panel beside the
 * player, or the room page on the party clock) and reports it; their answer is
 * timed from their own showing, with the round's time per question, once each.
 * Results are stored as TriviaAnswer rows at `MOMENT_INDEX_BASE + pin.number`,
 * so they join the round's and the party's leaderboards.
 */
import { AppError } from "../errors";
import {
  checkShape,
  isRight,
  publicQuestion,
  type AnswerInput,
  type Pin,
  type PublicQuestion,
  type ResultRow,
  type RoundState,
} from "./round";
import { closeness, speedPoints } from "./scoring";

export type { Pin };

/** What every member is sent: never the answer. */
export interface PublicMoment {
  pinId: string;
  episode: number;
  positionMs: number;
  secondsPerQuestion: number;
  question: PublicQuestion;
}

/** Pins per round (a round's results per pin are rows of their own). */
export const MAX_PINS = 20;
/** Result rows of pinned questions sit above every played question's index. */
export const MOMENT_INDEX_BASE = 1000;
/**
 * How far ahead of the party clock a viewer's player may be when it reports a
 * moment shown (a player a little ahead of the clock, a seek in flight): an
 * earlier report is refused, so nobody starts the timer before the moment.
 */
export const SHOWN_TOLERANCE_MS = 5000;

export const momentIndex = (pin: Pin) => MOMENT_INDEX_BASE + pin.number;

export function publicMoments(state: RoundState): PublicMoment[] {
  return state.pins.map((pin) => ({
    pinId: pin.id,
    episode: pin.episode,
    positionMs: pin.positionMs,
    secondsPerQuestion: state.settings.secondsPerQuestion,
    question: publicQuestion(pin.question),
  }));
}

const roundOver = () => new AppError("TOO_LATE", "That round is over.");

/** Adds a pin to a live round (not at its podium). */
export function addPin(state: RoundState, pin: Omit<Pin, "number">): Pin {
  if (state.phase === "podium") throw roundOver();
  if (state.pins.length >= MAX_PINS) throw new AppError("CONFLICT", `A round holds at most ${MAX_PINS} pinned questions.`);
  const added = { ...pin, number: state.pins.length };
  state.pins.push(added);
  return added;
}

export function findPin(state: RoundState, pinId: string): Pin {
  const pin = state.pins.find((p) => p.id === pinId);
  if (!pin) throw new AppError("NOT_FOUND", "No question is pinned there.");
  return pin;
}

/** Whether the pin may be shown now: its round still runs and the party has reached its moment (within the tolerance). */
export function checkReached(state: RoundState, pin: Pin, clock: { episode: number; positionMs: number } | null): void {
  if (state.phase === "podium") throw roundOver();
  const reached =
    clock !== null && (clock.episode > pin.episode || (clock.episode === pin.episode && clock.positionMs >= pin.positionMs - SHOWN_TOLERANCE_MS));
  if (!reached) throw new AppError("CONFLICT", "The party has not reached this question's moment yet.");
}

/**
 * Scores one answer to a pinned question, timed from when it was shown to
 * this person. The caller checks that they have not answered it already.
 */
export function scoreMoment(
  state: RoundState,
  options: { pin: Pin; userId: string; name: string; answer: AnswerInput; shownAtMs: number | null; now: number },
): ResultRow {
  const { pin, answer, shownAtMs, now } = options;
  if (state.phase === "podium") throw roundOver();
  if (shownAtMs === null) throw new AppError("CONFLICT", "This question has not been shown to you yet.");
  if (state.spectators.has(options.userId)) throw new AppError("FORBIDDEN", "You are watching this round without playing.");
  const windowMs = state.settings.secondsPerQuestion * 1000;
  const elapsedMs = Math.max(0, Math.round(now - shownAtMs));
  if (elapsedMs > windowMs) throw new AppError("TOO_LATE", "Time is up for this question.");
  checkShape(pin.question, answer);
  const q = pin.question.question;
  const speed = speedPoints(elapsedMs, windowMs);
  let correct: boolean;
  let points: number;
  if (q.kind === "number" && answer.kind === "number") {
    const near = closeness(answer.value, q.answer, q.tolerance);
    correct = near > 0;
    points = Math.round(speed * near);
  } else {
    correct = isRight(pin.question, answer);
    points = correct ? speed : 0;
  }
  return { questionIndex: momentIndex(pin), questionId: q.id, userId: options.userId, playerName: options.name, answer, correct, points, elapsedMs };
}

/** Adds a scored pinned answer to the player's standing in the live round. */
export function countMoment(state: RoundState, row: ResultRow): void {
  const player = state.players.get(row.userId) ?? { userId: row.userId, name: row.playerName, score: 0, streak: 0, correct: 0, answered: 0 };
  player.score += row.points;
  player.answered += 1;
  if (row.correct) player.correct += 1;
  state.players.set(row.userId, player);
}
