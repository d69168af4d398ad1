import type { ClockState } from "@/shared/party-clock";
import { PRIME_VIDEO_URL, startPrompt, type ClockChange } from "@/shared/clock-change";

/**
 * Under the clock: who did what ("Hannah paused at 12:31"), and what someone
 * watching on their own Prime Video does now: at the start and at every jump.
 * Announced politely (a live region) as well as shown.
 */
export function ClockNews(props: { clock: ClockState; change: (ClockChange & { by: string; id: number }) | null }) {
  const { change } = props;
  const prompt = change?.prompt ?? startPrompt(props.clock);
  return (
    <div className="clock-news flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-0.5 text-sm">
      <p role="status" className="m-0 min-w-0" data-testid="clock-news">
        {change ? (
          <strong className="text-ink" data-testid="clock-action">
            {change.by} {change.did}.{" "}
          </strong>
        ) : null}
        <span className="text-muted" data-testid="streaming-prompt">
          <span className="hidden sm:inline">Watching on your own Prime Video? </span>
          {prompt}
        </span>
      </p>
      <a className="whitespace-nowrap" href={PRIME_VIDEO_URL} target="_blank" rel="noreferrer" data-testid="prime-video-link">
        Ballard on Prime Video ↗
      </a>
    </div>
  );
}
