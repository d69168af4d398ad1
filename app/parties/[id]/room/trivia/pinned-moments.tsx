"use client";

import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { AnswerInput, PublicRoundView } from "@/server/realtime/protocol";
import type { PublicMoment } from "@/server/trivia/moments";
import type { ClockState } from "@/shared/party-clock";
import { positionAt } from "@/shared/party-clock";
import type { RoomAnswer, RoomPayload } from "@/shared/room-client";
import { currentMoment, dueMoment, parseTimecode, withResult, type AskedMoment, type MomentResult } from "@/shared/trivia-moments";
import { formatTimecode } from "@/shared/format-timecode";
import { AnswerControls } from "./answer-controls";

type MomentEvent = "trivia:pin" | "trivia:shown" | "trivia:moment-answer";
type Request = <E extends MomentEvent>(event: E, payload: RoomPayload<E>) => Promise<RoomAnswer<E>>;

/**
 * Questions pinned to episode moments in the room: a host pins a deck question
 * to a timecode; everyone else here is asked it when the party clock passes
 * that moment (the extension's panel asks on the viewer's own player instead),
 * and their answer is timed from then (docs/realtime-protocol.md, trivia:shown).
 */
export function PinnedMoments(props: {
  isHost: boolean;
  /** False for a host who runs the round without playing: they are not asked. */
  playing: boolean;
  round: PublicRoundView;
  moments: PublicMoment[];
  /** This person's answers to pinned questions from any of their screens (trivia:moment-result). */
  answered: MomentResult[];
  clock: ClockState | null;
  offsetMs: number;
  request: Request;
  onError(message: string | null): void;
}) {
  const { round, moments, clock, offsetMs, request, onError } = props;
  const [askedHere, setAsked] = useState<AskedMoment[]>([]);
  // Answered in the extension's panel or another tab: shown as answered here, never asked again.
  const asked = useMemo(() => props.answered.filter((r) => r.roundId === round.roundId).reduce(withResult, askedHere), [props.answered, round.roundId, askedHere]);
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  const reporting = useRef(new Set<string>());
  /** Refused reports per pinned question: after a few, it is not asked again here. */
  const refusals = useRef(new Map<string, number>());
  const roundId = round.roundId;
  // Another round: nothing of this one's stays asked.
  const [askedIn, setAskedIn] = useState(roundId);
  if (askedIn !== roundId) {
    setAskedIn(roundId);
    setAsked([]);
  }

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 1000);
    return () => clearInterval(timer);
  }, [offsetMs]);

  // The party clock passed a pinned moment: the server starts this viewer's time, then the question shows.
  useEffect(() => {
    if (round.phase === "podium" || !clock || !props.playing) return;
    const givenUp = [...refusals.current].filter(([, count]) => count >= 3).map(([pinId]) => pinId);
    const done = new Set([...asked.map((a) => a.pinId), ...reporting.current, ...givenUp]);
    const due = dueMoment(moments, { episode: clock.episode, positionMs: positionAt(clock, now) }, done);
    if (!due) return;
    reporting.current.add(due.pinId);
    void request("trivia:shown", { roundId, pinId: due.pinId })
      .then((result) => {
        if (result.data) setAsked((list) => [...list, { pinId: due.pinId, ...result.data, result: null }]);
        else refusals.current.set(due.pinId, (refusals.current.get(due.pinId) ?? 0) + 1);
      })
      .finally(() => reporting.current.delete(due.pinId));
  }, [now, clock, moments, asked, round.phase, roundId, request, props.playing]);

  const current = currentMoment(asked, now);
  const moment = current ? moments.find((m) => m.pinId === current.pinId) : undefined;
  const answer = async (input: AnswerInput) => {
    if (!current) return;
    const result = await request("trivia:moment-answer", { roundId, pinId: current.pinId, answer: input });
    onError(result.error);
    if (result.data) {
      const scored = result.data;
      setAsked((list) => list.map((a) => (a.pinId === current.pinId ? { ...a, result: { correct: scored.correct, points: scored.points } } : a)));
    }
  };

  // Nothing to ask, pin or say (the podium, no pins): no empty block in the card.
  if (!(current && moment) && !(props.isHost && round.phase !== "podium") && !(!props.isHost && moments.length > 0)) return null;
  return (
    <div className="grid gap-3" data-testid="trivia-moments">
      {current && moment ? (
        <section aria-labelledby="moment-heading" className="grid gap-2" data-testid="trivia-moment">
          <h3 id="moment-heading" className="m-0 text-base">
            At {formatTimecode(moment.positionMs)}: a question
          </h3>
          <p className="m-0 text-lg font-bold">{moment.question.prompt}</p>
          {current.result ? (
            <p role="status" className="m-0">
              {current.result.correct ? `Right: +${current.result.points} points.` : "Not this time."}
            </p>
          ) : now < current.closesAt ? (
            <>
              <p className="hint m-0">{Math.max(0, Math.ceil((current.closesAt - now) / 1000))} s left</p>
              <AnswerControls question={moment.question} onAnswer={(input) => void answer(input)} />
            </>
          ) : (
            <p role="status" className="m-0">
              Time is up for this question.
            </p>
          )}
        </section>
      ) : null}
      {props.isHost && round.phase !== "podium" ? <PinForm round={round} moments={moments} clock={clock} now={now} request={request} onError={onError} /> : null}
      {!props.isHost && moments.length > 0 ? (
        <p className="hint m-0">
          {moments.length === 1 ? "A question is" : `${moments.length} questions are`} pinned to moments of the episode: each shows when the party gets there.
        </p>
      ) : null}
    </div>
  );
}

