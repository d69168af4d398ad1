/**
 * NTP-style estimate of the offset between a client's clock and the server's,
 * pure and browser-safe. Each `clock:sync` exchange gives one sample; the
 * samples with the shortest round trips carry the least queueing noise, so the
 * estimate is the median offset of the fastest few.
 */
export interface SyncSample {
  /** Client clock when the request left. */
  t0: number;
  /** Server clock when it arrived and when the answer left. */
  t1: number;
  t2: number;
  /** Client clock when the answer arrived. */
  t3: number;
}

export interface OffsetEstimate {
  /** Add to the client clock to get the server clock (ms). */
  offsetMs: number;
  /** The round trip of the best sample (ms). */
  roundTripMs: number;
  samples: number;
}

export const KEEP_FASTEST = 3;

export function sampleOffset(s: SyncSample): { offsetMs: number; roundTripMs: number } {
  return { offsetMs: (s.t1 - s.t0 + (s.t2 - s.t3)) / 2, roundTripMs: s.t3 - s.t0 - (s.t2 - s.t1) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function estimateOffset(samples: SyncSample[], keep = KEEP_FASTEST): OffsetEstimate | null {
  if (samples.length === 0) return null;
  const fastest = samples
    .map(sampleOffset)
    .sort((a, b) => a.roundTripMs - b.roundTripMs)
    .slice(0, keep);
  return { offsetMs: median(fastest.map((s) => s.offsetMs)), roundTripMs: fastest[0]!.roundTripMs, samples: samples.length };
}
