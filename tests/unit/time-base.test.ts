import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { estimateTimeBase, redisTimeMs, startTimeBase } from "@/server/cluster/time-base";

const logger = pino({ level: "silent" });

/**
 * A simulated process clock 2 s ahead of the shared (Redis) clock, and a
 * Redis whose answers take a scripted time to arrive: no real time passes.
 */
function simulated(delays: Array<[outMs: number, backMs: number]>) {
  let shared = 1_000_000;
  const skew = 2000;
  let i = 0;
  return {
    localNow: () => shared + skew,
    async time() {
      const [out, back] = delays[i++ % delays.length]!;
      shared += out;
      const answer = shared;
      shared += back;
      return answer;
    },
    sharedNow: () => shared,
  };
}

describe("the time base", () => {
  it("reads Redis TIME (seconds, microseconds) as ms", () => {
    expect(redisTimeMs(["1700000000", "250500"])).toBe(1_700_000_000_250.5);
  });

  it("takes the offset of the fastest exchange: the slow, lopsided ones carry queueing", () => {
    const t0 = 10_000;
    const fast = { t0, t1: t0 - 2000 + 1, t2: t0 - 2000 + 1, t3: t0 + 2 };
    const lopsided = { t0, t1: t0 - 2000 + 1, t2: t0 - 2000 + 1, t3: t0 + 80 };
    expect(estimateTimeBase([lopsided, fast, lopsided])).toBe(-2000);
    expect(estimateTimeBase([])).toBeNull();
  });

  it("corrects a process clock that is 2 s off to the shared clock, and keeps the offset when Redis does not answer", async () => {
    const clock = simulated([
      [30, 1],
      [1, 1],
      [2, 40],
    ]);
    let failing = false;
    const base = await startTimeBase({
      logger,
      localNow: clock.localNow,
      time: () => (failing ? Promise.reject(new Error("no redis")) : clock.time()),
      refreshMs: 3_600_000,
    });
    try {
      // The symmetric 1 ms + 1 ms exchange is the fastest: its offset is exact.
      expect(base.offsetMs()).toBe(-2000);
      expect(base.now()).toBe(clock.sharedNow());
      failing = true;
      await expect(base.refresh()).rejects.toThrow("no redis");
      expect(base.offsetMs()).toBe(-2000);
    } finally {
      base.stop();
    }
  });
});