/** "At 23:40 in episode 1, ask question 3 of the deck." */
function PinForm(props: {
  round: PublicRoundView;
  moments: PublicMoment[];
  clock: ClockState | null;
  now: number;
  request: Request;
  onError(message: string | null): void;
}) {
  const [at, setAt] = useState(() => (props.clock ? formatTimecode(positionAt(props.clock, props.now)) : "0:00"));
  const [episode, setEpisode] = useState(props.clock?.episode ?? 1);
  const [question, setQuestion] = useState(1);
  const [deck, setDeck] = useState<"ballard" | "party">("ballard");
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const positionMs = parseTimecode(at);
    if (positionMs === null) return props.onError("Give the moment as minutes:seconds, like 23:40.");
    setPending(true);
    const result = await props.request("trivia:pin", { roundId: props.round.roundId, deck, question: question - 1, episode, positionMs });
    setPending(false);
    props.onError(result.error);
  };
  // Open in the lobby, where a host prepares the round; folded while a question is on the stage.
  return (
    <details className="grid gap-2" open={props.round.phase === "lobby"} data-testid="pin-moments">
      <summary className="cursor-pointer">
        Pin a question to a moment{props.moments.length > 0 ? ` (${props.moments.length} pinned)` : ""}
      </summary>
      <form className="form" aria-label="Pin a question to a moment" onSubmit={(e) => void submit(e)}>
        <p className="hint m-0">Each viewer is asked it when their own player gets there.</p>
        <label htmlFor="moment-at">At (minutes:seconds)</label>
        <input id="moment-at" type="text" inputMode="numeric" autoComplete="off" value={at} onChange={(e) => setAt(e.target.value)} />
        <label htmlFor="moment-episode">In episode</label>
        <input id="moment-episode" type="number" min={1} value={episode} onChange={(e) => setEpisode(Number(e.target.value))} />
        <label htmlFor="moment-deck">From the deck</label>
        <select id="moment-deck" value={deck} onChange={(e) => setDeck(e.target.value as "ballard" | "party")}>
          <option value="ballard">The Ballard premiere article (built in)</option>
          <option value="party">This party&apos;s own deck</option>
        </select>
        <label htmlFor="moment-question">Ask question number</label>
        <input id="moment-question" type="number" min={1} value={question} onChange={(e) => setQuestion(Number(e.target.value))} />
        <button type="submit" disabled={pending}>
          Pin the question
        </button>
      </form>
      {props.moments.length > 0 ? (
        <ul className="m-0 grid gap-1 pl-5" aria-label="Pinned questions">
          {props.moments.map((m) => (
            <li key={m.pinId}>
              Episode {m.episode} at {formatTimecode(m.positionMs)}: {m.question.prompt}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
