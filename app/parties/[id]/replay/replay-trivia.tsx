import { visibleAt } from "@/shared/replay-moments";
import type { ReplayTriviaRound } from "@/server/room/replay-party.types";
import { formatTimecode } from "@/shared/format-timecode";
import { answerText } from "../room/trivia/answer-text";

const MEDALS = ["🥇", "🥈", "🥉"] as const;

/**
 * The trivia rounds of this episode, each once the replay reaches the moment
 * it started: every question with its answer and how people answered, then the
 * podium. Rounds still ahead are announced by their time only.
 */
export function ReplayTrivia(props: { rounds: ReplayTriviaRound[]; point: { episode: number; positionMs: number } }) {
  const inEpisode = props.rounds.filter((r) => r.episode === props.point.episode);
  if (inEpisode.length === 0) return null;
  const reached = visibleAt(inEpisode, props.point);
  const ahead = inEpisode.filter((r) => !reached.includes(r));
  return (
    <section aria-labelledby="replay-trivia-heading" className="card grid gap-3" data-testid="replay-trivia">
      <h2 id="replay-trivia-heading" className="m-0 text-lg">
        Trivia
      </h2>
      {reached.map((round) => (
        <article key={round.id} className="grid gap-2" data-testid="replay-round">
          <h3 className="m-0 text-base">Round at {formatTimecode(round.positionMs)}</h3>
          <ol className="m-0 grid list-none gap-2 p-0">
            {round.questions.map((q) => (
              <li key={q.index} className="rounded-md bg-well px-3 py-2">
                <p className="m-0 font-bold">
                  {q.index + 1}. {q.prompt}
                </p>
                <p className="m-0">
                  Answer: <strong>{answerText(q.answer)}</strong>
                </p>
                <p className="m-0 text-sm text-muted">
                  {q.counts.map((count, i) => `${q.labels[i] ?? "?"}: ${count}`).join(" · ")} · no answer: {q.noAnswer}
                </p>
              </li>
            ))}
          </ol>
          {round.podium.length > 0 ? (
            <p className="m-0" data-testid="replay-podium">
              {round.podium.map((p) => `${MEDALS[p.rank - 1] ?? `#${p.rank}`} ${p.name} (${p.score})`).join("  ")}
            </p>
          ) : null}
        </article>
      ))}
      {ahead.length > 0 ? (
        <p className="hint">
          {ahead.length === 1 ? "A trivia round comes" : "Trivia rounds come"} at {ahead.map((r) => formatTimecode(r.positionMs)).join(", ")}: play the replay to reach{" "}
          {ahead.length === 1 ? "it" : "them"}.
        </p>
      ) : null}
    </section>
  );
}
