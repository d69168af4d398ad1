/**
 * Runs the live trivia rounds. The database is the authority for a running
 * round: every transition (open, close and reveal, leaderboard, advance,
 * finish, end) is one transaction that locks the round's row, checks that the
 * round is where the caller expected it (id, version, phase, question),
 * applies round.ts and saves, then publishes. So any process can move any
 * round on, and a step never runs twice. The process that made a transition
 * keeps a timer for the round's next deadline; every process also sweeps for
 * rounds overdue by a short grace (their process died or was stopped) and
 * moves them on. docs/architecture.md, "Who runs a trivia round".
 */
import type { Logger } from "pino";
import { ZodError } from "zod";
import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import { newId } from "../db/new-id";
import { createKeyedQueue } from "../keyed-queue";
import { createAnsweredCounts } from "./answered-counts";
import { partyCancelled } from "../parties/party-cancelled";
import { loadRound, resultRows, revealedPhase, storeQuestions, storeRound, type PhaseTimings } from "./live-round";
import { addPin, checkReached, countMoment, findPin, momentIndex, publicMoments, scoreMoment, type PublicMoment } from "./moments";
import type { Question } from "./question";
import {
  ALREADY_ANSWERED,
  addPlayers,
  checkAnswer,
  closeQuestion,
  createRound,
  everyoneAnswered,
  finishRound,
  hasNextQuestion,
  isAt,
  notOpenForAnswers,
  openQuestion,
  playerLookup,
  playerView,
  prepareQuestion,
  publicView,
  showLeaderboard,
  standings,
  type AnswerInput,
  type CloseReason,
  type PlayerView,
  type PlayerLookup,
  type PublicRoundView,
  type RoundState,
  type RoundStep,
  type Standing,
} from "./round";
import type { DeckName, LockedRound, RoundWrite, TriviaRepository } from "./trivia";

export interface TriviaTimings {
  /** The read phase before answers open. */
  readMs: number;
  revealMs: number;
  leaderboardMs: number;
}

export const DEFAULT_TIMINGS: TriviaTimings = { readMs: 3000, revealMs: 6000, leaderboardMs: 5000 };

/**
 * "This party has no round", kept after a read finds none so that a burst of
 * joins to a party without trivia (each a `room:join` and the page's
 * `trivia:sync`) costs one read, not two per join. A round
 * started on this process forgets it at once, one started on another process
 * as soon as that process tells this one (`startedElsewhere`, before its host
 * is answered); `ttlMs` bounds how long a notice this process missed (Redis
 * away: `missedNotices` forgets them all) could leave it wrong.
 */
export const NO_ROUND_MEMO = { ttlMs: 30_000, limit: 10_000 } as const;

/** How often every process looks for overdue rounds, and how late a round must be before another process takes it. */
export const SWEEP = { intervalMs: 300, graceMs: 500 } as const;

export interface TriviaPublisher {
  /** To everyone in the party's room (on every process); null when the round is over and closed. */
  round(partyId: string, view: PublicRoundView | null): void;
  /** To one player's connections (on every process). */
  player(partyId: string, userId: string, view: PlayerView): void;
  /** To everyone in the room: how many have answered the open question so far (between transitions; at most one a room every ANSWERED_COUNT_EVERY_MS). */
  answered?(partyId: string, count: { roundId: string; index: number; answeredCount: number }): void;
  /** To everyone in the room (and their linked extensions): the round's questions pinned to episode moments. */
  moments?(partyId: string, moments: { roundId: string; moments: PublicMoment[] }): void;
  /**
   * To the other processes: a round started in the party (each forgets that it had none,
   * `startedElsewhere`). Resolves once they know, or gave up waiting; never rejects.
   */
  started?(notice: { partyId: string; roundId: string }): Promise<void>;
}

