import { formatTimecode } from "@/shared/format-timecode";

const STEP_MS = 10_000;

/**
 * The viewer's own replay clock: play or pause, a position slider (arrow keys
 * move it a second, Page Up/Down ten) and ten-second jumps.
 */
export function ReplayControls(props: { playing: boolean; positionMs: number; lengthMs: number; onPlay(playing: boolean): void; onSeek(positionMs: number): void }) {
  const seek = (positionMs: number) => props.onSeek(Math.min(props.lengthMs, Math.max(0, Math.round(positionMs))));
  const shown = formatTimecode(props.positionMs);
  return (
    <div className="grid gap-3">
      <p className="m-0 font-mono text-4xl tabular-nums" data-testid="replay-timecode" aria-hidden="true">
        {shown}
      </p>
      <div className="grid gap-1">
        <label htmlFor="replay-position">Replay position</label>
        <input
          id="replay-position"
          type="range"
          min={0}
          max={props.lengthMs}
          step={1000}
          value={Math.min(props.lengthMs, Math.floor(props.positionMs / 1000) * 1000)}
          aria-valuetext={`${shown} of ${formatTimecode(props.lengthMs)}`}
          onChange={(e) => seek(Number(e.target.value))}
          className="w-full"
        />
      </div>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Replay clock">
        <button type="button" className="mt-0" onClick={() => props.onPlay(!props.playing)}>
          {props.playing ? "Pause replay" : "Play replay"}
        </button>
        <button type="button" className="secondary mt-0" onClick={() => seek(props.positionMs - STEP_MS)}>
          Back 10 s
        </button>
        <button type="button" className="secondary mt-0" onClick={() => seek(props.positionMs + STEP_MS)}>
          Forward 10 s
        </button>
      </div>
    </div>
  );
}
