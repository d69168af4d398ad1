import { describe, expect, it } from "vitest";
import { estimateOffset, sampleOffset } from "@/shared/clock-estimator";

describe("clock offset estimate", () => {
  it("recovers the offset exactly from a symmetric exchange", () => {
    // The client's clock is 150 ms behind; 20 ms each way; 1 ms at the server.
    const s = { t0: 1000, t1: 1000 + 150 + 20, t2: 1000 + 150 + 21, t3: 1041 };
    expect(sampleOffset(s)).toEqual({ offsetMs: 150, roundTripMs: 40 });
  });

  it("trusts the fastest exchanges over slow, lopsided ones", () => {
    const fast = (t0: number) => ({ t0, t1: t0 - 80 + 5, t2: t0 - 80 + 5, t3: t0 + 10 });
    // Slow samples: the answer was queued 400 ms on the way back, which skews their offset.
    const slow = (t0: number) => ({ t0, t1: t0 - 80 + 5, t2: t0 - 80 + 5, t3: t0 + 410 });
    const estimate = estimateOffset([slow(0), fast(1000), slow(2000), fast(3000), fast(4000), slow(5000)]);
    expect(estimate).toEqual({ offsetMs: -80, roundTripMs: 10, samples: 6 });
  });

  it("has no estimate without samples", () => {
    expect(estimateOffset([])).toBeNull();
  });
});
