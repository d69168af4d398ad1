"use client";

import type { MomentResult } from "@/shared/trivia-moments";
import { useEffect, useState, type FormEvent } from "react";
import type { AnswerInput, PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import type { PartyRole } from "@/server/parties/party";
import type { RoomAnswer, RoomPayload } from "@/shared/room-client";
import { MAX_QUESTIONS_PER_ROUND, SECONDS_PER_QUESTION } from "@/server/trivia/trivia";
import { ErrorAlert } from "../../../../_components/error-alert";
import { announce } from "./answer-text";
import { Leaderboard } from "./leaderboard";
import { PinnedMoments } from "./pinned-moments";
import type { PublicMoment } from "@/server/trivia/moments";
import type { ClockState } from "@/shared/party-clock";
import { QuestionStage } from "./question-stage";
import { Reveal } from "./reveal";

type HostOrPlayerEvent = "trivia:start" | "trivia:next" | "trivia:end" | "trivia:answer" | "trivia:pin" | "trivia:shown" | "trivia:moment-answer";
type Request = <E extends HostOrPlayerEvent>(event: E, payload: RoomPayload<E>) => Promise<RoomAnswer<E>>;

/** How long the host's buttons stay disabled after a command (longer than a double click's two presses). */
const HOST_BUTTON_SETTLE_MS = 600;

/** The server clock as this client estimates it, ticking every 100 ms while a question is open. */
export function useServerNow(offsetMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 100);
    return () => clearInterval(timer);
  }, [offsetMs, active]);
  return now;
}

/**
 * True for a moment after the round moved to another step (by a host or by
 * its own timer): the host's button changes under the pointer then, and a
 * press aimed at the one before must not land on the new one.
 */
