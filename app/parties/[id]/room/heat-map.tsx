"use client";

import * as Tooltip from "@radix-ui/react-tooltip";
import { useRef, useState } from "react";
import type { MomentBucket } from "@/server/realtime/protocol";

const BUSIEST = 3;

/**
 * Column heights in twelve steps, as classes: the page's Content-Security-Policy
 * blocks inline style attributes in server-rendered HTML (the replay renders
 * this chart on the server), so no `style` here.
 */
const HEIGHTS = ["h-[8%]", "h-[17%]", "h-[25%]", "h-[33%]", "h-[42%]", "h-[50%]", "h-[58%]", "h-[67%]", "h-[75%]", "h-[83%]", "h-[92%]", "h-full"] as const;
const heightClass = (share: number) => HEIGHTS[Math.min(HEIGHTS.length - 1, Math.max(0, Math.ceil(share * HEIGHTS.length) - 1))]!;

const describe = (m: MomentBucket) => `minute ${m.minute}: ${m.count} ${m.count === 1 ? "reaction or message" : "reactions and messages"}`;

/**
 * The episode's heat map: one column per minute, as tall as the reactions and
 * messages sent in it, with a marker at the clock's position; the busiest
 * moments listed (a jump for a local copy) and a table as the text alternative.
 */
export function HeatMap(props: { moments: MomentBucket[]; minutes: number; positionMs: number; onSeek: ((positionMs: number) => void) | null }) {
  const minutes = Math.max(1, props.minutes, ...props.moments.map((m) => m.minute + 1));
  const byMinute = new Map(props.moments.map((m) => [m.minute, m]));
  const peak = Math.max(1, ...props.moments.map((m) => m.count));
  const busiest = [...props.moments].sort((a, b) => b.count - a.count || a.minute - b.minute).slice(0, BUSIEST);
  const progress = Math.min(100, (props.positionMs / (minutes * 60_000)) * 100);

  return (
    <section aria-labelledby="moments-heading" className="card grid gap-3" data-testid="heat-map">
      <h2 id="moments-heading" className="m-0 text-lg">
        Moments
      </h2>
      <Tooltip.Provider delayDuration={100}>
        <div className="relative">
          <div className="relative flex h-20 items-end gap-px rounded bg-well px-1 pt-2">
            {Array.from({ length: minutes }, (_, minute) => {
              const bucket = byMinute.get(minute);
              if (!bucket) return <span key={minute} className="h-0.5 min-w-0 flex-1 bg-raised" />;
              return (
                <HeatColumn key={minute} label={describe(bucket)} className={heightClass(bucket.count / peak)} />
              );
            })}
          </div>
          {/* The marker as SVG geometry (attributes, not a style): it moves smoothly and stays within the CSP. */}
          <svg className="pointer-events-none absolute inset-0 h-full w-full" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" data-testid="heat-marker">
            <line x1={progress * 10} x2={progress * 10} y1="0" y2="10" className="stroke-ink" strokeWidth="2" vectorEffect="non-scaling-stroke" />
          </svg>
        </div>
      </Tooltip.Provider>
      <div className="flex justify-between text-xs text-muted" aria-hidden="true">
        <span>0:00</span>
        <span>{minutes} min</span>
      </div>
      {busiest.length === 0 ? (
        <p className="hint">No reactions yet in this episode: they will show here, minute by minute.</p>
      ) : (
        <div className="grid gap-2">
          <h3 className="m-0 text-base">Busiest moments</h3>
          <ol className="m-0 flex list-none flex-wrap gap-2 p-0" data-testid="busiest">
            {busiest.map((m) =>
              props.onSeek ? (
                <li key={m.minute}>
                  <button type="button" className="secondary mt-0" onClick={() => props.onSeek?.(m.minute * 60_000)} aria-label={`Jump to ${describe(m)}`}>
                    Minute {m.minute} · {m.count}
                  </button>
                </li>
              ) : (
                <li key={m.minute} className="rounded bg-raised px-3 py-1">
                  Minute {m.minute} · {m.count}
                </li>
              ),
            )}
          </ol>
          {props.onSeek ? null : <p className="hint">Open a local copy to jump to a moment.</p>}
          <details>
            <summary className="cursor-pointer text-sm text-muted">Every minute with activity, as a table</summary>
            <table className="results">
              <caption className="visually-hidden">Reactions and messages per minute</caption>
              <thead>
                <tr>
                  <th scope="col">Minute</th>
                  <th scope="col">Reactions and messages</th>
                </tr>
              </thead>
              <tbody>
                {[...props.moments]
                  .sort((a, b) => a.minute - b.minute)
                  .map((m) => (
                    <tr key={m.minute}>
                      <td>{m.minute}</td>
                      <td>{m.count}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
    </section>
  );
}

/**
 * One minute's column with its tooltip. Focus keeps the tooltip open: Radix closes a tooltip when
 * the page scrolls, and tabbing to a column below the fold scrolls the page to it. Escape still closes it.
 */
function HeatColumn(props: { label: string; className: string }) {
  const [open, setOpen] = useState(false);
  const focused = useRef(false);
  const escaped = useRef(false);
  return (
    <Tooltip.Root open={open} onOpenChange={(next) => setOpen(next || (focused.current && !escaped.current))}>
      <Tooltip.Trigger asChild>
        <span
          tabIndex={0}
          role="img"
          aria-label={props.label}
          data-testid="heat-column"
          className={`min-w-0 flex-1 rounded-t-sm bg-accent focus-visible:bg-ink ${props.className}`}
          onFocus={() => {
            focused.current = true;
            escaped.current = false;
          }}
          onBlur={() => {
            focused.current = false;
            setOpen(false);
          }}
        />
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content sideOffset={6} className="z-50 rounded bg-ink px-2 py-1 text-sm text-bg shadow-lg" onEscapeKeyDown={() => (escaped.current = true)}>
          {props.label}
          <Tooltip.Arrow className="fill-ink" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
