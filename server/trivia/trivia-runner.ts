/**
 * Runs the live trivia rounds of this process: one round per party at a time.
 * It holds each round's state (round.ts), keeps the timers that move a round
 * from phase to phase, stores every question's results before they are
 * revealed, and hands views to a publisher (Socket.IO in production).
 */
import type { Logger } from "pino";
import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import { createKeyedQueue } from "../room/keyed-queue";
import { partyCancelled } from "../room/room-closed";
import type { Question } from "./question";
import {
  addPlayers,
  closeQuestion,
  createRound,
  everyoneAnswered,
  finishRound,
  hasNextQuestion,
  openQuestion,
  playerView,
  publicView,
  rankMap,
  showLeaderboard,
  standings,
  submitAnswer,
  type AnswerInput,
  type PlayerView,
  type PublicRoundView,
  type RoundState,
} from "./round";
import type { DeckName, TriviaRepository } from "./trivia";

export interface TriviaTimings {
  /** The read phase before answers open. */
  readMs: number;
  revealMs: number;
  leaderboardMs: number;
}

export const DEFAULT_TIMINGS: TriviaTimings = { readMs: 3000, revealMs: 6000, leaderboardMs: 5000 };

export interface TriviaPublisher {
  /** To everyone in the party's room; null when the round is over and closed. */
  round(partyId: string, view: PublicRoundView | null): void;
  /** To one player's connections in the room. */
  player(partyId: string, userId: string, view: PlayerView): void;
}

export interface TriviaRunnerDeps {
  repository: TriviaRepository;
  /** Who is connected to the room now. */
  present(partyId: string): Promise<Array<{ userId: string; name: string }>>;
  publisher: TriviaPublisher;
  logger: Logger;
  now: () => number;
  random?: () => number;
  timings?: Partial<TriviaTimings>;
}

export type TriviaRunner = ReturnType<typeof createTriviaRunner>;

const HOSTS: ReadonlySet<PartyRole> = new Set(["host", "cohost"]);

export function assertCanRunTrivia(role: PartyRole): void {
  if (!HOSTS.has(role)) throw new AppError("FORBIDDEN", "Only the host or a co-host can run trivia.");
}

