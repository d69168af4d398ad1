"use client";

import type { AnswerInput, PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import { AnswerControls } from "./answer-controls";
import { givenAnswerText } from "./answer-text";

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/** The bar that empties as the answer time runs out (a meter: its value is in the text beside it). */
function TimeBar(props: { leftMs: number; totalMs: number }) {
  const share = Math.max(0, Math.min(1, props.leftMs / props.totalMs));
  return (
    <div className="h-3 overflow-hidden rounded-full bg-well" aria-hidden="true">
      <div className={`h-full rounded-full ${share < 0.25 ? "bg-danger" : "bg-accent"}`} style={{ width: `${share * 100}%`, transition: "width 100ms linear" }} />
    </div>
  );
}

/** A question on stage: the prompt large, the time left, who has answered, and the answer tiles. */
export function QuestionStage(props: {
  round: PublicRoundView;
  question: NonNullable<PublicRoundView["question"]>;
  you: PlayerView | null;
  now: number;
  lockedIn: { elapsedMs: number; answer: AnswerInput } | null;
  onAnswer(answer: AnswerInput): void;
}) {
  const { round, question, now } = props;
  const opensAt = round.opensAt!;
  const closesAt = round.closesAt!;
  const reading = now < opensAt;
  return (
    <div className="grid gap-3">
      <p className="m-0 text-sm font-semibold tracking-wide text-muted uppercase">
        Question {round.index + 1} of {round.total}
      </p>
      <p className="m-0 text-2xl leading-tight font-bold lg:text-3xl" data-testid="trivia-prompt">
        {question.prompt}
      </p>
      {reading ? (
        <p role="status" className="m-0 text-lg">
          Read the question… answers open in {seconds(opensAt - now)} s.
        </p>
      ) : (
        <>
          <div className="grid gap-1">
            <p className="m-0 flex flex-wrap justify-between gap-2 text-lg font-bold tabular-nums" data-testid="trivia-timer">
              <span className="text-accent">{seconds(closesAt - now)} s left</span>
              <span>
                {round.answeredCount} of {round.participants} answered
              </span>
            </p>
            <TimeBar leftMs={closesAt - now} totalMs={closesAt - opensAt} />
          </div>
          {props.you?.playing === false ? (
            <p className="hint" data-testid="trivia-spectating">
              You are running this round without playing: the players answer on their screens.
            </p>
          ) : props.lockedIn || props.you?.answered ? (
            <LockedIn question={question} lockedIn={props.lockedIn} given={props.you?.yourAnswer ?? null} />
          ) : props.you?.canAnswer === false ? (
            <p className="hint">You joined during this question: you can play from the next one.</p>
          ) : (
            <AnswerControls question={question} onAnswer={props.onAnswer} />
          )}
        </>
      )}
    </div>
  );
}

/** The answer this player locked in, in words, and how fast (when this screen sent it). */
function LockedIn(props: { question: PublicRoundView["question"]; lockedIn: { elapsedMs: number; answer: AnswerInput } | null; given: AnswerInput | null }) {
  const answer = props.lockedIn?.answer ?? props.given;
  return (
    <p role="status" className="m-0 rounded-lg bg-raised px-4 py-3 text-lg" data-testid="trivia-locked">
      {answer ? (
        <>
          Your answer: <strong>{givenAnswerText(props.question, answer)}</strong>, locked in
        </>
      ) : (
        "Answer locked in"
      )}
      {props.lockedIn ? ` after ${(props.lockedIn.elapsedMs / 1000).toFixed(1)} s` : ""}. Waiting for the others…
    </p>
  );
}
