"use client";

import * as Tabs from "@radix-ui/react-tabs";
import { useCallback, useRef, useState } from "react";
import { positionAt } from "@/shared/party-clock";
import type { HistoryMessage } from "@/server/realtime/protocol";
import type { RoomEventName, RoomPayload } from "@/shared/room-client";
import { ShareInvite } from "../../../_components/share-invite";
import { ErrorAlert } from "../../../_components/error-alert";
import { ExtensionLink } from "./extension-link";
import { FloatingReactions } from "./floating-reactions";
import { CallPanel } from "./call/call-panel";
import { ChatPanel } from "./chat-panel";
import { ClockFace } from "./clock-face";
import { startPrompt } from "@/shared/clock-change";
import { ClockNews } from "./clock-news";
import { HeatMap } from "./heat-map";
import { LocalPlayer } from "./local-player";
import { Notices } from "./notices";
import { PeoplePanel } from "./people-panel";
import { PlaybackControls } from "./playback-controls";
import { TriviaPanel } from "./trivia/trivia-panel";
import { TvRemote, useWatchMode, WatchModeChoice } from "./tv-remote";
import { useRoom } from "./use-room";
import { useSecondTick } from "./use-second-tick";
import { useSpoilerMemory } from "./use-spoiler-memory";

type Tab = "chat" | "watch" | "trivia" | "people";

/** On a phone one panel shows at a time (the tabs); from `lg` up they all show, the chat in its own column. */
const PANEL = "min-w-0 data-[state=inactive]:hidden lg:data-[state=inactive]:grid";