function useFreshStep(round: PublicRoundView | null): boolean {
  const key = round ? `${round.roundId}:${round.phase}:${round.index}` : "";
  const [seen, setSeen] = useState(key);
  const [fresh, setFresh] = useState(false);
  if (key !== seen) {
    setSeen(key);
    setFresh(true);
  }
  useEffect(() => {
    if (!fresh) return;
    const timer = setTimeout(() => setFresh(false), HOST_BUTTON_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [fresh, seen]);
  return fresh;
}

/** The leaderboard shown before this one (for the rows' slide to their new places). */
function usePreviousOrder(round: PublicRoundView | null): string[] {
  const key = round && (round.phase === "leaderboard" || round.phase === "podium") ? `${round.roundId}:${round.index}:${round.phase}` : null;
  const [boards, setBoards] = useState<{ key: string | null; current: string[]; previous: string[] }>({ key: null, current: [], previous: [] });
  if (round && key && key !== boards.key) {
    setBoards({ key, previous: boards.current, current: round.leaderboard.map((e) => e.userId) });
  }
  return boards.previous;
}

/** Trivia in the room: a stage during a question, then the reveal, the leaderboard and the podium. */
export function TriviaPanel(props: {
  partyId: string;
  userId: string;
  role: PartyRole;
  round: PublicRoundView | null;
  you: PlayerView | null;
  /** The round's questions pinned to episode moments, asked on the party clock. */
  moments: PublicMoment[];
  /** Pinned questions this person answered, on this screen or another (the extension's panel). */
  answeredMoments: MomentResult[];
  clock: ClockState | null;
  offsetMs: number;
  request: Request;
}) {
  const { round, you, role } = props;
  const isHost = role !== "guest";
  const open = round?.phase === "question";
  const now = useServerNow(props.offsetMs, open);
  const previous = usePreviousOrder(round);
  const [error, setError] = useState<string | null>(null);
  const [lockedIn, setLockedIn] = useState<{ key: string; elapsedMs: number; answer: AnswerInput } | null>(null);
  const [pending, setPending] = useState(false);
  const fresh = useFreshStep(round);

  const act = async <E extends HostOrPlayerEvent>(event: E, payload: RoomPayload<E>) => {
    setPending(true);
    // The buttons stay disabled a moment after the answer: the next step's button appears where the
    // pressed one was, and the second press of a double click must not land on it.
    const settled = new Promise((resolve) => setTimeout(resolve, HOST_BUTTON_SETTLE_MS));
    try {
      const result = await props.request(event, payload);
      setError(result.error);
      return result;
    } finally {
      void settled.then(() => setPending(false));
    }
  };
  // Every host command says where the host saw the round: pressed twice, or sent again after a
  // reconnect, the second finds the round moved on and changes nothing (never a skipped question).
  const next = () => (round ? act("trivia:next", { from: { roundId: round.roundId, phase: round.phase, index: round.index } }) : undefined);
  const end = () => (round ? act("trivia:end", { roundId: round.roundId }) : undefined);
  const questionKey = round ? `${round.roundId}:${round.index}` : "";
  const answer = async (input: AnswerInput) => {
    if (!round) return;
    const result = await act("trivia:answer", { roundId: round.roundId, questionIndex: round.index, answer: input });
    if (result.data) setLockedIn({ key: questionKey, elapsedMs: result.data.elapsedMs, answer: input });
  };
  const staged = round?.phase === "question" || round?.phase === "reveal";

  return (
    <section
      aria-labelledby="trivia-heading"
      className={`card grid gap-3 ${staged ? "ring-2 ring-accent lg:p-6" : ""}`}
      data-testid="trivia"
    >
      <h2 id="trivia-heading" className="m-0 text-lg">
        Trivia
      </h2>
      <p aria-live="polite" className="visually-hidden" data-testid="trivia-announcer">
        {announce(round)}
      </p>
      {!round ? (
        isHost ? (
          <StartForm pending={pending} onStart={(payload) => act("trivia:start", payload)} />
        ) : (
          <p className="hint">No round is running. The host can start one at any time.</p>
        )
      ) : null}

      {round?.phase === "lobby" ? (
        <div className="grid gap-2">
          <p className="m-0">
            A round of {round.total} questions, {round.secondsPerQuestion} s each. Players: {round.players}.
          </p>
          {isHost ? (
            <button type="button" className="m-0 justify-self-start" disabled={pending || fresh} onClick={next}>
              Show the first question
            </button>
          ) : (
            <p className="hint">Waiting for the host to show the first question…</p>
          )}
        </div>
      ) : null}

      {round?.phase === "question" && round.question ? (
        <QuestionStage
          key={questionKey}
          round={round}
          question={round.question}
          you={you}
          now={now}
          lockedIn={lockedIn?.key === questionKey ? lockedIn : null}
          onAnswer={answer}
        />
      ) : null}

      {round && round.reveal && round.phase === "reveal" ? <Reveal round={round} you={you} /> : null}

      {round && (round.phase === "leaderboard" || round.phase === "podium") ? (
        <Leaderboard round={round} you={you} userId={props.userId} previous={previous} />
      ) : null}

      {round ? (
        <PinnedMoments isHost={isHost} playing={you?.playing !== false} round={round} moments={props.moments} answered={props.answeredMoments} clock={props.clock} offsetMs={props.offsetMs} request={props.request} onError={setError} />
      ) : null}

      {round && isHost ? (
        <div className="flex flex-wrap gap-2">
          {round.phase === "question" ? (
            <button type="button" className="secondary m-0" disabled={pending || fresh} onClick={next}>
              Close the question now
            </button>
          ) : round.phase === "reveal" || round.phase === "leaderboard" ? (
            <button type="button" className="secondary m-0" disabled={pending || fresh} onClick={next}>
              {round.phase === "reveal" ? "Show the leaderboard" : round.index + 1 < round.total ? "Next question" : "Show the podium"}
            </button>
          ) : null}
          <button type="button" className="secondary m-0" disabled={pending || fresh} onClick={end}>
            {round.phase === "podium" ? "Close the results" : "End the round"}
          </button>
        </div>
      ) : null}
      {isHost ? (
        <p className="hint">
          <a href={`/parties/${props.partyId}/trivia`}>Make questions from an article, or see past results</a>
        </p>
      ) : null}
      <ErrorAlert message={error} />
    </section>
  );
}

/** One click plays the built-in deck at once; the form below opens a lobby with a chosen deck, length and pace. */
function StartForm(props: { pending: boolean; onStart(payload: RoomPayload<"trivia:start">): Promise<unknown> }) {
  const [deck, setDeck] = useState<"ballard" | "party">("ballard");
  const [count, setCount] = useState(5);
  const [secondsEach, setSecondsEach] = useState(20);
  const [hostPlays, setHostPlays] = useState(true);
  const start = (payload: Omit<RoomPayload<"trivia:start">, "hostPlays">) => void props.onStart({ hostPlays, ...payload });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start({ deck, questionCount: count, secondsPerQuestion: secondsEach });
  };
  return (
    <div className="grid gap-3">
      <button type="button" className="m-0 justify-self-start px-6 py-3 text-lg" disabled={props.pending} onClick={() => start({ deck: "ballard", questionCount: 5, secondsPerQuestion: 20, begin: true })}>
        Play 5 Ballard questions now
      </button>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={hostPlays} onChange={(e) => setHostPlays(e.target.checked)} />I play along too (unticked: I run the round without scoring)
      </label>
      <form className="form" onSubmit={submit} aria-label="Start a trivia round">
        <p className="hint m-0">Or choose the deck, the number of questions and the time, and open a lobby first:</p>
          <label htmlFor="trivia-deck">Questions from</label>
          <select id="trivia-deck" value={deck} onChange={(e) => setDeck(e.target.value as "ballard" | "party")}>
            <option value="ballard">The Ballard premiere article (built in)</option>
            <option value="party">This party&apos;s own deck</option>
          </select>
          <label htmlFor="trivia-count">Number of questions</label>
          <input id="trivia-count" type="number" min={1} max={MAX_QUESTIONS_PER_ROUND} value={count} onChange={(e) => setCount(Number(e.target.value))} />
          <label htmlFor="trivia-seconds">Seconds per question</label>
          <input
            id="trivia-seconds"
            type="number"
            min={SECONDS_PER_QUESTION.min}
            max={SECONDS_PER_QUESTION.max}
            value={secondsEach}
            onChange={(e) => setSecondsEach(Number(e.target.value))}
          />
          <button type="submit" disabled={props.pending}>
            Start a round
          </button>
      </form>
    </div>
  );
}
