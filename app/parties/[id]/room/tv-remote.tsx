"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { formatTimecode } from "@/shared/format-timecode";
import { parseTimecode } from "@/shared/clock-change";

export type WatchMode = "tv" | "browser";

const KEY = "bwp-watch-mode";
const PHONE = "(max-width: 63.99rem)";
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const read = (): WatchMode => {
  const stored = window.localStorage.getItem(KEY);
  if (stored === "tv" || stored === "browser") return stored;
  // A phone is a remote: the show is on the TV.
  return window.matchMedia(PHONE).matches ? "tv" : "browser";
};

/** How this viewer watches: on a TV or another screen (the phone is a remote), or in this browser; remembered here. */
export function useWatchMode(): [WatchMode, (mode: WatchMode) => void] {
  const mode = useSyncExternalStore(subscribe, read, () => "browser" as const);
  const set = (next: WatchMode) => {
    window.localStorage.setItem(KEY, next);
    listeners.forEach((l) => l());
  };
  return [mode, set];
}

export function WatchModeChoice(props: { mode: WatchMode; onChange(mode: WatchMode): void }) {
  return (
    <div className="chip-row" role="group" aria-label="How are you watching?">
      <span className="text-sm text-muted">Watching</span>
      {(
        [
          ["tv", "on a TV"],
          ["browser", "in this browser"],
        ] as const
      ).map(([value, label]) => (
        <button key={value} type="button" className="chip" aria-pressed={props.mode === value} onClick={() => props.onChange(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}

const NUDGE_MS = 5000;

/**
 * The phone as a remote for the show on the TV: tell the party where your TV
 * is ("I'm behind", "I'm ahead", "I'm at 12:31"), in one action each.
 */
export function TvRemote(props: { driftMs: number; partyPositionMs: number; prompt: string; onReport(driftMs: number, inSync: boolean): void }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const at = parseTimecode(typed);
    if (at === null) return setError("Type the time your TV shows, such as 12:31.");
    setError(null);
    setTyped("");
    // Rounded to the second people read off a screen.
    props.onReport(Math.round((at - props.partyPositionMs) / 1000) * 1000, false);
  };
  const drift = props.driftMs;
  return (
    <section aria-labelledby="tv-heading" className="card grid gap-3" data-testid="tv-remote">
      <h2 id="tv-heading" className="m-0 text-lg">
        Your TV
      </h2>
      <p className="m-0 text-muted" data-testid="tv-prompt">
        On Prime Video: {props.prompt}
      </p>
      <p className="m-0" aria-live="polite" data-testid="tv-drift">
        {drift === 0 ? "In step with the party." : `${formatTimecode(Math.abs(drift))} ${drift < 0 ? "behind" : "ahead of"} the party.`}
      </p>
      <div className="grid grid-cols-2 gap-2">
        <button type="button" className="big m-0" onClick={() => props.onReport(drift - NUDGE_MS, false)}>
          I&apos;m behind <span className="block text-sm font-normal">5 s</span>
        </button>
        <button type="button" className="big m-0" onClick={() => props.onReport(drift + NUDGE_MS, false)}>
          I&apos;m ahead <span className="block text-sm font-normal">5 s</span>
        </button>
      </div>
      <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
        <div className="field min-w-0 flex-1">
          <label htmlFor="tv-at">I&apos;m at</label>
          <input
            id="tv-at"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="12:31"
            value={typed}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "tv-at-error" : undefined}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <button type="submit" className="m-0">
          Set
        </button>
        <button type="button" className="secondary m-0" aria-pressed={drift === 0} onClick={() => props.onReport(0, true)}>
          I&apos;m in sync
        </button>
      </form>
      {error ? (
        <p id="tv-at-error" role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