export function Room(props: { partyId: string; title: string; invite: string | null; episodeMinutes: number; invitePath: string }) {
  const { view, send, request, positionNow, socketRef, whenInRoom } = useRoom(props.partyId, props.invite);
  const [driftMs, setDriftMs] = useState(0);
  const [inSync, setInSync] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("chat");
  const [localOpen, setLocalOpen] = useState(false);
  const [detached, setDetached] = useState(false);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [watchMode, setWatchMode] = useWatchMode();

  const you = view.snapshot?.you;
  const clock = view.clock;
  const serverNow = useSecondTick(clock, view.offsetMs, view.countdown);
  const partyPosition = clock ? positionAt(clock, serverNow) : 0;
  const myPoint = clock ? { episode: clock.episode, positionMs: Math.max(0, partyPosition + driftMs) } : null;
  const spoilers = useSpoilerMemory(props.partyId, myPoint);

  // A question takes the stage: on a phone the trivia tab opens by itself.
  const questionKey = view.trivia.round?.phase === "question" ? `${view.trivia.round.roundId}:${view.trivia.round.index}` : null;
  const [stagedQuestion, setStagedQuestion] = useState(questionKey);
  if (questionKey !== stagedQuestion) {
    setStagedQuestion(questionKey);
    if (questionKey) setTab("trivia");
  }

  const act = useCallback(async <E extends RoomEventName>(event: E, payload: RoomPayload<E>) => setError(await send(event, payload)), [send]);
  const onTyping = useCallback((typing: boolean) => void send("chat:typing", { typing }), [send]);

  if (view.status === "error") {
    return (
      <>
        <h1>{props.title}</h1>
        <p role="alert" className="form-error">
          {view.error}
        </p>
      </>
    );
  }
  if (!clock || !you || !myPoint) return <p role="status">Joining the room…</p>;

  const canControl = you.role !== "guest" || view.controlMode === "everyone";
  const isModerator = you.role !== "guest";
  // A message or reaction carries the exact place (not the second on screen).
  const stampNow = () => ({ episode: clock.episode, positionMs: Math.max(0, Math.round(positionNow() + driftMs)) });
  const report = (drift: number, synced: boolean) => {
    setDriftMs(drift);
    setInSync(synced);
    void act("viewer:report", { driftMs: drift, inSync: synced });
  };
  const seekLocal = (positionMs: number) => {
    const video = videoRef.current;
    if (!video) return;
    setDetached(true);
    video.currentTime = positionMs / 1000;
    void video.play().catch(() => undefined);
  };
  const onSeekMoment = canControl
    ? (positionMs: number) => void act("clock:command", { command: { type: "seek", positionMs } })
    : localOpen
      ? seekLocal
      : null;
  const staged = view.trivia.round?.phase === "question" || view.trivia.round?.phase === "reveal";
  const here = view.presenceCount.here;

  return (
    <Tabs.Root
      value={tab}
      onValueChange={(value) => setTab(value as Tab)}
      className="room-page grid gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] lg:items-start lg:gap-4"
    >
      <h1 className="room-title order-[-3] m-0 line-clamp-2 text-xl lg:col-span-2 lg:line-clamp-none lg:text-3xl" title={props.title}>
        {props.title}
      </h1>

      <section aria-labelledby="clock-heading" className="card clock-card sticky top-0 z-20 order-[-2] grid gap-2 shadow-lg lg:relative lg:shadow-none">
        <h2 id="clock-heading" className="visually-hidden">
          Party clock
        </h2>
        <ClockFace clock={clock} serverNow={serverNow} countdown={view.countdown} />
        <ClockNews clock={clock} change={view.clockChange} />
        <FloatingReactions reactions={view.floating} />
        {isModerator ? (
          <a className="justify-self-start text-sm" href={`/parties/${props.partyId}/stage`} target="_blank" rel="noopener" data-testid="open-stage">
            Open the TV stage ↗
          </a>
        ) : null}
        <ErrorAlert message={error} />
      </section>

      {/* The call: under the clock on a desktop; on a phone in the People tab, so only the clock sits above the tabs (it stays mounted elsewhere: its audio goes on). */}
      <div className={`min-w-0 lg:order-[-2] lg:grid ${tab === "people" ? "order-[-1] grid" : "hidden"}`}>
        <CallPanel
          socketRef={socketRef}
          whenInRoom={whenInRoom}
          partyId={props.partyId}
          youUserId={you.userId}
          isModerator={isModerator}
          playerRef={videoRef}
          onHost={(action, userId) => send("call:host", { action, ...(userId ? { userId } : {}) })}
        />
      </div>

      <Tabs.List aria-label="Room panels" className="order-[-2] grid grid-cols-4 gap-1 rounded-lg bg-panel p-1 lg:hidden">
        {(
          [
            ["chat", "Chat"],
            ["people", `People ${here}`],
            ["trivia", view.trivia.round ? "Trivia •" : "Trivia"],
            ["watch", "Watch"],
          ] as const
        ).map(([value, label]) => (
          <Tabs.Trigger
            key={value}
            value={value}
            className="m-0 min-w-0 truncate rounded-md bg-transparent px-1 py-2 text-xs text-ink min-[360px]:text-sm data-[state=active]:bg-accent data-[state=active]:text-bg"
          >
            {label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>

      <Tabs.Content
        value="chat"
        forceMount
        className={`${PANEL} h-[55dvh] min-h-72 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-6 lg:row-start-2 lg:h-[calc(100dvh-10rem)]`}
      >
        <ChatPanel
          messages={view.messages}
          youId={you.userId}
          muted={you.muted}
          isModerator={isModerator}
          typing={Object.entries(view.typing)
            .filter(([userId]) => userId !== you.userId)
            .map(([, t]) => t.name)}
          point={myPoint}
          furthest={spoilers.furthest}
          revealed={spoilers.revealed}
          onReveal={spoilers.reveal}
          shieldOff={spoilers.off}
          onShieldOff={spoilers.setOff}
          onPlace={(positionMs) => report(positionMs - positionNow(), false)}
          onSend={async (text, spoiler) => {
            const failed = await send("chat:send", { clientId: crypto.randomUUID(), text, spoiler, ...stampNow() });
            setError(failed);
            return failed;
          }}
          onTyping={onTyping}
          onReact={(message: HistoryMessage | null, emoji) =>
            act("chat:react", message ? { messageId: message.id, emoji, episode: message.episode, positionMs: message.positionMs } : { messageId: null, emoji, ...stampNow() })
          }
          onDelete={(messageId) => act("chat:delete", { messageId })}
          onMute={(userId) => act("member:mute", { userId, on: true })}
        />
      </Tabs.Content>

      <Tabs.Content value="watch" forceMount className={`${PANEL} side-panel gap-3 lg:gap-4`}>
        <WatchModeChoice mode={watchMode} onChange={setWatchMode} />
        {watchMode === "tv" ? <TvRemote driftMs={driftMs} partyPositionMs={partyPosition} onReport={report} prompt={view.clockChange?.prompt ?? startPrompt(clock)} /> : null}
        <section aria-labelledby="playback-heading" className="card grid gap-2">
          <h2 id="playback-heading" className="m-0 text-lg">
            Playback
          </h2>
          <PlaybackControls
            clock={clock}
            positionNow={positionNow}
            positionMs={partyPosition}
            episodeMs={props.episodeMinutes * 60_000}
            canControl={canControl}
            isModerator={isModerator}
            isHost={you.role === "host"}
            controlMode={view.controlMode}
            driftMs={driftMs}
            inSync={inSync}
            ready={Boolean(view.presence.find((p) => p.userId === you.userId)?.ready)}
            onCommand={(command) => act("clock:command", { command })}
            onCountdown={() => act("ready:countdown", { seconds: 3 })}
            onControlMode={(mode) => act("clock:control-mode", { mode })}
            onReport={report}
            onReady={(ready) => act("ready:set", { ready })}
            showPlayerReport={watchMode === "browser"}
          />
        </section>
        <HeatMap
          moments={view.moments.filter((m) => m.episode === clock.episode)}
          minutes={props.episodeMinutes}
          positionMs={partyPosition}
          onSeek={onSeekMoment}
        />
        {watchMode === "browser" ? (
          <>
            <LocalPlayer
              clock={clock}
              offsetMs={view.offsetMs}
              positionNow={positionNow}
              videoRef={videoRef}
              detached={detached}
              onRejoin={() => setDetached(false)}
              onOpen={setLocalOpen}
              onError={setError}
            />
            <ExtensionLink partyId={props.partyId} invite={props.invite} />
          </>
        ) : null}
        <section aria-labelledby="room-invite-heading" className="card grid gap-2">
          <h2 id="room-invite-heading" className="m-0 text-lg">
            Invite people
          </h2>
          <ShareInvite path={props.invitePath} title={props.title} testId="room-share-invite" />
        </section>
      </Tabs.Content>

      <Tabs.Content value="trivia" forceMount className={`${PANEL} ${staged ? "order-[-1]" : ""}`}>
        <TriviaPanel
          partyId={props.partyId}
          userId={you.userId}
          role={you.role}
          round={view.trivia.round}
          you={view.trivia.you}
          moments={view.trivia.moments}
          answeredMoments={view.answeredMoments}
          clock={view.clock}
          offsetMs={view.offsetMs}
          request={request}
        />
      </Tabs.Content>

      <Tabs.Content value="people" forceMount className={`${PANEL} side-panel`}>
        <PeoplePanel
          presence={view.presence}
          count={view.presenceCount}
          isModerator={isModerator}
          onMute={(userId, on) => act("member:mute", { userId, on })}
          onRemove={(userId) => act("member:remove", { userId })}
        />
      </Tabs.Content>
      <Notices notices={view.notices} />
    </Tabs.Root>
  );
}
