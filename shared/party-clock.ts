/**
 * The party clock, pure: the server holds one per party. It never ticks: it
 * records the episode, whether it plays, the position at a server instant and
 * the rate, and anyone can compute the position at any other instant.
 */
export interface ClockState {
  episode: number;
  playing: boolean;
  /** Position in the episode (ms) at `atServerMs`. */
  positionMs: number;
  /** The server clock (ms since the Unix epoch) the position was taken at. */
  atServerMs: number;
  /** Playback rate: 1 is normal speed. */
  rate: number;
  /** Raised on every change, so clients can drop stale updates. */
  version: number;
}

export type ClockCommand =
  | { type: "play" }
  | { type: "pause" }
  | { type: "seek"; positionMs: number }
  | { type: "episode"; episode: number }
  /** Starts playing at a future server instant (the end of a "3, 2, 1" countdown). */
  | { type: "playAt"; startAtServerMs: number };

export function initialClock(episode: number, nowMs: number): ClockState {
  return { episode, playing: false, positionMs: 0, atServerMs: nowMs, rate: 1, version: 0 };
}

/** The position (ms) at a server instant. Before `atServerMs` (a scheduled start) it holds still. */
export function positionAt(state: ClockState, serverMs: number): number {
  if (!state.playing) return state.positionMs;
  return state.positionMs + Math.max(0, serverMs - state.atServerMs) * state.rate;
}

export function applyCommand(state: ClockState, command: ClockCommand, nowMs: number): ClockState {
  const here = positionAt(state, nowMs);
  const next = (patch: Partial<ClockState>): ClockState => ({ ...state, atServerMs: nowMs, positionMs: here, ...patch, version: state.version + 1 });
  switch (command.type) {
    case "play":
      return next({ playing: true });
    case "pause":
      return next({ playing: false });
    case "seek":
      return next({ positionMs: command.positionMs });
    case "episode":
      return next({ episode: command.episode, positionMs: 0, playing: false });
    case "playAt":
      // Paused until then: position at the start instant is the current one, so
      // the formula counts up from there once the instant passes.
      return { ...state, playing: true, positionMs: here, atServerMs: Math.max(nowMs, command.startAtServerMs), version: state.version + 1 };
  }
}

/**
 * The server instant at which the whole second shown for this clock changes
 * next (the timecode shows `floor(position / 1000)`), or null while it holds
 * still (paused). A display that redraws at these instants shows the same
 * second as every other screen that estimates the server clock as well.
 */
export function nextSecondAt(state: ClockState, serverMs: number): number | null {
  if (!state.playing || state.rate <= 0) return null;
  const from = Math.max(serverMs, state.atServerMs);
  const position = positionAt(state, from);
  const nextWhole = (Math.floor(position / 1000) + 1) * 1000;
  return state.atServerMs + (nextWhole - state.positionMs) / state.rate;
}

/**
 * The "3, 2, 1" count shown at a server instant for a start at `startAtServerMs`:
 * whole seconds left, never more than `seconds` (the slack the server adds for
 * slow links is spent on the first number), null once the start has passed.
 */
export function countdownNumber(startAtServerMs: number, serverMs: number, seconds: number): number | null {
  const left = startAtServerMs - serverMs;
  if (left <= 0) return null;
  return Math.min(seconds, Math.ceil(left / 1000));
}

/** The server instant at which `countdownNumber` changes next (null once it has ended). */
export function nextCountdownAt(startAtServerMs: number, serverMs: number, seconds: number): number | null {
  const shown = countdownNumber(startAtServerMs, serverMs, seconds);
  if (shown === null) return null;
  return startAtServerMs - (shown - 1) * 1000;
}