export interface TriviaRunnerDeps {
  repository: TriviaRepository;
  /** Who is connected to the room now, on every process. */
  present(partyId: string): Promise<Array<{ userId: string; name: string }>>;
  publisher: TriviaPublisher;
  logger: Logger;
  /** The servers' shared time base. */
  now: () => number;
  random?: () => number;
  timings?: Partial<TriviaTimings>;
}

export type TriviaRunner = ReturnType<typeof createTriviaRunner>;

const HOSTS: ReadonlySet<PartyRole> = new Set(["host", "cohost"]);

export function assertCanRunTrivia(role: PartyRole): void {
  if (!HOSTS.has(role)) throw new AppError("FORBIDDEN", "Only the host or a co-host can run trivia.");
}

const noRound = () => new AppError("NOT_FOUND", "No trivia round is running in this party.");

/** A round as this process last saw it, at one version (never changed in place). */
interface Known {
  state: RoundState;
  timings: PhaseTimings;
  version: number;
}

type Step = { write: RoundWrite | null; value: Known | null };

/** How many parties' rounds this process keeps in memory before it forgets those on their podium (read again on demand). */
export const KNOWN_ROUNDS_LIMIT = 1000;

export function createTriviaRunner(deps: TriviaRunnerDeps) {
  const timings: TriviaTimings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const random = deps.random ?? Math.random;
  const log = deps.logger;
  const repo = deps.repository;
  /** The last state this process saw per party: answers are checked against it, a transition starts from it. */
  const known = new Map<string, Known>();
  const loading = new Map<string, Promise<Known | null>>();
  /** The next deadline's timer of each round whose last transition this process made. */
  const timers = new Map<string, NodeJS.Timeout>();
  const serial = createKeyedQueue();
  const lobbyArrivals = new Map<string, Map<string, { userId: string; name: string }>>();
  const checks = new Map<string, "running" | "again">();
  /** Parties a read found without a round, until when that is trusted (NO_ROUND_MEMO); oldest first. */
  const roundless = new Map<string, number>();
  /** Rises with every start heard of: a read that began before one does not leave "no round" behind. */
  let startsHeard = 0;
  let stopped = false;
  /** The answered counts, paced per room; none for a question this process no longer has open. */
  const answeredCounts = createAnsweredCounts({
    send: (partyId, count) => deps.publisher.answered?.(partyId, count),
    stillOpen(partyId, { roundId, index }) {
      const state = known.get(partyId)?.state;
      return state?.id === roundId && state.phase === "question" && state.index === index;
    },
  });

  function noteRoundless(partyId: string): void {
    roundless.delete(partyId);
    roundless.set(partyId, performance.now() + NO_ROUND_MEMO.ttlMs);
    if (roundless.size > NO_ROUND_MEMO.limit) roundless.delete(roundless.keys().next().value!);
  }

  /** No round known here and a read found none not long ago. */
  function isRoundless(partyId: string): boolean {
    if (known.has(partyId)) return false;
    const until = roundless.get(partyId);
    if (until === undefined) return false;
    if (until > performance.now()) return true;
    roundless.delete(partyId);
    return false;
  }

  /** A round started in the party: "no round" is forgotten, and a read under way (maybe from before it) is not shared. */
  function heardStart(partyId: string): void {
    startsHeard++;
    roundless.delete(partyId);
    loading.delete(partyId);
  }

  function remember(partyId: string, next: Known | null): void {
    if (!next) return void known.delete(partyId);
    roundless.delete(partyId);
    const current = known.get(partyId);
    if (!current || current.state.id !== next.state.id || current.version <= next.version) known.set(partyId, next);
    if (known.size > KNOWN_ROUNDS_LIMIT) forgetFinished();
  }

  /** Rounds on their podium are kept only while few: another read of one costs a query, not a wrong answer. */
  function forgetFinished(): void {
    for (const [partyId, { state }] of known) {
      if (known.size <= KNOWN_ROUNDS_LIMIT / 2) return;
      if (state.phase === "podium" && !timers.has(partyId)) known.delete(partyId);
    }
  }

  /**
   * Every player ranked once per state (the leaderboard's top and each player's own rank):
   * a state is never changed once a transition returned it (the next one starts from a copy).
   */
  const ranking = new WeakMap<RoundState, { ranked: Standing[]; lookup: PlayerLookup }>();
  function rankingOf(state: RoundState) {
    let views = ranking.get(state);
    if (!views) {
      const ranked = standings(state);
      views = { ranked, lookup: playerLookup(state, ranked) };
      ranking.set(state, views);
    }
    return views;
  }

  function publish({ state }: Known): void {
    const { ranked, lookup } = rankingOf(state);
    deps.publisher.round(state.partyId, publicView(state, ranked));
    for (const userId of state.players.keys()) deps.publisher.player(state.partyId, userId, playerView(state, userId, lookup));
    // Those watching without playing are told so (their screen shows no answer tiles).
    for (const userId of state.spectators) deps.publisher.player(state.partyId, userId, playerView(state, userId, lookup));
  }

  /** Reads the party's shown round from the database (one read at a time per party). */
  function refresh(partyId: string): Promise<Known | null> {
    const inFlight = loading.get(partyId);
    if (inFlight) return inFlight;
    const read: Promise<Known | null> = (async () => {
      const heard = startsHeard;
      const row = await repo.findLiveRound(partyId);
      if (!row) {
        // Unless a round started while this read was under way: its answer may be from before.
        if (heard === startsHeard) noteRoundless(partyId);
        return null;
      }
      const results = revealedPhase(row.phase as RoundState["phase"]) ? await repo.questionResults(row.id, row.questionIndex) : [];
      const loaded = { ...loadRound({ ...row, submissions: [], results }), version: row.version };
      remember(partyId, loaded);
      return known.get(partyId) ?? loaded;
    })().finally(() => {
      if (loading.get(partyId) === read) loading.delete(partyId);
    });
    loading.set(partyId, read);
    return read;
  }

  /** The locked round's state: this process's copy when it is of this version, else read in the transaction. */
  async function stateOf(round: LockedRound): Promise<Known> {
    const mine = known.get(round.partyId);
    let next: Known;
    if (mine && mine.state.id === round.id && mine.version === round.version) {
      next = { state: structuredClone(mine.state), timings: mine.timings, version: round.version };
    } else {
      const row = await round.load();
      const revealed = revealedPhase(round.phase as RoundState["phase"]);
      next = { ...loadRound({ ...row, submissions: [], results: revealed ? await round.results(round.questionIndex) : [] }), version: round.version };
    }
    // An open question's answers come from every process: always the stored ones.
    if (next.state.phase === "question") {
      next.state.answers = new Map(
        (await round.submissions(round.questionIndex)).map((s) => [s.userId, { answer: s.answer as AnswerInput, elapsedMs: s.elapsedMs }]),
      );
    }
    return next;
  }

  const write = (known: Known, extra: Omit<RoundWrite, "round"> = {}): RoundWrite => ({ round: storeRound(known.state, known.timings), ...extra });

  /** The round's due step: lobby or leaderboard → next question (or podium), question → reveal, reveal → leaderboard. */
  async function advance(current: Known, reason: CloseReason = "time"): Promise<Step> {
    const { state } = current;
    const now = deps.now();
    if (state.phase === "lobby" || state.phase === "leaderboard") {
      if (!hasNextQuestion(state)) {
        finishRound(state);
        return { write: write(current, { endedAt: new Date(now) }), value: current };
      }
      openQuestion(state, { now, present: await deps.present(state.partyId) });
      return { write: write(current), value: current };
    }
    if (state.phase === "question") {
      const results = closeQuestion(state, { now, revealMs: current.timings.revealMs, reason });
      // Stored in the same transaction, before anyone sees the reveal.
      return { write: write(current, { results: resultRows(state, results) }), value: current };
    }
    if (state.phase === "reveal") {
      showLeaderboard(state, { now, leaderboardMs: current.timings.leaderboardMs });
      return { write: write(current), value: current };
    }
    throw new AppError("CONFLICT", "The round is over: start a new one.");
  }

  /** Ends a round that cannot be read back (stored by an incompatible version): its results stay. */
  function unreadable(round: LockedRound, error: unknown): Step {
    log.error({ err: error, partyId: round.partyId, roundId: round.id }, "a stored trivia round cannot be continued: ending it");
    return {
      write: { round: { phase: "podium", questionIndex: round.questionIndex, deadlineMs: null, live: null }, endedAt: new Date(deps.now()) },
      value: null,
    };
  }

  /**
   * One transition on the party's shown round (or an overdue one): locks its
   * row, runs `step` on its state, saves, then publishes and keeps the timer
   * for the next deadline. `step` returns null to change nothing.
   */
  async function transition(
    target: { partyId: string } | { overdueBefore: number },
    step: (round: LockedRound, current: () => Promise<Known>) => Promise<Step | null>,
  ): Promise<Known | null | "none"> {
    const outcome = await repo.transition<{ known: Known | null; cleared: string | null } | "none">(target, async (round) => {
      if (!round) return { write: null, value: "none" };
      let current: Known | undefined;
      const read = async () => (current ??= await stateOf(round));

      let result: Step | null;
      try {
        result = await step(round, read);
      } catch (error) {
        // The stored JSON is not a round this code can run: it ends, cleanly, rather than stay frozen.
        if (error instanceof ZodError) result = unreadable(round, error);
        else throw error;
      }
      if (!result) return { write: null, value: { known: null, cleared: null } };
      // Ranked while the database writes (5,000 players: ~15–40 ms), not after it.
      const ranked = result.value;
      if (ranked) setImmediate(() => rankingOf(ranked.state));
      const cleared = result.write?.round.live === null ? round.partyId : null;
      return { write: result.write, value: { known: result.value, cleared } };
    });
    const { value, version } = outcome;
    if (value === "none") return "none";
    if (version === null) return value.known;
    if (value.cleared) {
      answeredCounts.forget(value.cleared);
      clearTimer(value.cleared);
      known.delete(value.cleared);
      deps.publisher.round(value.cleared, null);
      return null;
    }
    const next = value.known!;
    next.version = version;
    remember(next.state.partyId, next);
    answeredCounts.forget(next.state.partyId);
    keepTimer(next);
    publish(next);
    return next;
  }

  function clearTimer(partyId: string): void {
    clearTimeout(timers.get(partyId));
    timers.delete(partyId);
  }

  /** This process made the round's last transition: it moves the round on at its next deadline (others sweep if it cannot). */
  function keepTimer(current: Known): void {
    const { partyId, id } = current.state;
    clearTimer(partyId);
    const deadline = storeRound(current.state, current.timings).deadlineMs;
    if (deadline === null || stopped) return;
    const { version } = current;
    const timer = setTimeout(() => {
      timers.delete(partyId);
      serial(partyId, () =>
        transition({ partyId }, async (round, read) => {
          // Fenced: someone else (a host, an early close, another process's sweep) moved it on already.
          if (round.id !== id || round.version !== version) return null;
          return advance(await read());
        }),
      ).catch((err: unknown) => log.error({ err, partyId }, "trivia step failed"));
    }, Math.max(0, deadline - deps.now()));
    timers.set(partyId, timer);
  }

  /** Moves on every round overdue by more than the grace: their process died, stopped, or is stuck. */
  async function sweep(): Promise<void> {
    for (let i = 0; i < 20 && !stopped; i++) {
      const moved = await transition({ overdueBefore: deps.now() - SWEEP.graceMs }, async (round, read) => {
        log.info({ partyId: round.partyId, roundId: round.id, phase: round.phase }, "taking over an overdue trivia round");
        return advance(await read());
      });
      if (moved === "none") return;
    }
  }
  let sweeping = false;
  const sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((err: unknown) => log.error({ err }, "trivia sweep failed"))
      .finally(() => (sweeping = false));
  }, SWEEP.intervalMs);
  sweeper.unref();

  /** The party's round with this id as this process knows it (read again when its copy is of another round). */
  async function refreshIfOther(partyId: string, roundId: string): Promise<Known> {
    let current = known.get(partyId);
    if (current?.state.id !== roundId) current = (await refresh(partyId)) ?? undefined;
    if (!current) throw noRound();
    if (current.state.id !== roundId) throw new AppError("TOO_LATE", "That round is over.");
    return current;
  }

  /** Closes the open question early once everyone still in the room (on any process) has answered it. */
  async function closeIfEveryoneAnswered(partyId: string): Promise<void> {
    const current = known.get(partyId) ?? (await refresh(partyId));
    if (current?.state.phase !== "question") return;
    const { id, index, participants } = current.state;
    const present = new Set((await deps.present(partyId)).map((p) => p.userId));
    const waitingFor = [...participants].filter((userId) => present.has(userId));
    // Fewer answers stored than people waited for cannot be everyone: the plain count settles most
    // checks while answers pour in, without sending every player's id to the database each time.
    const { total } = await repo.countSubmissions(id, index, []);
    if (total === 0) return;
    // Everyone sees the count move as answers arrive (paced: answered-counts.ts); not from a check
    // that closes the question, whose reveal carries the count to the same sockets a moment later.
    const tell = () => answeredCounts.tell(partyId, { roundId: id, index, answeredCount: total });
    if (total < waitingFor.length) return tell();
    const counts = await repo.countSubmissions(id, index, waitingFor);
    if (counts.among < waitingFor.length) return tell();
    const closed = await serial(partyId, () =>
      transition({ partyId }, async (round, read) => {
        if (round.id !== id || round.phase !== "question" || round.questionIndex !== index) return null;
        const state = await read();
        // Checked again under the lock, on the stored answers.
        if (!everyoneAnswered(state.state, present)) return null;
        return advance(state, "everyone");
      }),
    );
    // Not closed by this check (moved on already, or someone left or is still missing under the lock).
    if (closed === null) tell();
  }

  /**
   * Early-close checks, one at a time per party: answers that arrive while a
   * check runs share the one check after it.
   */
  function checkSoon(partyId: string): void {
    if (checks.has(partyId)) return void checks.set(partyId, "again");
    checks.set(partyId, "running");
    void (async () => {
      do {
        checks.set(partyId, "running");
        await closeIfEveryoneAnswered(partyId).catch((err: unknown) => log.error({ err, partyId }, "checking whether everyone answered failed"));
      } while (checks.get(partyId) === "again");
      checks.delete(partyId);
    })();
  }

  /** Ends the party's shown round now (results so far stay stored) and clears it from the room. */
  function clear(partyId: string) {
    return transition({ partyId }, async (round) => clearStep(round));
  }

  function clearStep(round: LockedRound): Step {
    return {
      write: {
        round: { phase: round.phase as RoundState["phase"], questionIndex: round.questionIndex, deadlineMs: null, live: null },
        ...(round.phase === "podium" ? {} : { endedAt: new Date(deps.now()) }),
      },
      value: null,
    };
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
      /** Who watches without playing (a host who chose not to play along). */
      spectators?: string[];
      /** Where the party's clock is (the replay shows the round there). */
      moment?: { episode: number; positionMs: number } | null;
    }): Promise<PublicRoundView> {
      const questionCount = Math.min(input.questionCount, input.deck.length);
      const state = createRound({
        id: newId(),
        partyId: input.partyId,
        deck: input.deck,
        settings: { questionCount, secondsPerQuestion: input.secondsPerQuestion, readMs: timings.readMs },
        random,
        spectators: input.spectators ?? [],
      });
      addPlayers(state, await deps.present(input.partyId));
      const phaseTimings = { revealMs: timings.revealMs, leaderboardMs: timings.leaderboardMs };
      const started = await repo.startLiveRound({
        id: state.id,
        partyId: input.partyId,
        deck: input.deckName,
        questionCount,
        secondsPerQuestion: input.secondsPerQuestion,
        startedById: input.startedById,
        round: storeRound(state, phaseTimings),
        questions: storeQuestions(state),
        moment: input.moment ?? null,
      });
      if (started === "cancelled") throw partyCancelled();
      heardStart(input.partyId);
      if (started === "running") throw new AppError("CONFLICT", "A round is already running: end it first.");
      const current: Known = { state, timings: phaseTimings, version: 0 };
      known.set(input.partyId, current);
      clearTimer(input.partyId);
      publish(current);
      // Before the host is answered: whoever joins on another process after this start is added to its lobby.
      await deps.publisher.started?.({ partyId: input.partyId, roundId: state.id });
      return publicView(state);
    },

    /**
     * The host moves on: lobby → first question, question → reveal, reveal → leaderboard, leaderboard → next.
     * `from` says where the host saw the round: when it is elsewhere already (a double click, a repeated
     * command after a reconnect, a timer that moved first) nothing changes and `moved` is false.
     */
    async next(partyId: string, from?: RoundStep): Promise<{ round: PublicRoundView; moved: boolean }> {
      let stale = false;
      const moved = await serial(partyId, () =>
        transition({ partyId }, async (round, read) => {
          if (from && !isAt({ id: round.id, phase: round.phase, index: round.questionIndex }, from)) {
            stale = true;
            return null;
          }
          return advance(await read(), "host");
        }),
      );
      if (moved === "none") throw noRound();
      if (stale) {
        const current = await refresh(partyId);
        if (!current) throw noRound();
        return { round: publicView(current.state), moved: false };
      }
      if (!moved) throw new AppError("CONFLICT", "This round cannot be continued: start a new one.");
      return { round: publicView(moved.state), moved: true };
    },

    /** Ends the round now (results so far stay stored) and clears it from the room; `roundId`: only that round (else a no-op). */
    async end(partyId: string, roundId?: string): Promise<{ ended: boolean }> {
      let other = false;
      const outcome = await serial(partyId, () =>
        roundId === undefined
          ? clear(partyId)
          : transition({ partyId }, async (round) => {
              if (round.id !== roundId) {
                other = true;
                return null;
              }
              return clearStep(round);
            }),
      );
      if (outcome === "none") {
        if (roundId !== undefined) return { ended: false };
        throw noRound();
      }
      return { ended: !other };
    },

    /** The party's room closed (cancelled): its round, if one is shown, ends now. */
    async close(partyId: string): Promise<void> {
      await serial(partyId, () => clear(partyId));
    },

    /** One answer, timed on arrival and stored at once. Closes the question when everyone present has answered. */
    async answer(input: { partyId: string; userId: string; roundId: string; questionIndex: number; answer: AnswerInput }): Promise<{ elapsedMs: number }> {
      const now = deps.now();
      let current = known.get(input.partyId);
      const fits = (k: Known | null | undefined) => k?.state.id === input.roundId && k.state.phase === "question" && k.state.index === input.questionIndex;
      // Another process may have moved the round on: read it again when this copy does not fit.
      if (!fits(current)) current = (await refresh(input.partyId)) ?? undefined;
      if (!current) throw noRound();
      if (current.state.id !== input.roundId) throw new AppError("TOO_LATE", "That round is over.");
      const { elapsedMs } = checkAnswer(current.state, { ...input, now });
      const outcome = await repo.submitAnswer({ roundId: input.roundId, questionIndex: input.questionIndex, userId: input.userId, answer: input.answer, elapsedMs });
      if (outcome === "duplicate") throw new AppError("CONFLICT", ALREADY_ANSWERED);
      if (outcome === "closed") throw notOpenForAnswers(input.questionIndex);
      checkSoon(input.partyId);
      return { elapsedMs };
    },

    /** A host pins a deck question to an episode moment in the party's live round; everyone is told the moments. */
    async pin(input: { partyId: string; roundId: string; question: Question; episode: number; positionMs: number }): Promise<PublicMoment> {
      let pinId = "";
      const moved = await serial(input.partyId, () =>
        transition({ partyId: input.partyId }, async (round, read) => {
          if (round.id !== input.roundId) throw new AppError("TOO_LATE", "That round is over.");
          const current = await read();
          pinId = addPin(current.state, { id: newId(), episode: input.episode, positionMs: Math.round(input.positionMs), question: prepareQuestion(input.question, random) }).id;
          return { write: write(current), value: current };
        }),
      );
      if (moved === "none") throw noRound();
      if (!moved) throw new AppError("CONFLICT", "This round cannot be continued: start a new one.");
      const moments = publicMoments(moved.state);
      deps.publisher.moments?.(input.partyId, { roundId: moved.state.id, moments });
      return moments.find((m) => m.pinId === pinId)!;
    },

    /**
     * A viewer's player reached a pinned moment and showed the question: the
     * first report counts (never before the party clock reaches the moment).
     */
    async shown(input: {
      partyId: string;
      userId: string;
      roundId: string;
      pinId: string;
      clock: { episode: number; positionMs: number } | null;
    }): Promise<{ shownAt: number; closesAt: number }> {
      let current = await refreshIfOther(input.partyId, input.roundId);
      // Pinned on another process since this copy was read: read the round again.
      if (!current.state.pins.some((p) => p.id === input.pinId)) current = (await refresh(input.partyId)) ?? current;
      const pin = findPin(current.state, input.pinId);
      checkReached(current.state, pin, input.clock);
      const shownAt = await repo.recordMomentShown({ roundId: input.roundId, pinId: pin.id, userId: input.userId, shownAtMs: deps.now() });
      return { shownAt, closesAt: shownAt + current.state.settings.secondsPerQuestion * 1000 };
    },

    /** One answer to a pinned question, timed from when it was shown to this person; scored at once, once per person. */
    async momentAnswer(input: {
      partyId: string;
      userId: string;
      name: string;
      roundId: string;
      pinId: string;
      answer: AnswerInput;
    }): Promise<{ elapsedMs: number; correct: boolean; points: number; shownAt: number; closesAt: number }> {
      const now = deps.now();
      const shownAtMs = await repo.momentShownAt(input.roundId, input.pinId, input.userId);
      let scored: { elapsedMs: number; correct: boolean; points: number; shownAt: number; closesAt: number } | null = null;
      const moved = await serial(input.partyId, () =>
        transition({ partyId: input.partyId }, async (round, read) => {
          if (round.id !== input.roundId) throw new AppError("TOO_LATE", "That round is over.");
          const current = await read();
          const pin = findPin(current.state, input.pinId);
          const given = await round.results(momentIndex(pin));
          if (given.some((r) => r.userId === input.userId)) throw new AppError("CONFLICT", ALREADY_ANSWERED);
          const name = current.state.players.get(input.userId)?.name ?? input.name;
          const row = scoreMoment(current.state, { pin, userId: input.userId, name, answer: input.answer, shownAtMs, now });
          countMoment(current.state, row);
          const shownAt = shownAtMs ?? now;
          const closesAt = shownAt + current.state.settings.secondsPerQuestion * 1000;
          scored = { elapsedMs: row.elapsedMs!, correct: row.correct, points: row.points, shownAt, closesAt };
          return { write: write(current, { results: [row] }), value: current };
        }),
      );
      if (moved === "none") throw noRound();
      if (!scored) throw new AppError("CONFLICT", "This round cannot be continued: start a new one.");
      return scored;
    },

    /** Someone's last connection left the room: the question may now have every answer it waits for. */
    left(partyId: string): void {
      if (known.get(partyId)?.state.phase === "question") checkSoon(partyId);
    },

    /** Someone came into the room: in the lobby they join the round at once (later, from the next question). */
    joined(partyId: string, person: { userId: string; name: string }): void {
      // A party without a round (read once, forgotten at any start): nothing to read for this arrival.
      if (isRoundless(partyId)) return;
      // Arrivals while a lobby transition waits or runs go together in it.
      const waiting = lobbyArrivals.get(partyId);
      if (waiting) return void waiting.set(person.userId, person);
      const arrivals = new Map([[person.userId, person]]);
      lobbyArrivals.set(partyId, arrivals);
      const release = () => {
        if (lobbyArrivals.get(partyId) === arrivals) lobbyArrivals.delete(partyId);
      };
      const addArrivals = async () => {
        const heard = startsHeard;
        let lobby = known.get(partyId) ?? (await refresh(partyId));
        // A round started while that read was under way: its "none" may be from before the start.
        if (!lobby && heard !== startsHeard) lobby = known.get(partyId) ?? (await refresh(partyId));
        if (lobby?.state.phase !== "lobby") return;
        await serial(partyId, () =>
          transition({ partyId }, async (round, read) => {
            release();
            if (round.phase !== "lobby") return null;
            const current = await read();
            const newcomers = [...arrivals.values()].filter((p) => !current.state.players.has(p.userId));
            if (newcomers.length === 0) return null;
            addPlayers(current.state, newcomers);
            return { write: write(current), value: current };
          }),
        );
      };
      addArrivals()
        .catch((err: unknown) => log.error({ err, partyId }, "adding players to the lobby failed"))
        .finally(release);
    },

    /** The round as a (re)joining player should see it now, from the stored round, with its pinned moments. */
    async sync(partyId: string, userId: string): Promise<{ round: PublicRoundView | null; you: PlayerView | null; moments: PublicMoment[] }> {
      // The room page asks right after it joins: a party without a round is not read again for it.
      if (isRoundless(partyId)) return { round: null, you: null, moments: [] };
      const heard = startsHeard;
      const stored = await repo.liveVersion(partyId);
      if (!stored) {
        if (heard === startsHeard) noteRoundless(partyId);
        return { round: null, you: null, moments: [] };
      }
      let current = known.get(partyId);
      if (current?.state.id !== stored.id || current.version < stored.version) current = (await refresh(partyId)) ?? undefined;
      if (!current) return { round: null, you: null, moments: [] };
      const moments = current.state.phase === "podium" ? [] : publicMoments(current.state);
      let { state } = current;
      let answeredCount: number | null = null;
      if (state.phase === "question") {
        // The open question's answers are stored by every process: this player's, and how many.
        const [mine, counts] = await Promise.all([
          repo.findSubmission(state.id, state.index, userId),
          repo.countSubmissions(state.id, state.index, []),
        ]);
        state = { ...state, answers: new Map(mine ? [[userId, { answer: mine.answer as AnswerInput, elapsedMs: mine.elapsedMs }]] : []) };
        answeredCount = counts.total;
      }
      const round = publicView(state);
      return { round: answeredCount === null ? round : { ...round, answeredCount }, you: playerView(state, userId), moments };
    },

    /** Another process started a round in the party: no more "no round", and a copy of an older round goes. */
    startedElsewhere(partyId: string, roundId: string): void {
      heardStart(partyId);
      if (known.get(partyId)?.state.id === roundId) return;
      known.delete(partyId);
      clearTimer(partyId);
    },

    /** This process may have missed other processes' notices (its Redis connection came back): every "no round" is forgotten. */
    missedNotices(): void {
      startsHeard++;
      roundless.clear();
    },

    /** How many rounds' timers this process holds (a metrics gauge). */
    roundsHeld(): number {
      return timers.size;
    },

    /** Stops this process's timers and its sweep (the server is closing): other processes' sweeps take the rounds over. */
    stop(): void {
      stopped = true;
      clearInterval(sweeper);
      answeredCounts.stop();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      known.clear();
      roundless.clear();
    },
  };
}
