import type { PlayerView, PublicRoundView } from "@/server/realtime/protocol";
import { TILES } from "./answer-controls";
import { answerText, closedHeading } from "./answer-text";

function myResult(round: PublicRoundView, last: NonNullable<PlayerView["last"]>): string {
  const reveal = round.reveal!;
  if (!last.answered) return "You did not answer.";
  if (last.correct) {
    const inexact = reveal.answer.kind === "number" && reveal.closestGuess !== null && reveal.closestGuess !== reveal.answer.value;
    return `${inexact ? "Closest guess!" : "Right!"} +${last.points} points.`;
  }
  return last.points > 0 ? `Close: +${last.points} points.` : "Not this time.";
}

/** The reveal: the right answer highlighted, how many chose each option, the source paragraph, and everyone's points. */
export function Reveal(props: { round: PublicRoundView; you: PlayerView | null }) {
  const { round } = props;
  const reveal = round.reveal!;
  const question = round.question;
  const last = props.you?.last;
  const labels = question?.kind === "choice" ? question.options : question?.kind === "truefalse" ? ["True", "False"] : ["Right", "Wrong"];
  const rightIndex = reveal.answer.kind === "choice" ? reveal.answer.option : reveal.answer.kind === "truefalse" ? (reveal.answer.value ? 0 : 1) : 0;
  const most = Math.max(1, ...reveal.counts);
  const closest = reveal.answer.kind === "number" && reveal.closestGuess !== null && reveal.closestGuess !== reveal.answer.value ? reveal.closestGuess : null;
  return (
    <div className="grid gap-3" data-testid="trivia-reveal">
      <p className="m-0 text-sm font-semibold tracking-wide text-muted uppercase">{closedHeading(round)}</p>
      <p className="m-0 text-xl font-bold">{question?.prompt}</p>
      <p className="m-0 rounded-lg border-2 border-right bg-well px-4 py-3 text-xl">
        Answer: <strong data-testid="trivia-answer">{answerText(reveal.answer)}</strong>
        {closest !== null ? <span className="block text-base text-muted">Closest guess: {closest}</span> : null}
      </p>
      {last ? (
        <p role="status" className="m-0 text-lg font-bold" data-testid="trivia-my-result">
          {myResult(round, last)}
        </p>
      ) : null}
      <ul className="m-0 grid list-none gap-1.5 p-0" aria-label="How everyone answered">
        {reveal.counts.map((count, i) => {
          const right = i === rightIndex;
          const tile = question?.kind === "choice" || question?.kind === "truefalse" ? TILES[i % TILES.length] : null;
          return (
            <li key={labels[i] ?? i} className={`relative overflow-hidden rounded-md bg-well px-3 py-1.5 ${right ? "outline-2 outline-right" : ""}`}>
              <span className={`absolute inset-y-0 left-0 opacity-30 ${tile ? tile.className : right ? "bg-right" : "bg-danger"}`} style={{ width: `${(count / most) * 100}%` }} aria-hidden="true" />
              <span className="relative flex justify-between gap-2">
                <span>
                  {tile ? <span aria-hidden="true">{tile.shape} </span> : null}
                  {labels[i]}
                  {right && tile ? " ✓ (right)" : ""}
                </span>
                <span className="font-bold tabular-nums">{count}</span>
              </span>
            </li>
          );
        })}
        <li className="px-3 text-muted">No answer: {reveal.noAnswer}</li>
      </ul>
      <Sources sources={reveal.sources} />
      {reveal.points.length > 0 ? (
        <table className="results">
          <caption>Points for this question</caption>
          <thead>
            <tr>
              <th scope="col">Player</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {reveal.points.map((p) => (
              <tr key={p.userId}>
                <td>
                  {p.name}
                  {p.correct ? " ✓" : p.answered ? "" : " (no answer)"}
                </td>
                <td className="tabular-nums">+{p.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
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
      <figure key={key} className="source m-0" data-testid="trivia-source">
        <figcaption className="hint">
          Summary of paragraph {paragraph} of {article}
        </figcaption>
        <blockquote>{summary}</blockquote>
        <p className="hint">The fact: {sources.map((s) => s.fact).join(" ")}</p>
      </figure>
    ) : (
      <blockquote key={key} className="source m-0" data-testid="trivia-source">
        {sources.map((s) => s.fact).join(" ")}
        <footer className="hint">
          {article}, paragraph {paragraph}
        </footer>
      </blockquote>
    );
  });
}
