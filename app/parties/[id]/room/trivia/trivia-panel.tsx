"use client";

import { useEffect, useState, type FormEvent } from "react";
import type { AnswerInput, PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import type { PartyRole } from "@/server/parties/party";
import { MAX_QUESTIONS_PER_ROUND, SECONDS_PER_QUESTION } from "@/server/trivia/trivia-events.types";
import { ErrorAlert } from "../../../../_components/error-alert";

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

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

function announce(round: PublicRoundView | null): string {
  if (!round) return "";
  const number = `Question ${round.index + 1} of ${round.total}`;
  switch (round.phase) {
    case "lobby":
      return `Trivia round ready: ${round.total} questions. Waiting for the host to start.`;
    case "question":
      return `${number}: ${round.question?.prompt ?? ""}`;
    case "reveal":
      return `Time's up. The answer: ${round.reveal ? answerText(round.reveal.answer) : ""}.`;
    case "leaderboard":
      return `Leaderboard after ${number.toLowerCase()}. Leader: ${round.leaderboard[0]?.name ?? "nobody"}.`;
    case "podium":
      return `Final results. Winner: ${round.leaderboard[0]?.name ?? "nobody"}.`;
  }
}

function answerText(answer: NonNullable<PublicRoundView["reveal"]>["answer"]): string {
  switch (answer.kind) {
    case "choice":
      return answer.text;
    case "truefalse":
      return answer.value ? "True" : "False";
    case "number":
      return `${answer.value}${answer.unit ? ` ${answer.unit}` : ""}`;
    case "order":
      return answer.items.join(", then ");
    case "text":
      return answer.text;
  }
}

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

  return (
    <section aria-labelledby="trivia-heading" className="card trivia" data-testid="trivia">
      <h2 id="trivia-heading">Trivia</h2>
      <p aria-live="polite" className="visually-hidden" data-testid="trivia-announcer">
        {announce(round)}
      </p>
      {!round ? (
        isHost ? (
          <StartForm onStart={(payload) => act("trivia:start", payload)} partyId={props.partyId} />
        ) : (
          <p className="hint">No round is running. The host can start one at any time.</p>
        )
      ) : null}

      {round?.phase === "lobby" ? (
        <div>
          <p>
            A round of {round.total} questions, {round.secondsPerQuestion} s each. Players: {round.players}.
          </p>
          {isHost ? (
            <button type="button" onClick={() => act("trivia:next")}>
              Show the first question
            </button>
          ) : (
            <p className="hint">Waiting for the host to show the first question…</p>
          )}
        </div>
      ) : null}

      {round?.phase === "question" && round.question ? (
        <div>
          <p className="hint">
            Question {round.index + 1} of {round.total}
          </p>
          <p className="trivia-prompt" data-testid="trivia-prompt">
            {round.question.prompt}
          </p>
          {now < round.opensAt! ? (
            <p role="status">Read the question… answers open in {seconds(round.opensAt! - now)} s.</p>
          ) : (
            <>
              <p className="trivia-timer" data-testid="trivia-timer">
                {seconds(round.closesAt! - now)} s left · {round.answeredCount} of {round.participants} answered
              </p>
              {lockedIn?.key === questionKey || you?.answered ? (
                <p role="status" data-testid="trivia-locked">
                  Answer locked in{lockedIn?.key === questionKey ? ` after ${(lockedIn.elapsedMs / 1000).toFixed(1)} s` : ""}. Waiting for the others…
                </p>
              ) : you?.canAnswer === false ? (
                <p className="hint">You joined during this question: you can play from the next one.</p>
              ) : (
                <AnswerControls key={questionKey} question={round.question} onAnswer={answer} />
              )}
            </>
          )}
          {isHost ? (
            <button type="button" className="secondary" onClick={() => act("trivia:next")}>
              Close the question now
            </button>
          ) : null}
        </div>
      ) : null}

      {round && round.reveal && (round.phase === "reveal" || round.phase === "leaderboard") ? (
        <Reveal round={round} you={you} />
      ) : null}

      {round && (round.phase === "leaderboard" || round.phase === "podium") ? <Leaderboard round={round} you={you} userId={props.userId} /> : null}

      {round && round.phase !== "question" && round.phase !== "lobby" && isHost ? (
        <div className="button-row">
          {round.phase !== "podium" ? (
            <button type="button" className="secondary" onClick={() => act("trivia:next")}>
              {round.phase === "reveal" ? "Show the leaderboard" : round.index + 1 < round.total ? "Next question" : "Show the podium"}
            </button>
          ) : null}
        </div>
      ) : null}
      {round && isHost ? (
        <button type="button" className="secondary" onClick={() => act("trivia:end")}>
          {round.phase === "podium" ? "Close the results" : "End the round"}
        </button>
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

function StartForm(props: { partyId: string; onStart(payload: Record<string, unknown>): Promise<unknown> }) {
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

function AnswerControls(props: { question: NonNullable<PublicRoundView["question"]>; onAnswer(answer: AnswerInput): void }) {
  const { question } = props;
  const [typed, setTyped] = useState("");
  const [order, setOrder] = useState<number[]>(() => (question.kind === "order" ? question.items.map((_, i) => i) : []));

  if (question.kind === "choice") {
    return (
      <div className="answer-grid" role="group" aria-label="Answers">
        {question.options.map((option, i) => (
          <button key={option} type="button" onClick={() => props.onAnswer({ kind: "choice", option: i })}>
            {option}
          </button>
        ))}
      </div>
    );
  }
  if (question.kind === "truefalse") {
    return (
      <div className="answer-grid" role="group" aria-label="Answers">
        <button type="button" onClick={() => props.onAnswer({ kind: "truefalse", value: true })}>
          True
        </button>
        <button type="button" onClick={() => props.onAnswer({ kind: "truefalse", value: false })}>
          False
        </button>
      </div>
    );
  }
  if (question.kind === "order") {
    const move = (from: number, to: number) =>
      setOrder((current) => {
        const next = [...current];
        const [item] = next.splice(from, 1);
        next.splice(to, 0, item!);
        return next;
      });
    return (
      <div>
        <ol className="order-list" aria-label="Your order, earliest first">
          {order.map((itemIndex, position) => (
            <li key={itemIndex}>
              {question.items[itemIndex]}
              <button type="button" className="small secondary" disabled={position === 0} onClick={() => move(position, position - 1)} aria-label={`Move “${question.items[itemIndex]}” up`}>
                ↑
              </button>
              <button
                type="button"
                className="small secondary"
                disabled={position === order.length - 1}
                onClick={() => move(position, position + 1)}
                aria-label={`Move “${question.items[itemIndex]}” down`}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => props.onAnswer({ kind: "order", order })}>
          Lock in this order
        </button>
      </div>
    );
  }
  const isNumber = question.kind === "number";
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim() === "") return;
        props.onAnswer(isNumber ? { kind: "number", value: Number(typed) } : { kind: "text", text: typed });
      }}
    >
      <label htmlFor="trivia-typed">{isNumber ? `Your guess${question.unit ? ` (${question.unit})` : ""}` : "Your answer"}</label>
      <input id="trivia-typed" type={isNumber ? "number" : "text"} step="any" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <button type="submit">Answer</button>
    </form>
  );
}

function Reveal(props: { round: PublicRoundView; you: PlayerView | null }) {
  const reveal = props.round.reveal!;
  const question = props.round.question;
  const last = props.you?.last;
  const labels =
    question?.kind === "choice" ? question.options : question?.kind === "truefalse" ? ["True", "False"] : ["Right", "Wrong"];
  return (
    <div data-testid="trivia-reveal">
      <p className="trivia-prompt">{question?.prompt}</p>
      <p>
        Answer: <strong data-testid="trivia-answer">{answerText(reveal.answer)}</strong>
      </p>
      {last ? (
        <p role="status" data-testid="trivia-my-result">
          {!last.answered ? "You did not answer." : last.correct ? `Right! +${last.points} points.` : last.points > 0 ? `Close: +${last.points} points.` : "Not this time."}
        </p>
      ) : null}
      <ul className="counts" aria-label="How everyone answered">
        {reveal.counts.map((count, i) => (
          <li key={labels[i] ?? i}>
            {labels[i]}: {count}
          </li>
        ))}
        <li>No answer: {reveal.noAnswer}</li>
      </ul>
      <Sources sources={reveal.sources} />
    </div>
  );
}

/** Each cited paragraph once: its summary when the deck has one (the built-in deck), then the facts taken from it. */
function Sources(props: { sources: NonNullable<PublicRoundView["reveal"]>["sources"] }) {
  const paragraphs = new Map<string, typeof props.sources>();
  for (const source of props.sources) {
    const key = `${source.article}:${source.paragraph}`;
    paragraphs.set(key, [...(paragraphs.get(key) ?? []), source]);
  }
  return [...paragraphs.entries()].map(([key, sources]) => {
    const { article, paragraph, summary } = sources[0]!;
    return summary ? (
      <figure key={key} className="source" data-testid="trivia-source">
        <figcaption className="hint">
          Summary of paragraph {paragraph} of {article}
        </figcaption>
        <blockquote>{summary}</blockquote>
        <p className="hint">The fact: {sources.map((s) => s.fact).join(" ")}</p>
      </figure>
    ) : (
      <blockquote key={key} className="source" data-testid="trivia-source">
        {sources.map((s) => s.fact).join(" ")}
        <footer className="hint">
          {article}, paragraph {paragraph}
        </footer>
      </blockquote>
    );
  });
}

function Leaderboard(props: { round: PublicRoundView; you: PlayerView | null; userId: string }) {
  const { round, you } = props;
  const final = round.phase === "podium";
  return (
    <div data-testid={final ? "trivia-podium" : "trivia-leaderboard"}>
      <h3>{final ? "Podium" : "Leaderboard"}</h3>
      <ol className="leaderboard">
        {round.leaderboard.map((entry) => (
          <li key={entry.userId} className={entry.userId === props.userId ? "me" : undefined}>
            <span className="rank">{final && entry.rank <= 3 ? ["🥇", "🥈", "🥉"][entry.rank - 1] : `#${entry.rank}`}</span> {entry.name} — {entry.score} points
          </li>
        ))}
      </ol>
      {you?.rank ? (
        <p className="hint" data-testid="trivia-my-rank">
          You: #{you.rank} of {round.players}, {you.score} points{you.streak > 1 ? `, a streak of ${you.streak}` : ""}.
        </p>
      ) : null}
    </div>
  );
}
