import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { CHAT_RATE } from "@/server/room/send-message";

describe("the chat rate limit", () => {
  it("allows a burst of 5 per person, refuses the 6th with the wait, and keeps people apart", async () => {
    const limiter = new RateLimiterMemory({ points: CHAT_RATE.points, duration: CHAT_RATE.durationSeconds });
    for (let i = 0; i < 5; i++) await limiter.consume("party:flooder");
    const refusal = await limiter.consume("party:flooder").catch((r: unknown) => r);
    expect(refusal).toBeInstanceOf(RateLimiterRes);
    expect((refusal as RateLimiterRes).msBeforeNext).toBeGreaterThan(0);
    expect((refusal as RateLimiterRes).msBeforeNext).toBeLessThanOrEqual(10_000);
    await expect(limiter.consume("party:bystander")).resolves.toBeInstanceOf(RateLimiterRes);
  });
});
