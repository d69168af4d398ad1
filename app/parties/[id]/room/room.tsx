"use client";

import "../../../_components/zod-without-eval";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { REACTIONS } from "@/server/room/room-events.types";
import { isSpoilerFor } from "@/server/room/spoiler";
import { decideCorrection, SYNC_THRESHOLDS } from "@/server/room/sync-thresholds";
import type { ChatMessage, MomentBucket } from "@/server/realtime/protocol";
import { formatTimecode } from "../../../_components/format-timecode";
import { useNow } from "../../../_components/use-now";
import { ExtensionLink } from "./extension-link";
import { TriviaPanel } from "./trivia-panel";
import { useRoom } from "./use-room";
import { ErrorAlert } from "../../../_components/error-alert";

const NUDGE_MS = 2000;
const EPISODES = Array.from({ length: 10 }, (_, i) => i + 1);

export function Room(props: { partyId: string; title: string; invite: string | null; episodeMinutes: number }) {
  const { view, send, request, positionNow } = useRoom(props.partyId, props.invite);
  const now = useNow();
  const [driftMs, setDriftMs] = useState(0);
  const [inSync, setInSync] = useState(false);
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [videoSrc, setVideoSrc] = useState<string | null>(null);

  const you = view.snapshot?.you;
  const clock = view.clock;
  const canControl = Boolean(you && (you.role !== "guest" || view.controlMode === "everyone"));
  const isModerator = Boolean(you && you.role !== "guest");
  // Recomputed on every tick of `now`: the party clock as this viewer sees it.
  void now;
  const partyPosition = positionNow();
  const myPoint = { episode: clock?.episode ?? 1, positionMs: Math.max(0, partyPosition + driftMs) };

  const act = async (event: Parameters<typeof send>[0], payload: Record<string, unknown>) => setError(await send(event, payload));

  const report = (drift: number, synced: boolean) => {
    setDriftMs(drift);
    setInSync(synced);
    void act("viewer:report", { driftMs: drift, inSync: synced });
  };
  // "Typing" goes out when it starts and when it stops, not on every key (the server limits it).
  const typingSent = useRef(false);
  const setTyping = (typing: boolean) => {
    if (typingSent.current === typing) return;
    typingSent.current = typing;
    void send("chat:typing", { typing });
  };

  // A local video follows the party clock: rate for small drift, seek for large.
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !videoSrc || !clock) return;
    const timer = setInterval(() => {
      const target = positionNow();
      if (!clock.playing) {
        if (!video.paused) video.pause();
        if (Math.abs(video.currentTime * 1000 - target) > SYNC_THRESHOLDS.pausedSeekMs) video.currentTime = target / 1000;
        return;
      }
      if (video.paused) void video.play().catch(() => undefined);
      const correction = decideCorrection({ playerMs: video.currentTime * 1000, targetMs: target, clockRate: clock.rate });
      if (correction.action === "seek") video.currentTime = correction.positionMs / 1000;
      video.playbackRate = correction.action === "rate" ? correction.rate : clock.rate;
    }, 500);
    return () => clearInterval(timer);
  }, [videoSrc, clock, positionNow]);

  async function onSend(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    const failed = await send("chat:send", { clientId: crypto.randomUUID(), text, ...myPoint, positionMs: Math.round(myPoint.positionMs) });
    setError(failed);
    if (!failed) setDraft("");
    setTyping(false);
  }

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
  if (!clock || !you) return <p role="status">Joining the room…</p>;

  const countdownLeft = view.countdownAt !== null && now !== null ? view.countdownAt - (now + view.offsetMs) : null;

  return (
    <div className="room">
      <h1>{props.title}</h1>
      <section aria-labelledby="clock-heading" className="card clock">
        <h2 id="clock-heading">Party clock</h2>
        <p className="timecode" aria-live="off" data-testid="timecode">
          <span className="episode">Episode {clock.episode}</span> <span data-testid="timecode-value">{formatTimecode(partyPosition)}</span>
          <span className="state">{clock.playing ? " ▶ playing" : " ❚❚ paused"}</span>
        </p>
        {countdownLeft !== null && countdownLeft > 0 ? (
          <p className="countdown" role="status" data-testid="countdown">
            Press play in {Math.ceil(countdownLeft / 1000)}…
          </p>
        ) : null}
        <MomentsBar moments={view.moments.filter((m) => m.episode === clock.episode)} minutes={props.episodeMinutes} positionMs={partyPosition} />
        {canControl ? (
          <div className="button-row" role="group" aria-label="Playback">
            <button type="button" onClick={() => act("clock:command", { command: { type: clock.playing ? "pause" : "play" } })}>
              {clock.playing ? "Pause" : "Play"}
            </button>
            <button type="button" onClick={() => act("clock:command", { command: { type: "seek", positionMs: Math.max(0, partyPosition - 10_000) } })}>
              Back 10 s
            </button>
            <button type="button" onClick={() => act("clock:command", { command: { type: "seek", positionMs: partyPosition + 10_000 } })}>
              Forward 10 s
            </button>
            <label className="inline">
              Episode{" "}
              <select value={clock.episode} onChange={(e) => act("clock:command", { command: { type: "episode", episode: Number(e.target.value) } })}>
                {EPISODES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            {isModerator ? (
              <button type="button" onClick={() => act("ready:countdown", { seconds: 3 })}>
                Start “3, 2, 1”
              </button>
            ) : null}
          </div>
        ) : (
          <p className="hint">The host controls playback.</p>
        )}
        {you.role === "host" ? (
          <label className="choice">
            <input
              type="checkbox"
              checked={view.controlMode === "everyone"}
              onChange={(e) => act("clock:control-mode", { mode: e.target.checked ? "everyone" : "hosts" })}
            />{" "}
            Let everyone control playback
          </label>
        ) : null}
        <div className="button-row" role="group" aria-label="Your player">
          <button type="button" className="secondary" onClick={() => report(driftMs - NUDGE_MS, false)}>
            I&apos;m 2 s behind
          </button>
          <button type="button" className="secondary" onClick={() => report(driftMs + NUDGE_MS, false)}>
            I&apos;m 2 s ahead
          </button>
          <button type="button" className="secondary" aria-pressed={inSync} onClick={() => report(0, true)}>
            I&apos;m in sync
          </button>
          <label className="choice">
            <input
              type="checkbox"
              checked={Boolean(view.presence.find((p) => p.userId === you.userId)?.ready)}
              onChange={(e) => act("ready:set", { ready: e.target.checked })}
            />{" "}
            I&apos;m ready
          </label>
        </div>
        <p className="hint" data-testid="my-drift">
          Your player: {driftMs === 0 ? "in step with the party" : `${Math.abs(driftMs / 1000)} s ${driftMs < 0 ? "behind" : "ahead"}`}.
        </p>
        <ErrorAlert message={error} />
      </section>

      <ExtensionLink partyId={props.partyId} invite={props.invite} />

      <section aria-labelledby="video-heading" className="card">
        <h2 id="video-heading">Play a local copy in sync</h2>
        <div className="row">
          <label htmlFor="video-file">Video file</label>
          <input id="video-file" type="file" accept="video/*" onChange={(e) => e.target.files?.[0] && setVideoSrc(URL.createObjectURL(e.target.files[0]))} />
        </div>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const url = String(new FormData(e.currentTarget).get("videoUrl") ?? "").trim();
            if (/^https?:\/\//.test(url)) setVideoSrc(url);
            else setError("Enter a video address that starts with http:// or https://.");
          }}
        >
          <label htmlFor="video-url">or a video address</label>
          <input id="video-url" name="videoUrl" type="url" placeholder="https://…" />
          <button type="submit" className="secondary">
            Play in sync
          </button>
        </form>
        {videoSrc ? <video ref={videoRef} src={videoSrc} controls={false} muted={false} className="video" aria-label="Local episode, following the party clock" /> : null}
      </section>

      <section aria-labelledby="people-heading" className="card">
        <h2 id="people-heading">In the room</h2>
        <ul className="people" data-testid="presence">
          {view.presence.map((p) => (
            <li key={p.userId}>
              {p.name}
              {p.role !== "guest" ? <span className="tag">{p.role === "host" ? "host" : "co-host"}</span> : null}
              <span className="tag">{p.connected ? "here" : "away"}</span>
              {p.ready ? <span className="tag">ready</span> : null}
              {p.muted ? <span className="tag">muted</span> : null}
              {p.inSync ? <span className="tag">in sync</span> : p.driftMs ? <span className="tag">{(p.driftMs / 1000).toFixed(1)} s</span> : null}
              {p.syncedBy === "extension" ? <span className="tag">synced by the extension</span> : null}
              {isModerator && p.role === "guest" ? (
                <>
                  <button type="button" className="small" onClick={() => act("member:mute", { userId: p.userId, on: true })}>
                    Mute {p.name}
                  </button>
                  <button type="button" className="small danger" onClick={() => act("member:remove", { userId: p.userId })}>
                    Remove {p.name}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        <div aria-live="polite" className="hint">
          {view.notices.at(-1) ?? ""}
        </div>
      </section>

      <TriviaPanel
        partyId={props.partyId}
        userId={you.userId}
        role={you.role}
        round={view.trivia.round}
        you={view.trivia.you}
        offsetMs={view.offsetMs}
        request={request}
      />

      <section aria-labelledby="chat-heading" className="card chat">
        <h2 id="chat-heading">Chat</h2>
        <div role="log" aria-live="polite" aria-label="Messages" className="messages" data-testid="messages">
          <ol>
          {view.messages.map((m) => (
            <Message
              key={m.id}
              message={m}
              hidden={isSpoilerFor(m, myPoint) && m.senderId !== you.userId && !revealed.has(m.id)}
              onReveal={() => setRevealed(new Set([...revealed, m.id]))}
              onReact={(emoji) => act("chat:react", { messageId: m.id, emoji, episode: m.episode, positionMs: m.positionMs })}
              onDelete={isModerator ? () => act("chat:delete", { messageId: m.id }) : undefined}
            />
          ))}
          </ol>
        </div>
        <p aria-live="polite" className="hint">
          {view.typing.length > 0 ? `${view.typing.join(", ")} ${view.typing.length === 1 ? "is" : "are"} typing…` : ""}
        </p>
        <form onSubmit={onSend} className="row">
          <label htmlFor="chat-input" className="visually-hidden">
            Your message
          </label>
          <input
            id="chat-input"
            value={draft}
            maxLength={500}
            disabled={you.muted}
            placeholder={you.muted ? "A host muted you" : "Say something (it carries your place in the episode)"}
            onChange={(e) => {
              setDraft(e.target.value);
              setTyping(e.target.value.length > 0);
            }}
          />
          <button type="submit" disabled={you.muted}>
            Send
          </button>
        </form>
        <div className="button-row" role="group" aria-label="React to this moment">
          {REACTIONS.map((emoji) => (
            <button key={emoji} type="button" className="small" aria-label={`React ${emoji} at this moment`} onClick={() => act("chat:react", { messageId: null, emoji, ...myPoint, positionMs: Math.round(myPoint.positionMs) })}>
              {emoji}
            </button>
          ))}
        </div>
      </section>
    </div>
  );
}

function Message(props: { message: ChatMessage; hidden: boolean; onReveal(): void; onReact(emoji: string): void; onDelete?: () => void }) {
  const { message: m } = props;
  return (
    <li className="message" data-testid="message">
      <span className="meta">
        {m.senderName} · E{m.episode} {formatTimecode(m.positionMs)}
      </span>{" "}
      {props.hidden ? (
        <>
          <span className="spoiler" aria-hidden="true" data-testid="spoiler">
            {m.text}
          </span>
          <span className="visually-hidden">Hidden: written at a point you have not reached.</span>{" "}
          <button type="button" className="small" onClick={props.onReveal}>
            Reveal spoiler
          </button>
        </>
      ) : (
        <span data-testid="message-text">{m.text}</span>
      )}
      {Object.entries(m.reactions).map(([emoji, count]) => (
        <span key={emoji} className="tag">
          {emoji} {count}
        </span>
      ))}
      <button type="button" className="small" aria-label={`React 👍 to ${m.senderName}'s message`} onClick={() => props.onReact("👍")}>
        👍
      </button>
      {props.onDelete ? (
        <button type="button" className="small danger" onClick={props.onDelete}>
          Delete
        </button>
      ) : null}
    </li>
  );
}

/** The episode's progress bar with a heat map of reactions and messages per minute. */
function MomentsBar(props: { moments: MomentBucket[]; minutes: number; positionMs: number }) {
  const peak = Math.max(1, ...props.moments.map((m) => m.count));
  const top = [...props.moments].sort((a, b) => b.count - a.count)[0];
  const progress = Math.min(100, (props.positionMs / (props.minutes * 60_000)) * 100);
  return (
    <figure className="moments">
      <div className="moments-bar" role="img" aria-label={top ? `Busiest moment: minute ${top.minute} with ${top.count} reactions and messages` : "No reactions yet in this episode"}>
        {props.moments.map((m) => (
          <span
            key={m.minute}
            className="moment"
            style={{ left: `${Math.min(100, (m.minute / props.minutes) * 100)}%`, opacity: 0.25 + (0.75 * m.count) / peak }}
          />
        ))}
        <span className="playhead" style={{ left: `${progress}%` }} />
      </div>
      <figcaption className="hint">Where people reacted in this episode.</figcaption>
    </figure>
  );
}