export function createTriviaRunner(deps: TriviaRunnerDeps) {
  const timings: TriviaTimings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const random = deps.random ?? Math.random;
  const rounds = new Map<string, RoundState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const serial = createKeyedQueue();

  function publish(state: RoundState): void {
    deps.publisher.round(state.partyId, publicView(state));
    const ranks = rankMap(standings(state));
    for (const userId of state.players.keys()) deps.publisher.player(state.partyId, userId, playerView(state, userId, ranks));
  }

  function schedule(partyId: string, at: number | null, step: (state: RoundState) => Promise<void>): void {
    clearTimeout(timers.get(partyId));
    timers.delete(partyId);
    if (at === null) return;
    const timer = setTimeout(() => {
      timers.delete(partyId);
      void serial(partyId, async () => {
        const state = rounds.get(partyId);
        if (state) await step(state);
      }).catch((err: unknown) => deps.logger.error({ err, partyId }, "trivia step failed"));
    }, Math.max(0, at - deps.now()));
    timers.set(partyId, timer);
  }

  async function open(state: RoundState): Promise<void> {
    openQuestion(state, { now: deps.now(), present: await deps.present(state.partyId) });
    schedule(state.partyId, state.closesAt, close);
    publish(state);
  }

  async function close(state: RoundState): Promise<void> {
    if (state.phase !== "question") return;
    const results = closeQuestion(state, { now: deps.now(), revealMs: timings.revealMs });
    const questionId = state.questions[state.index]!.question.id;
    // Stored before anyone sees the reveal.
    await deps.repository.saveResults(
      state.id,
      results.map((r) => ({ questionIndex: state.index, questionId, userId: r.userId, playerName: r.name, answer: r.answer, correct: r.correct, points: r.points, elapsedMs: r.elapsedMs })),
    );
    schedule(state.partyId, state.phaseEndsAt, leaderboard);
    publish(state);
  }

  async function leaderboard(state: RoundState): Promise<void> {
    showLeaderboard(state, { now: deps.now(), leaderboardMs: timings.leaderboardMs });
    schedule(state.partyId, state.phaseEndsAt, advance);
    publish(state);
  }

  async function advance(state: RoundState): Promise<void> {
    if (hasNextQuestion(state)) return open(state);
    finishRound(state);
    schedule(state.partyId, null, advance);
    await deps.repository.endRound(state.id, new Date(deps.now()));
    publish(state);
  }

  /** Closes the open question early once everyone still in the room has answered it. */
  async function closeIfEveryoneAnswered(state: RoundState): Promise<void> {
    const present = new Set((await deps.present(state.partyId)).map((p) => p.userId));
    if (!everyoneAnswered(state, present)) return;
    const index = state.index;
    void serial(state.partyId, async () => {
      if (rounds.get(state.partyId) === state && state.phase === "question" && state.index === index) await close(state);
    }).catch((err: unknown) => deps.logger.error({ err, partyId: state.partyId }, "closing a question failed"));
  }

  /** Stops the party's round now (results so far stay stored) and tells the room it is gone. */
  async function finish(partyId: string, state: RoundState): Promise<void> {
    schedule(partyId, null, advance);
    rounds.delete(partyId);
    if (state.phase !== "podium") await deps.repository.endRound(state.id, new Date(deps.now()));
    deps.publisher.round(partyId, null);
  }

  function current(partyId: string): RoundState {
    const state = rounds.get(partyId);
    if (!state) throw new AppError("NOT_FOUND", "No trivia round is running in this party.");
    return state;
  }

  return {
    /** Opens a round's lobby; the host's `next` shows the first question. */
    async start(input: {
      partyId: string;
      startedById: string;
      deckName: DeckName;
      deck: readonly Question[];
      questionCount: number;
      secondsPerQuestion: number;
    }): Promise<PublicRoundView> {
      return serial(input.partyId, async () => {
        const running = rounds.get(input.partyId);
        if (running && running.phase !== "podium") throw new AppError("CONFLICT", "A round is already running: end it first.");
        const questionCount = Math.min(input.questionCount, input.deck.length);
        const created = await deps.repository.createRound({
          partyId: input.partyId,
          deck: input.deckName,
          questionCount,
          secondsPerQuestion: input.secondsPerQuestion,
          startedById: input.startedById,
        });
        if (!created) throw partyCancelled();
        const { id } = created;
        const state = createRound({
          id,
          partyId: input.partyId,
          deck: input.deck,
          settings: { questionCount, secondsPerQuestion: input.secondsPerQuestion, readMs: timings.readMs },
          random,
        });
        addPlayers(state, await deps.present(input.partyId));
        schedule(input.partyId, null, advance);
        rounds.set(input.partyId, state);
        publish(state);
        return publicView(state);
      });
    },

    /** The host moves on: lobby → first question, question → reveal, reveal → leaderboard, leaderboard → next. */
    async next(partyId: string): Promise<PublicRoundView> {
      return serial(partyId, async () => {
        const state = current(partyId);
        if (state.phase === "lobby" || state.phase === "leaderboard") await advance(state);
        else if (state.phase === "question") await close(state);
        else if (state.phase === "reveal") await leaderboard(state);
        else throw new AppError("CONFLICT", "The round is over: start a new one.");
        return publicView(state);
      });
    },

    /** Ends the round now (results so far stay stored) and clears it from the room. */
    async end(partyId: string): Promise<void> {
      await serial(partyId, () => finish(partyId, current(partyId)));
    },

    /** The party's room closed (cancelled): its round, if one is running, ends now. */
    async close(partyId: string): Promise<void> {
      await serial(partyId, async () => {
        const state = rounds.get(partyId);
        if (state) await finish(partyId, state);
      });
    },

    /** One answer, timed on arrival. Closes the question when everyone present has answered. */
    async answer(input: { partyId: string; userId: string; roundId: string; questionIndex: number; answer: AnswerInput }): Promise<{ elapsedMs: number }> {
      const state = current(input.partyId);
      if (state.id !== input.roundId) throw new AppError("TOO_LATE", "That round is over.");
      const result = submitAnswer(state, { ...input, now: deps.now() });
      await closeIfEveryoneAnswered(state);
      return result;
    },

    /** Someone's last connection left the room: the question may now have every answer it waits for. */
    left(partyId: string): void {
      const state = rounds.get(partyId);
      if (state?.phase !== "question") return;
      closeIfEveryoneAnswered(state).catch((err: unknown) => deps.logger.error({ err, partyId }, "checking a question after a leave failed"));
    },

    /** Someone came into the room: in the lobby they join the round at once (later, from the next question). */
    joined(partyId: string, person: { userId: string; name: string }): void {
      const state = rounds.get(partyId);
      if (state?.phase !== "lobby" || state.players.has(person.userId)) return;
      addPlayers(state, [person]);
      publish(state);
    },

    /** The round as a (re)joining player should see it now. */
    sync(partyId: string, userId: string): { round: PublicRoundView | null; you: PlayerView | null } {
      const state = rounds.get(partyId);
      if (!state) return { round: null, you: null };
      return { round: publicView(state), you: playerView(state, userId) };
    },

    /** How many rounds this process runs now (for /metrics). */
    roundsHeld(): number {
      return [...rounds.values()].filter((state) => state.phase !== "podium").length;
    },

    /** Stops every timer (the server is closing). */
    stop(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      rounds.clear();
    },
  };
}
