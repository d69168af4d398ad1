import type { Logger } from "pino";
import { estimateOffset, type SyncSample } from "../../shared/clock-estimator";

/** How often the offset to Redis is measured again, how many exchanges each time, and how many are kept. */
export const TIME_BASE_REFRESH_MS = 5000;
export const TIME_BASE_SAMPLES = 5;
export const TIME_BASE_KEEP = 20;

/** Redis `TIME` as ms since the Unix epoch (seconds and microseconds). */
export function redisTimeMs([seconds, micros]: Array<string | number>): number {
  return Number(seconds) * 1000 + Number(micros) / 1000;
}

/**
 * The offset of this process's clock to the shared one, from exchanges with
 * it: the NTP estimate of the party clock's clients (clock-estimator.ts), here
 * with the single fastest sample (Redis answers TIME at once: t1 = t2, and the
 * shortest round trip has the least queueing in it).
 */
export function estimateTimeBase(samples: SyncSample[]): number | null {
  return estimateOffset(samples, 1)?.offsetMs ?? null;
}

export interface TimeBase {
  /** The shared time: this process's clock plus its offset to Redis. */
  now(): number;
  offsetMs(): number;
  /** Measures again now (also every `TIME_BASE_REFRESH_MS`). */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * One time base for every process: each stamps clock times (and answers
 * `clock:sync`) with Redis's clock, estimated NTP-style, so positions computed
 * through different processes agree even when their wall clocks do not.
 * `localNow` is this process's own clock (a test gives a wrong one). A failed
 * measurement keeps the last offset.
 */
export async function startTimeBase(options: {
  time(): Promise<number>;
  logger: Logger;
  localNow?: () => number;
  refreshMs?: number;
}): Promise<TimeBase> {
  const localNow = options.localNow ?? Date.now;
  const logger = options.logger.child({ component: "time-base" });
  let samples: SyncSample[] = [];
  let offset = 0;

  async function refresh(): Promise<void> {
    for (let i = 0; i < TIME_BASE_SAMPLES; i++) {
      const t0 = localNow();
      const shared = await options.time();
      samples = [...samples.slice(1 - TIME_BASE_KEEP), { t0, t1: shared, t2: shared, t3: localNow() }];
    }
    offset = estimateTimeBase(samples) ?? offset;
  }

  await refresh();
  logger.info({ offsetMs: offset }, "time base set");
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => logger.warn({ err, offsetMs: offset }, "measuring the time base failed; keeping the last offset"));
  }, options.refreshMs ?? TIME_BASE_REFRESH_MS);
  timer.unref();
  return {
    // Whole milliseconds, like Date.now(): times are stored in integer columns (answer times, deadlines).
    now: () => Math.round(localNow() + offset),
    offsetMs: () => offset,
    refresh,
    stop: () => clearInterval(timer),
  };
}
