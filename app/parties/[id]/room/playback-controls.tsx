"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ClockState } from "@/shared/party-clock";
import type { ControlMode } from "@/server/realtime/protocol";
import { formatTimecode } from "@/shared/format-timecode";
import { parseTimecode } from "@/shared/clock-change";

const EPISODES = Array.from({ length: 10 }, (_, i) => i + 1);
const NUDGE_MS = 2000;
const STEP_MS = 10_000;

/** Typing in a field or pressing a button keeps its own keys: the shortcuts are for the page. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A"].includes(target.tagName) || target.getAttribute("role") === "tab";
}

/** Space plays or pauses, ← and → jump 10 s: for whoever controls the clock. */
function useShortcuts(enabled: boolean, keys: { toggle(): void; step(deltaMs: number): void }) {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || ownsKeys(event.target)) return;
      if (event.key === " ") latest.current.toggle();
      else if (event.key === "ArrowLeft") latest.current.step(-STEP_MS);
      else if (event.key === "ArrowRight") latest.current.step(STEP_MS);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

/**
 * The episode as a player has it: a scrubber over the whole episode (a drag
 * or arrow keys; the seek goes once the hand stops) and a time to type.
 */
function Scrubber(props: { positionMs: number; episodeMs: number; onSeek(positionMs: number): void }) {
  const [dragging, setDragging] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [typed, setTyped] = useState("");
  const [typedError, setTypedError] = useState<string | null>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  const shown = dragging ?? Math.min(props.positionMs, props.episodeMs);
  const seekTo = (ms: number) => {
    setDragging(ms);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      props.onSeek(ms);
      setDragging(null);
    }, 350);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ms = parseTimecode(typed);
    if (ms === null) return setTypedError("Type a time such as 23:40 or 1:02:03.");
    if (ms > props.episodeMs) return setTypedError(`The episode is ${formatTimecode(props.episodeMs)} long.`);
    setTypedError(null);
    setTyped("");
    props.onSeek(ms);
  };
  return (
    <div className="grid gap-2">
      <div className="flex items-center gap-2">
        <span className="text-sm tabular-nums text-muted" aria-hidden="true">
          {formatTimecode(shown)}
        </span>
        <input
          type="range"
          className="scrubber min-w-0 flex-1"
          min={0}
          max={Math.round(props.episodeMs / 1000)}
          step={1}
          value={Math.round(shown / 1000)}
          aria-label="Episode position"
          aria-valuetext={`${formatTimecode(shown)} of ${formatTimecode(props.episodeMs)}`}
          data-testid="scrubber"
          onChange={(e) => seekTo(Number(e.target.value) * 1000)}
        />
        <span className="text-sm tabular-nums text-muted" aria-hidden="true">
          {formatTimecode(props.episodeMs)}
        </span>
      </div>
      <form className="flex flex-wrap items-center gap-2" onSubmit={submit}>
        <label className="m-0" htmlFor="go-to-time">
          Go to
        </label>
        <input
          id="go-to-time"
          className="w-24"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="23:40"
          value={typed}
          aria-invalid={typedError ? true : undefined}
          aria-describedby={typedError ? "go-to-time-error" : undefined}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="secondary mt-0">
          Go
        </button>
        {typedError ? (
          <span id="go-to-time-error" role="alert" className="form-error">
            {typedError}
          </span>
        ) : null}
      </form>
    </div>
  );
}

type Command = { type: "play" } | { type: "pause" } | { type: "seek"; positionMs: number } | { type: "episode"; episode: number };

/** The party clock's controls (for whoever may control it) and this viewer's own player reports. */
export function PlaybackControls(props: {
  clock: ClockState;
  positionNow(): number;
  /** The party clock's position at the last redraw (the scrubber shows it). */
  positionMs: number;
  episodeMs: number;
  canControl: boolean;
  isModerator: boolean;
  isHost: boolean;
  controlMode: ControlMode;
  driftMs: number;
  inSync: boolean;
  ready: boolean;
  onCommand(command: Command): void;
  onCountdown(): void;
  onControlMode(mode: ControlMode): void;
  onReport(driftMs: number, inSync: boolean): void;
  onReady(ready: boolean): void;
  /** False when the TV remote (tv-remote.tsx) already asks where this viewer's player is. */
  showPlayerReport?: boolean;
}) {
  const { clock, driftMs } = props;
  const step = (deltaMs: number) => props.onCommand({ type: "seek", positionMs: Math.min(props.episodeMs, Math.max(0, props.positionNow() + deltaMs)) });
  useShortcuts(props.canControl, { toggle: () => props.onCommand({ type: clock.playing ? "pause" : "play" }), step });
  return (
    <div className="grid gap-3">
      {props.canControl ? (
        <Scrubber positionMs={props.positionMs} episodeMs={props.episodeMs} onSeek={(positionMs) => props.onCommand({ type: "seek", positionMs })} />
      ) : null}
      {props.canControl ? (
        <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Playback">
          <button type="button" className="mt-0" aria-keyshortcuts="Space" onClick={() => props.onCommand({ type: clock.playing ? "pause" : "play" })}>
            {clock.playing ? "Pause" : "Play"}
          </button>
          <button type="button" className="secondary mt-0" onClick={() => step(-STEP_MS)} aria-keyshortcuts="ArrowLeft">
            Back 10 s
          </button>
          <button type="button" className="secondary mt-0" onClick={() => step(STEP_MS)} aria-keyshortcuts="ArrowRight">
            Forward 10 s
          </button>
          <label className="inline mt-0">
            Episode{" "}
            <select value={clock.episode} onChange={(e) => props.onCommand({ type: "episode", episode: Number(e.target.value) })}>
              {EPISODES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          {props.isModerator ? (
            <button type="button" className="mt-0" onClick={props.onCountdown}>
              Start “3, 2, 1”
            </button>
          ) : null}
        </div>
      ) : (
        <p className="hint">The host controls playback.</p>
      )}
      {props.canControl ? (
        <p className="hint" data-testid="shortcut-hint">
          Keys: <kbd>Space</kbd> play or pause, <kbd>←</kbd> <kbd>→</kbd> 10 s back or forward.
        </p>
      ) : null}
      {props.isHost ? (
        <label className="choice">
          <input type="checkbox" checked={props.controlMode === "everyone"} onChange={(e) => props.onControlMode(e.target.checked ? "everyone" : "hosts")} /> Let
          everyone control playback
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Your player">
        {props.showPlayerReport === false ? null : (
          <>
            <button type="button" className="secondary small m-0" onClick={() => props.onReport(driftMs - NUDGE_MS, false)}>
              I&apos;m 2 s behind
            </button>
            <button type="button" className="secondary small m-0" onClick={() => props.onReport(driftMs + NUDGE_MS, false)}>
              I&apos;m 2 s ahead
            </button>
            <button type="button" className="secondary small m-0" aria-pressed={props.inSync} onClick={() => props.onReport(0, true)}>
              I&apos;m in sync
            </button>
          </>
        )}
        <label className="choice">
          <input type="checkbox" checked={props.ready} onChange={(e) => props.onReady(e.target.checked)} /> I&apos;m ready
        </label>
      </div>
      {props.showPlayerReport === false ? null : (
      <p className="hint" data-testid="my-drift">
        Your player: {driftMs === 0 ? "in step with the party" : `${Math.abs(driftMs / 1000)} s ${driftMs < 0 ? "behind" : "ahead"}`}.
      </p>
      )}
    </div>
  );
}
