import type { LeftRoom } from "../room/room";

/**
 * The port the realtime layer needs from a cluster's process registry
 * (implemented by server/cluster/process-registry.ts; one process has none).
 */

/**
 * How a process shows it is alive: a heartbeat every `heartbeatMs`; one
 * silent for `deadAfterMs` is dead, and the next janitor round (every
 * heartbeat, on every process) takes its viewers out. So a dead process's
 * viewers leave presence within deadAfterMs + heartbeatMs: 20 s.
 */
export interface ProcessTimings {
  heartbeatMs: number;
  deadAfterMs: number;
}
export interface RegistryHandlers {
  /** Connections of a process that is gone (dead, or this one stopping) were taken out of a room. */
  swept(partyId: string, left: LeftRoom[]): Promise<void>;
  /**
   * This process was taken for dead (a stall or a Redis outage longer than
   * deadAfterMs, or Redis lost its data): its connections are no longer in
   * the shared state, so they should reconnect and join again.
   */
  lost(): void;
}

export interface ProcessRegistry {
  readonly processId: string;
  readonly timings: ProcessTimings;
  /** Starts the heartbeat and the janitor. */
  start(handlers: RegistryHandlers): void;
  /** A clean stop: no more beats, this process's own connections taken out (told as the janitor would), gone from the registry. */
  stop(): Promise<void>;
  /** Stops beating and sweeping, nothing else: what a process that died leaves behind (tests). */
  halt(): void;
}

