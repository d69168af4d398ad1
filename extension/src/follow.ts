/**
 * The player following the party clock, one tick at a time: pure, and the
 * same rules and thresholds as the room page's local player
 * (server/room/sync-thresholds.ts, docs/sync.md). Also the other way round:
 * which clock commands the viewer's own play, pause and seek become when
 * their player leads.
 */
import { positionAt, type ClockState } from "../../server/room/party-clock";
import { decideCorrection, SYNC_THRESHOLDS } from "../../server/room/sync-thresholds";
import { partyPositionFor, videoPositionFor } from "./calibration";

export interface PlayerReading {
  positionMs: number;
  paused: boolean;
  rate: number;
}

export type PlayerAction = { kind: "play" } | { kind: "pause" } | { kind: "seek"; positionMs: number } | { kind: "rate"; rate: number };

export interface FollowStep {
  /** Where the video should be now (ms, in the video's own time). */
  targetMs: number;
  /** Positive: the video is ahead of the party. */
  driftMs: number;
  inSync: boolean;
  actions: PlayerAction[];
}

export function followStep(options: { clock: ClockState; serverNowMs: number; offsetMs: number; player: PlayerReading }): FollowStep {
  const { clock, player } = options;
  const targetMs = videoPositionFor(positionAt(clock, options.serverNowMs), options.offsetMs);
  const driftMs = Math.round(player.positionMs - targetMs);
  const actions: PlayerAction[] = [];
  if (!clock.playing) {
    if (!player.paused) actions.push({ kind: "pause" });
    if (Math.abs(driftMs) > SYNC_THRESHOLDS.pausedSeekMs) actions.push({ kind: "seek", positionMs: targetMs });
    if (player.rate !== clock.rate) actions.push({ kind: "rate", rate: clock.rate });
  } else {
    if (player.paused) actions.push({ kind: "play" });
    const correction = decideCorrection({ playerMs: player.positionMs, targetMs, clockRate: clock.rate });
    if (correction.action === "seek") actions.push({ kind: "seek", positionMs: correction.positionMs });
    const rate = correction.action === "rate" ? correction.rate : clock.rate;
    if (Math.abs(player.rate - rate) > 1e-6) actions.push({ kind: "rate", rate });
  }
  return { targetMs, driftMs, inSync: Math.abs(driftMs) <= SYNC_THRESHOLDS.inSyncMs, actions };
}

export type LeadCommand = { type: "play" } | { type: "pause" } | { type: "seek"; positionMs: number };

/**
 * The clock commands for something the viewer did on their own player (not
 * the follower's own corrections, which the caller filters out). A change the
 * clock already agrees with sends nothing, so the clock's answer, followed by
 * the player, never comes back as a command: no echo.
 */
export function leadCommands(options: {
  event: "play" | "pause" | "seeked";
  clock: ClockState;
  serverNowMs: number;
  offsetMs: number;
  playerMs: number;
}): LeadCommand[] {
  const { clock, event } = options;
  const partyMs = partyPositionFor(options.playerMs, options.offsetMs);
  const apart = Math.abs(partyMs - positionAt(clock, options.serverNowMs)) > SYNC_THRESHOLDS.pausedSeekMs;
  const seek: LeadCommand[] = apart ? [{ type: "seek", positionMs: Math.round(partyMs) }] : [];
  if (event === "play") return clock.playing ? seek : [...seek, { type: "play" }];
  if (event === "pause") return clock.playing ? [{ type: "pause" }, ...seek] : seek;
  return seek;
}
