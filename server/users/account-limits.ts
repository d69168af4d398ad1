import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { rateLimitedError, tryAgainIn } from "../errors";
import { consumeLimits, memoryLimiter, type LimiterFactory } from "../rate-limit";

/**
 * The limits on signing in, signing up and creating guests. Every number is
 * here; docs/security.md lists them.
 */
export const ACCOUNT_LIMITS = {
  /** Wrong passwords in a row for one email before each further one makes it wait (reset by a right one). */
  signInByEmail: { freeFailures: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, windowSeconds: 24 * 60 * 60 },
  /** Wrong passwords from one address in an hour before each further one makes it wait. */
  signInByAddress: { freeFailures: 20, firstWaitSeconds: 60, maxWaitSeconds: 60 * 60, windowSeconds: 60 * 60 },
  /** Guests one address may create. */
  guestsByAddress: { points: 20, durationSeconds: 10 * 60 },
  /**
   * Sign-up attempts (with a valid form) from one address. Many people share
   * one address (a household, a dorm, a phone carrier's NAT, everyone at a
   * watch-party venue): 20 an hour lets a group sign up together and still
   * bounds how fast one address can test emails through "already taken".
   */
  signUpsByAddress: { points: 20, durationSeconds: 60 * 60 },
} as const;

export type BackoffRule = { freeFailures: number; firstWaitSeconds: number; maxWaitSeconds: number };

/**
 * How long the n-th failure makes the next attempt wait: nothing for the free
 * ones, then the first wait, doubling with each further failure up to the cap.
 */
export function backoffSeconds(failures: number, rule: BackoffRule): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxWaitSeconds, rule.firstWaitSeconds * 2 ** (failures - rule.freeFailures));
}

/**
 * The counters behind the limits: memory stores on one process, Redis ones
 * (RateLimiterRedis) when several processes share them.
 */
export interface AccountLimiters {
  /** Failed sign-ins, keyed `email:<address>` and `address:<ip>`. */
  signInFailures: { byEmail: RateLimiterAbstract; byAddress: RateLimiterAbstract };
  /** The waits the backoff imposes, keyed like the failures. */
  signInWaits: RateLimiterAbstract;
  guestsByAddress: RateLimiterAbstract;
  signUpsByAddress: RateLimiterAbstract;
}

export function createAccountLimiters(make: LimiterFactory = memoryLimiter): AccountLimiters {
  const { signInByEmail, signInByAddress, guestsByAddress, signUpsByAddress } = ACCOUNT_LIMITS;
  const counter = (name: string, windowSeconds: number) => make(name, { points: Number.MAX_SAFE_INTEGER, duration: windowSeconds });
  return {
    signInFailures: { byEmail: counter("sign-in-failures-email", signInByEmail.windowSeconds), byAddress: counter("sign-in-failures-address", signInByAddress.windowSeconds) },
    signInWaits: make("sign-in-waits", { points: 1, duration: 1 }),
    guestsByAddress: make("guests-address", { points: guestsByAddress.points, duration: guestsByAddress.durationSeconds }),
    signUpsByAddress: make("sign-ups-address", { points: signUpsByAddress.points, duration: signUpsByAddress.durationSeconds }),
  };
}

export type SignInKeys = { email: string; address: string };

const keysOf = ({ email, address }: SignInKeys) => ({ email: `email:${email}`, address: `address:${address}` });

/** Refuses a sign-in while the email or the address is waiting out its backoff. */
export async function ensureSignInAllowed(limiters: AccountLimiters, who: SignInKeys): Promise<void> {
  const keys = keysOf(who);
  const waits = await Promise.all([limiters.signInWaits.get(keys.email), limiters.signInWaits.get(keys.address)]);
  const waitMs = Math.max(0, ...waits.map((w) => (w && w.consumedPoints > limiters.signInWaits.points ? w.msBeforeNext : 0)));
  if (waitMs > 0) throw rateLimitedError("Too many sign-in attempts.", waitMs);
}

/** Counts a wrong password against the email and the address, and starts the backoff when it is due. */
export async function recordSignInFailure(limiters: AccountLimiters, who: SignInKeys): Promise<void> {
  const keys = keysOf(who);
  const [byEmail, byAddress] = await Promise.all([
    limiters.signInFailures.byEmail.penalty(keys.email),
    limiters.signInFailures.byAddress.penalty(keys.address),
  ]);
  const waits: Array<[string, number]> = [
    [keys.email, backoffSeconds(byEmail.consumedPoints, ACCOUNT_LIMITS.signInByEmail)],
    [keys.address, backoffSeconds(byAddress.consumedPoints, ACCOUNT_LIMITS.signInByAddress)],
  ];
  await Promise.all(waits.filter(([, seconds]) => seconds > 0).map(([key, seconds]) => limiters.signInWaits.block(key, seconds)));
}

/** A right password ends the email's run of failures (the address keeps its count for the hour). */
export async function recordSignInSuccess(limiters: AccountLimiters, who: SignInKeys): Promise<void> {
  await limiters.signInFailures.byEmail.delete(keysOf(who).email);
}

/** Takes one from an address's allowance, or refuses with how long to wait. */
export function consumeAllowance(limiter: RateLimiterAbstract, address: string, refusal: string): Promise<void> {
  return consumeLimits([{ limiter, key: address, message: (waitSeconds) => `${refusal} ${tryAgainIn(waitSeconds)}` }]);
}
