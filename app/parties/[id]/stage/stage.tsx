"use client";

import { positionAt } from "@/shared/party-clock";
import type { HistoryMessage, PublicRoundView } from "@/server/realtime/protocol";
import { formatTimecode } from "@/shared/format-timecode";
import { FloatingReactions } from "../room/floating-reactions";
import { TILES } from "../room/trivia/answer-controls";
import { announce, answerText, closedHeading } from "../room/trivia/answer-text";
import { useServerNow } from "../room/trivia/trivia-panel";
import { useRoom } from "../room/use-room";
import { useSecondTick } from "../room/use-second-tick";

const CHAT_LINES = 5;
const MEDALS = ["🥇", "🥈", "🥉"] as const;

/**
 * The TV stage (Kahoot-style, for a party in one living room): the question
 * large with the timer and how many answered, the reveal with counts, the
 * leaderboard and podium, everyone's reactions floating up and the chat's last
 * lines. Players answer on their phones in the room; this page only shows. It
 * is one more connection to the room, so it rejoins and catches up (trivia:sync)
 * after a reconnect like any other.
 */
export function Stage(props: { partyId: string; title: string; invite: string | null }) {
  const { view } = useRoom(props.partyId, props.invite);
  const { round } = view.trivia;
  const clock = view.clock;
  const serverNow = useSecondTick(clock, view.offsetMs, view.countdown);
  const now = useServerNow(view.offsetMs, round?.phase === "question");

  return (
    <div className="fixed inset-0 z-50 grid grid-rows-[auto_minmax(0,1fr)] overflow-hidden bg-bg text-ink" data-testid="stage">
      <header className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 bg-panel px-6 py-3">
        <h1 className="m-0 truncate text-2xl lg:text-3xl">{props.title}</h1>
        <div className="flex items-center gap-6 text-xl lg:text-2xl">
          {clock ? (
            <span className="font-bold tabular-nums" data-testid="stage-clock">
              E{clock.episode} {formatTimecode(positionAt(clock, serverNow))} {clock.playing ? "▶" : "❚❚"}
            </span>
          ) : null}
          <span className="text-muted">{view.presenceCount.here} here</span>
          <span role="status" className="text-base text-muted" data-testid="stage-status">
            {view.status === "joined" ? "" : view.status === "connecting" ? "Reconnecting…" : view.error}
          </span>
          <button type="button" className="secondary m-0 text-base" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
            Full screen
          </button>
        </div>
      </header>
      <div className="grid min-h-0 grid-cols-1 gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_22rem] lg:p-6">
        <section className="relative grid min-h-0 content-center gap-6 overflow-hidden rounded-xl bg-panel p-6 lg:p-10" aria-labelledby="stage-heading">
          <h2 id="stage-heading" className="visually-hidden">
            Trivia stage
          </h2>
          <p aria-live="polite" className="visually-hidden">
            {announce(round)}
          </p>
          <StageRound round={round} now={now} />
          <FloatingReactions reactions={view.floating} large />
        </section>
        <aside className="grid min-h-0 content-end gap-2 overflow-hidden rounded-xl bg-panel p-4" aria-label="Latest chat">
          <h2 className="m-0 text-lg text-muted">Chat</h2>
          <ol className="m-0 grid list-none gap-2 p-0 text-lg" data-testid="stage-chat">
            {view.messages.slice(-CHAT_LINES).map((m) => (
              <ChatLine key={m.id} message={m} />
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}

/** A chat line on the shared screen: a message its sender marked as a spoiler is not shown there. */
function ChatLine(props: { message: HistoryMessage }) {
  const m = props.message;
  return (
    <li className="line-clamp-3 break-words">
      <span className="font-bold">{m.senderName}:</span> {m.spoiler ? <em className="text-muted">(a spoiler: read it on your phone)</em> : m.text}
    </li>
  );
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

function StageRound(props: { round: PublicRoundView | null; now: number }) {
  const { round, now } = props;
  if (!round) {
    return (
      <div className="grid justify-items-center gap-3 text-center">
        <p className="m-0 text-4xl font-bold lg:text-6xl">Ballard trivia</p>
        <p className="m-0 text-2xl text-muted">Open the party&apos;s room on your phone: the questions show here, you answer there.</p>
      </div>
    );
  }
  if (round.phase === "lobby") {
    return (
      <div className="grid justify-items-center gap-3 text-center" data-testid="stage-lobby">
        <p className="m-0 text-5xl font-bold">Get ready!</p>
        <p className="m-0 text-2xl">
          {round.total} questions, {round.secondsPerQuestion} s each · {round.players} {round.players === 1 ? "player" : "players"}
        </p>
        <p className="m-0 text-xl text-muted">Answer on your phone, in the party&apos;s room.</p>
      </div>
    );
  }
  if ((round.phase === "question" || round.phase === "reveal") && round.question) return <StageQuestion round={round} question={round.question} now={now} />;
  return <StageStandings round={round} />;
}

function StageQuestion(props: { round: PublicRoundView; question: NonNullable<PublicRoundView["question"]>; now: number }) {
  const { round, question, now } = props;
  const reveal = round.phase === "reveal" ? round.reveal : null;
  const reading = round.opensAt !== null && now < round.opensAt;
  const labels = question.kind === "choice" ? question.options : question.kind === "truefalse" ? ["True", "False"] : null;
  const rightIndex = reveal?.answer.kind === "choice" ? reveal.answer.option : reveal?.answer.kind === "truefalse" ? (reveal.answer.value ? 0 : 1) : -1;
  const most = Math.max(1, ...(reveal?.counts ?? []));
  return (
    <div className="grid gap-6" data-testid="stage-question">
      <div className="flex flex-wrap items-baseline justify-between gap-4 text-2xl">
        <span className="font-semibold tracking-wide text-muted uppercase">
          Question {round.index + 1} of {round.total}
        </span>
        {reveal ? (
          <span className="font-bold text-accent">{closedHeading(round)}</span>
        ) : (
          <span className="font-bold tabular-nums" data-testid="stage-timer">
            {reading ? `Answers open in ${seconds(round.opensAt! - now)} s` : `${seconds(round.closesAt! - now)} s`} ·{" "}
            <span data-testid="stage-answered">
              {round.answeredCount} of {round.participants} answered
            </span>
          </span>
        )}
      </div>
      <p className="m-0 text-4xl leading-tight font-bold lg:text-6xl" data-testid="stage-prompt">
        {question.prompt}
      </p>
      {labels ? (
        <ul className="m-0 grid list-none gap-3 p-0 lg:grid-cols-2">
          {labels.map((label, i) => {
            const tile = TILES[i % TILES.length]!;
            const dim = reveal && i !== rightIndex ? "opacity-40" : "";
            return (
              <li key={label} className={`relative flex min-h-20 items-center gap-4 overflow-hidden rounded-xl px-6 py-4 text-2xl font-bold lg:text-3xl ${tile.className} ${dim}`}>
                <span aria-hidden="true">{tile.shape}</span>
                <span className="min-w-0 flex-1">{label}</span>
                {reveal ? (
                  <span className="tabular-nums" data-testid="stage-count">
                    {i === rightIndex ? "✓ " : ""}
                    {reveal.counts[i] ?? 0}
                    <span className="visually-hidden"> chose this{i === rightIndex ? " (right)" : ""}</span>
                  </span>
                ) : null}
                {reveal ? <CountBar share={(reveal.counts[i] ?? 0) / most} /> : null}
              </li>
            );
          })}
        </ul>
      ) : question.kind === "order" ? (
        <ol className="m-0 grid gap-2 text-2xl">
          {question.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ol>
      ) : (
        <p className="m-0 text-2xl text-muted">{question.kind === "number" ? "Type your guess on your phone." : "Type your answer on your phone."}</p>
      )}
      {reveal ? (
        <p className="m-0 rounded-xl border-4 border-right bg-well px-6 py-4 text-3xl" data-testid="stage-answer">
          Answer: <strong>{answerText(reveal.answer)}</strong>
          {labels ? null : (
            <span className="block text-xl text-muted">
              {reveal.counts[0] ?? 0} right · {reveal.counts[1] ?? 0} wrong · {reveal.noAnswer} no answer
            </span>
          )}
        </p>
      ) : null}
    </div>
  );
}

/** How many chose an option, as a bar along the tile's foot (twelve widths as classes: no inline style). */
const WIDTHS = ["w-0", "w-1/12", "w-2/12", "w-3/12", "w-4/12", "w-5/12", "w-6/12", "w-7/12", "w-8/12", "w-9/12", "w-10/12", "w-11/12", "w-full"] as const;
function CountBar(props: { share: number }) {
  const width = WIDTHS[Math.round(Math.max(0, Math.min(1, props.share)) * 12)]!;
  return <span className={`absolute bottom-0 left-0 h-2 bg-black/50 ${width}`} aria-hidden="true" />;
}

function StageStandings(props: { round: PublicRoundView }) {
  const { round } = props;
  const podium = round.phase === "podium";
  const top = round.leaderboard.slice(0, podium ? 3 : 5);
  return (
    <div className="grid justify-items-center gap-6" data-testid={podium ? "stage-podium" : "stage-leaderboard"}>
      <p className="m-0 text-4xl font-bold lg:text-5xl">{podium ? "Final results" : `Leaderboard after question ${round.index + 1}`}</p>
      <ol className="m-0 grid w-full max-w-3xl list-none gap-3 p-0">
        {top.map((entry) => (
          <li key={entry.userId} className={`flex items-center gap-4 rounded-xl bg-raised px-6 py-3 ${podium && entry.rank === 1 ? "text-4xl" : "text-3xl"}`}>
            <span className="w-16 font-bold tabular-nums">{podium ? (MEDALS[entry.rank - 1] ?? `#${entry.rank}`) : `#${entry.rank}`}</span>
            <span className="min-w-0 flex-1 truncate font-bold">{entry.name}</span>
            <span className="tabular-nums">{entry.score}</span>
          </li>
        ))}
      </ol>
      {top.length === 0 ? <p className="m-0 text-2xl text-muted">Nobody scored yet.</p> : null}
    </div>
  );
}
