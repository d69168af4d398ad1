import { countdownNumber, positionAt, type ClockState } from "@/shared/party-clock";
import { formatTimecode } from "@/shared/format-timecode";

/**
 * The big timecode people match by eye, and the "3, 2, 1" before a start. It
 * draws what the party clock says at `serverNow` (a redraw at a second boundary).
 */
export function ClockFace(props: { clock: ClockState; serverNow: number; countdown: { startAtServerMs: number; seconds: number } | null }) {
  const { clock, serverNow } = props;
  const count = props.countdown ? countdownNumber(props.countdown.startAtServerMs, serverNow, props.countdown.seconds) : null;
  const waitingToStart = clock.playing && serverNow < clock.atServerMs;
  const state = waitingToStart ? "Starting in…" : clock.playing ? "▶ playing" : "❚❚ paused";
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
      <p className="m-0 font-bold tabular-nums leading-none" aria-live="off" data-testid="timecode">
        <span className="mr-2 inline text-sm font-normal text-muted lg:mr-0 lg:block lg:text-base">Episode {clock.episode}</span>
        <span className="text-4xl sm:text-5xl lg:text-7xl" data-testid="timecode-value">
          {formatTimecode(positionAt(clock, serverNow))}
        </span>{" "}
        <span className="text-sm font-normal text-muted lg:text-lg" data-testid="clock-state">
          {state}
        </span>
      </p>
      {count !== null ? (
        <p className="m-0 flex items-baseline gap-2 font-bold text-accent" role="status" data-testid="countdown">
          <span className="text-base lg:text-xl">Starting in…</span>
          <span className="text-4xl tabular-nums lg:text-6xl" data-testid="countdown-number">
            {count}
          </span>
        </p>
      ) : null}
    </div>
  );
}
