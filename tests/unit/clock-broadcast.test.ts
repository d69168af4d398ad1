import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClockBroadcaster } from "@/server/realtime/clock-broadcast";
import type { AppServer } from "@/server/realtime/handler";
import { initialClock } from "@/shared/party-clock";

describe("coalescing clock broadcasts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeServer() {
    const sent: Array<{ room: string; version: number }> = [];
    const io = { to: (room: string) => ({ emit: (_event: string, p: { clock: { version: number } }) => sent.push({ room, version: p.clock.version }) }) };
    return { io: io as unknown as AppServer, sent };
  }
  const state = (partyId: string, version: number) => ({ partyId, clock: { ...initialClock(1, 0), version }, controlMode: "hosts" as const, by: "Host" });

  it("sends the first state at once, then only the newest of each window, and forgets an idle party", () => {
    const { io, sent } = fakeServer();
    const clocks = createClockBroadcaster(50);
    for (let v = 1; v <= 100; v++) clocks.send(io, state("p1", v));
    clocks.send(io, state("p1", 42)); // a late, older one is not sent over the newest
    expect(sent).toEqual([{ room: "party:p1", version: 1 }]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([
      { room: "party:p1", version: 1 },
      { room: "party:p1", version: 100 },
    ]);
    vi.advanceTimersByTime(50);
    expect(clocks.size()).toBe(0);
    clocks.send(io, state("p2", 1));
    expect(sent.at(-1)).toEqual({ room: "party:p2", version: 1 });
  });
});
