/**
 * The player following the party clock, one tick at a time: pure, and the
 * same rules and thresholds as the room page's local player
 * (shared/sync-thresholds.ts, docs/sync.md). Also the other way round:
 * which clock commands the viewer's own play, pause and seek become when
 * their player leads.
 */
import { positionAt, type ClockState } from "../../shared/party-clock";
import { decideCorrection, SYNC_THRESHOLDS } from "../../shared/sync-thresholds";
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
  /** To hand to the next step. */
  memory: FollowMemory;
}

/**
 * Against a site that fights the follower (docs/extension.md, "Holding the
 * clock"): a site holding its own rate is corrected by seeks alone, and a
 * rate correction that does not bring the error down is given up for a seek
 * within a bounded time.
 */
export const HOLD = {
  /**
   * When the site holds its rate: seek past this error (a seek is the only
   * correction left), and land half of it on the other side of the clock, so
   * that the site's rate carries the video across the clock, not away from it.
   */
  heldSeekMs: 80,
  /** An error above this, for this long, is sought away whatever the rate is doing. */
  capMs: 500,
  capForMs: 2000,
  /** A rate correction that has not brought the error down by this much in this long is given up for a seek. */
  progressMs: 100,
  progressWithinMs: 4000,
} as const;

/** What one step remembers for the next: since when the error has been corrected by rate, and from where; since when it is above the cap. */
export interface FollowMemory {
  rateSince: number | null;
  rateFromMs: number;
  overCapSince: number | null;
}
export const FRESH_MEMORY: FollowMemory = { rateSince: null, rateFromMs: 0, overCapSince: null };

export function followStep(options: {
  clock: ClockState;
  serverNowMs: number;
  offsetMs: number;
  player: PlayerReading;
  /** The site puts its own rate back: do not correct by rate. */
  rateHeld?: boolean;
  memory?: FollowMemory;
  /** The local time of this step (ms), for the memory's deadlines. */
  nowMs?: number;
}): FollowStep {
  const { clock, player } = options;
  const now = options.nowMs ?? options.serverNowMs;
  const memory: FollowMemory = { ...(options.memory ?? FRESH_MEMORY) };
  const targetMs = videoPositionFor(positionAt(clock, options.serverNowMs), options.offsetMs);
  const driftMs = Math.round(player.positionMs - targetMs);
  const size = Math.abs(driftMs);
  const actions: PlayerAction[] = [];
  const seek = (leadMs = 0) => actions.push({ kind: "seek", positionMs: Math.max(0, targetMs + leadMs) });
  if (!clock.playing) {
    if (!player.paused) actions.push({ kind: "pause" });
    if (size > SYNC_THRESHOLDS.pausedSeekMs) seek();
    if (!options.rateHeld && player.rate !== clock.rate) actions.push({ kind: "rate", rate: clock.rate });
    return { targetMs, driftMs, inSync: size <= SYNC_THRESHOLDS.inSyncMs, actions, memory: { ...FRESH_MEMORY } };
  }
  if (player.paused) actions.push({ kind: "play" });
  memory.overCapSince = size > HOLD.capMs ? (memory.overCapSince ?? now) : null;
  const correction = decideCorrection({ playerMs: player.positionMs, targetMs, clockRate: clock.rate });
  const overCapTooLong = memory.overCapSince !== null && now - memory.overCapSince >= HOLD.capForMs;
  const rateStalled = correction.action === "rate" && memory.rateSince !== null && now - memory.rateSince >= HOLD.progressWithinMs && size > memory.rateFromMs - HOLD.progressMs;
  let rate: number = clock.rate;
  if (correction.action === "seek" || overCapTooLong || rateStalled || (options.rateHeld && size > HOLD.heldSeekMs)) {
    // Against a held rate the video keeps drifting the way it drifted: land ahead of that by half the band.
    seek(options.rateHeld && size <= SYNC_THRESHOLDS.rateCorrectMaxMs ? -Math.sign(driftMs) * (HOLD.heldSeekMs / 2) : 0);
    memory.rateSince = null;
    memory.overCapSince = null;
  } else if (correction.action === "rate" && !options.rateHeld) {
    rate = correction.rate;
    if (memory.rateSince === null) {
      memory.rateSince = now;
      memory.rateFromMs = size;
    }
  } else memory.rateSince = null;
  if (!options.rateHeld && Math.abs(player.rate - rate) > 1e-6) actions.push({ kind: "rate", rate });
  return { targetMs, driftMs, inSync: size <= SYNC_THRESHOLDS.inSyncMs, actions, memory };
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
