"use client";

import { useEffect, useState, type FormEvent } from "react";
import type { AnswerInput, PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import type { PartyRole } from "@/server/parties/party";
import { MAX_QUESTIONS_PER_ROUND, SECONDS_PER_QUESTION } from "@/server/trivia/trivia";
import { ErrorAlert } from "../../../../_components/error-alert";
import { announce } from "./answer-text";
import { Leaderboard } from "./leaderboard";
import { QuestionStage } from "./question-stage";
import { Reveal } from "./reveal";

type Request = (event: "trivia:start" | "trivia:next" | "trivia:end" | "trivia:answer", payload: Record<string, unknown>) => Promise<{ data: unknown; error: string | null }>;

/** The server clock as this client estimates it, ticking every 100 ms while a question is open. */
function useServerNow(offsetMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 100);
    return () => clearInterval(timer);
  }, [offsetMs, active]);
  return now;
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
  offsetMs: number;
  request: Request;
}) {
  const { round, you, role } = props;
  const isHost = role !== "guest";
  const open = round?.phase === "question";
  const now = useServerNow(props.offsetMs, open);
  const previous = usePreviousOrder(round);
  const [error, setError] = useState<string | null>(null);
  const [lockedIn, setLockedIn] = useState<{ key: string; elapsedMs: number } | null>(null);

  const act = async (event: Parameters<Request>[0], payload: Record<string, unknown> = {}) => {
    const result = await props.request(event, payload);
    setError(result.error);
    return result;
  };
  const questionKey = round ? `${round.roundId}:${round.index}` : "";
  const answer = async (input: AnswerInput) => {
    if (!round) return;
    const result = await act("trivia:answer", { roundId: round.roundId, questionIndex: round.index, answer: input });
    if (!result.error) setLockedIn({ key: questionKey, elapsedMs: (result.data as { elapsedMs: number }).elapsedMs });
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
          <StartForm onStart={(payload) => act("trivia:start", payload)} />
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
            <button type="button" className="m-0 justify-self-start" onClick={() => act("trivia:next")}>
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

      {round && isHost ? (
        <div className="flex flex-wrap gap-2">
          {round.phase === "question" ? (
            <button type="button" className="secondary m-0" onClick={() => act("trivia:next")}>
              Close the question now
            </button>
          ) : round.phase === "reveal" || round.phase === "leaderboard" ? (
            <button type="button" className="secondary m-0" onClick={() => act("trivia:next")}>
              {round.phase === "reveal" ? "Show the leaderboard" : round.index + 1 < round.total ? "Next question" : "Show the podium"}
            </button>
          ) : null}
          <button type="button" className="secondary m-0" onClick={() => act("trivia:end")}>
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

function StartForm(props: { onStart(payload: Record<string, unknown>): Promise<unknown> }) {
  const [deck, setDeck] = useState<"ballard" | "party">("ballard");
  const [count, setCount] = useState(5);
  const [secondsEach, setSecondsEach] = useState(20);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onStart({ deck, questionCount: count, secondsPerQuestion: secondsEach });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Start a trivia round">
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
      <button type="submit">Start a round</button>
    </form>
  );
}
