"use client";

import { useState, type FormEvent } from "react";
import { formatTimecode } from "@/shared/format-timecode";
import { parseTimecode } from "@/shared/clock-change";

/**
 * The spoiler shield, explained where it acts: on or off in one press, how
 * many messages it hides now and why, and "I'm at …" to say where you are in
 * one action (the shield then hides what is past that point).
 */
export function SpoilerShield(props: {
  off: boolean;
  hiddenCount: number;
  episode: number;
  placeMs: number;
  onOff(off: boolean): void;
  /** Resolves with an error to show, or null. */
  onPlace(positionMs: number): Promise<string | null> | void;
}) {
  const [place, setPlace] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ms = parseTimecode(place);
    if (ms === null) return setProblem("Type where you are as minutes:seconds, like 23:40.");
    setProblem(null);
    const failed = await props.onPlace(ms);
    if (failed) setProblem(failed);
    else setPlace("");
  };
  return (
    <div className="grid gap-1 rounded-md bg-well px-2 py-1.5 text-sm" data-testid="spoiler-shield">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button
          type="button"
          className="small secondary m-0"
          aria-pressed={!props.off}
          onClick={() => props.onOff(!props.off)}
          data-testid="shield-toggle"
        >
          🛡 Spoiler shield: {props.off ? "off" : "on"}
        </button>
        <form className="flex items-center gap-1" onSubmit={submit} aria-label="Say where you are">
          <label htmlFor="my-place">
            I&apos;m at E{props.episode}
          </label>
          <input
            id="my-place"
            className="w-20 px-2 py-1 text-sm"
            inputMode="numeric"
            autoComplete="off"
            placeholder={formatTimecode(props.placeMs)}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            aria-describedby={problem ? "my-place-problem" : undefined}
          />
          <button type="submit" className="small secondary m-0">
            Set
          </button>
        </form>
      </div>
      <p className="m-0 text-muted" aria-live="polite" data-testid="shield-explained">
        {props.off
          ? "Off: you see every message as it comes (ones marked as spoilers by their senders stay hidden)."
          : props.hiddenCount > 0
            ? `Hiding ${props.hiddenCount} ${props.hiddenCount === 1 ? "message" : "messages"} written past where you are (E${props.episode} ${formatTimecode(props.placeMs)}): ${props.hiddenCount === 1 ? "it shows" : "they show"} when you get there, or reveal one.`
            : `Messages written past where you are (E${props.episode} ${formatTimecode(props.placeMs)}) stay hidden until you get there.`}
      </p>
      {problem ? (
        <p id="my-place-problem" role="alert" className="form-error m-0">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
