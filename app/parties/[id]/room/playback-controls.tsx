import type { ClockState } from "@/server/room/party-clock";
import type { ControlMode } from "@/server/realtime/protocol";

const EPISODES = Array.from({ length: 10 }, (_, i) => i + 1);
const NUDGE_MS = 2000;

type Command = { type: "play" } | { type: "pause" } | { type: "seek"; positionMs: number } | { type: "episode"; episode: number };

/** The party clock's controls (for whoever may control it) and this viewer's own player reports. */
export function PlaybackControls(props: {
  clock: ClockState;
  positionNow(): number;
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
}) {
  const { clock, driftMs } = props;
  return (
    <div className="grid gap-3">
      {props.canControl ? (
        <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Playback">
          <button type="button" className="mt-0" onClick={() => props.onCommand({ type: clock.playing ? "pause" : "play" })}>
            {clock.playing ? "Pause" : "Play"}
          </button>
          <button type="button" className="secondary mt-0" onClick={() => props.onCommand({ type: "seek", positionMs: Math.max(0, props.positionNow() - 10_000) })}>
            Back 10 s
          </button>
          <button type="button" className="secondary mt-0" onClick={() => props.onCommand({ type: "seek", positionMs: props.positionNow() + 10_000 })}>
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
      {props.isHost ? (
        <label className="choice">
          <input type="checkbox" checked={props.controlMode === "everyone"} onChange={(e) => props.onControlMode(e.target.checked ? "everyone" : "hosts")} /> Let
          everyone control playback
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Your player">
        <button type="button" className="secondary small m-0" onClick={() => props.onReport(driftMs - NUDGE_MS, false)}>
          I&apos;m 2 s behind
        </button>
        <button type="button" className="secondary small m-0" onClick={() => props.onReport(driftMs + NUDGE_MS, false)}>
          I&apos;m 2 s ahead
        </button>
        <button type="button" className="secondary small m-0" aria-pressed={props.inSync} onClick={() => props.onReport(0, true)}>
          I&apos;m in sync
        </button>
        <label className="choice">
          <input type="checkbox" checked={props.ready} onChange={(e) => props.onReady(e.target.checked)} /> I&apos;m ready
        </label>
      </div>
      <p className="hint" data-testid="my-drift">
        Your player: {driftMs === 0 ? "in step with the party" : `${Math.abs(driftMs / 1000)} s ${driftMs < 0 ? "behind" : "ahead"}`}.
      </p>
    </div>
  );
}
