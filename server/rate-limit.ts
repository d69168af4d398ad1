import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "./errors";

/** A limit: so many points per `duration` seconds. */
export interface LimitRule {
  points: number;
  duration: number;
}

/** Makes the limiter for one limit; `name` keeps its keys apart from the others' in a shared store. */
export type LimiterFactory = (name: string, rule: LimitRule) => RateLimiterAbstract;

/** One process's limiters: counters in memory. */
export const memoryLimiter: LimiterFactory = (keyPrefix, { points, duration }) => new RateLimiterMemory({ keyPrefix, points, duration });

/** One limit to pass: a limiter (memory, or Redis when several processes share it), whose key, and what to say when it is spent. */
export interface LimitCheck {
  limiter: RateLimiterAbstract;
  key: string;
  /** The refusal, given the whole seconds to wait. */
  message(waitSeconds: number): string;
}

/**
 * Takes a point from each limiter in turn; the first with none left refuses
 * with RATE_LIMITED, saying (and giving in `retryAfterMs`) how long to wait.
 * A store failure (an Error, not a refusal) is thrown as it is.
 */
export async function consumeLimits(checks: LimitCheck[]): Promise<void> {
  for (const check of checks) {
    try {
      await check.limiter.consume(check.key);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      const retryAfterMs = Math.max(1, Math.ceil((rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000));
      throw new AppError("RATE_LIMITED", check.message(Math.ceil(retryAfterMs / 1000)), undefined, { retryAfterMs });
    }
  }
}
