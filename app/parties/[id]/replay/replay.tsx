"use client";

import Link from "next/link";
import { useCallback, useMemo, useRef, useState } from "react";
import { applyCommand, initialClock, positionAt, type ClockCommand, type ClockState } from "@/shared/party-clock";
import { burstingAt, momentsOf, visibleAt } from "@/shared/replay-moments";
import type { PartyReplay } from "@/server/room/replay-party.types";
import { ErrorAlert } from "../../../_components/error-alert";
import { HeatMap } from "../room/heat-map";
import { LocalPlayer } from "../room/local-player";
import { useSecondTick } from "../room/use-second-tick";
import { EpisodePicker } from "./episode-picker";
import { ReactionBursts } from "./reaction-bursts";
import { ReplayControls } from "./replay-controls";
import { ReplayLog } from "./replay-log";
import { ReplayTrivia } from "./replay-trivia";

/**
 * Watching a party back: a replay clock of the viewer's own (the party
 * clock's pure rules on this browser's time) or a local copy following it,
 * and the chat and reactions coming in at the moments they were sent.
 */
export function Replay(props: { replay: PartyReplay; partyPath: string }) {
  const { replay } = props;
  const firstEpisode = replay.messages[0]?.episode ?? replay.episodes[0] ?? 1;
  // Paused at 0 until the viewer plays: the instant it was taken at does not matter yet.
  const [clock, setClock] = useState<ClockState>(() => initialClock(firstEpisode, 0));
  const [error, setError] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement | null>(null);

  const serverNow = useSecondTick(clock, 0, null);
  const episodeMessages = useMemo(() => replay.messages.filter((m) => m.episode === clock.episode), [replay.messages, clock.episode]);
  const episodeReactions = useMemo(() => replay.reactions.filter((r) => r.episode === clock.episode), [replay.reactions, clock.episode]);
  const lengthMs = Math.max(replay.episodeMinutes * 60_000, ...[...episodeMessages, ...episodeReactions].map((p) => Math.ceil((p.positionMs + 1) / 1000) * 1000));
  const positionMs = Math.min(lengthMs, positionAt(clock, serverNow));
  const point = { episode: clock.episode, positionMs };

  const command = useCallback((c: ClockCommand) => setClock((state) => applyCommand(state, c, Date.now())), []);
  const positionNow = useCallback(() => positionAt(clock, Date.now()), [clock]);

  // The end of the episode stops the replay there.
  if (clock.playing && positionMs >= lengthMs) setClock(applyCommand(applyCommand(clock, { type: "pause" }, serverNow), { type: "seek", positionMs: lengthMs }, serverNow));

  const counts = useMemo(() => {
    const byEpisode = new Map<number, number>();
    for (const m of replay.messages) byEpisode.set(m.episode, (byEpisode.get(m.episode) ?? 0) + 1);
    return byEpisode;
  }, [replay.messages]);
  const moments = useMemo(() => momentsOf([...episodeMessages, ...episodeReactions], clock.episode), [episodeMessages, episodeReactions, clock.episode]);
  const seek = (to: number) => command({ type: "seek", positionMs: to });

  return (
    <div className="room-page grid grid-cols-1 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] lg:items-start lg:gap-4">
      <header className="grid gap-1 lg:col-span-2">
        <h1 className="m-0 text-xl lg:text-3xl">Watch it back: {replay.title}</h1>
        <p className="hint">
          The chat and reactions come in at the moments they were sent, on your own replay clock (or your own copy of the episode). Nothing ahead of your
          position shows. <Link href={props.partyPath}>Back to the party</Link>
        </p>
        {replay.cancelled ? <p className="hint">This party was cancelled: here is what was said before.</p> : null}
        {replay.truncated ? <p className="hint">This party said more than a replay carries: the latest moments are left out.</p> : null}
      </header>

      <section aria-labelledby="replay-clock-heading" className="card grid min-w-0 gap-3">
        <h2 id="replay-clock-heading" className="m-0 text-lg">
          Replay clock
        </h2>
        <EpisodePicker episodes={replay.episodes} counts={counts} value={clock.episode} onChange={(episode) => command({ type: "episode", episode })} />
        <ReplayControls
          playing={clock.playing}
          positionMs={positionMs}
          lengthMs={lengthMs}
          onPlay={(playing) => command({ type: playing ? "play" : "pause" })}
          onSeek={seek}
        />
        <ReactionBursts reactions={burstingAt(episodeReactions, point)} />
        <ErrorAlert message={error} />
      </section>

      <div className="h-[55dvh] min-h-72 min-w-0 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-3 lg:row-start-2 lg:h-[calc(100dvh-10rem)]">
        <ReplayLog messages={visibleAt(episodeMessages, point)} total={episodeMessages.length} />
      </div>

      <div className="grid min-w-0 grid-cols-1 gap-3 lg:gap-4">
        <ReplayTrivia rounds={replay.trivia} point={point} />
        <HeatMap moments={moments} minutes={replay.episodeMinutes} positionMs={positionMs} onSeek={seek} />
        <LocalPlayer
          clock={clock}
          offsetMs={0}
          positionNow={positionNow}
          videoRef={videoRef}
          detached={false}
          onRejoin={() => setError(null)}
          onOpen={() => setError(null)}
          onError={setError}
        />
      </div>
    </div>
  );
}
