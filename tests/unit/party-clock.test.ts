import { describe, expect, it } from "vitest";
import { applyCommand, initialClock, positionAt } from "@/shared/party-clock";

describe("party clock", () => {
  const t0 = 1_000_000;

  it("holds still while paused and counts from the recorded instant while playing", () => {
    const paused = initialClock(3, t0);
    expect(positionAt(paused, t0 + 60_000)).toBe(0);
    const playing = applyCommand(paused, { type: "play" }, t0 + 1000);
    expect(positionAt(playing, t0 + 1000)).toBe(0);
    expect(positionAt(playing, t0 + 31_000)).toBe(30_000);
  });

  it("keeps the position on pause, jumps on seek, restarts on an episode change", () => {
    let s = applyCommand(initialClock(1, t0), { type: "play" }, t0);
    s = applyCommand(s, { type: "pause" }, t0 + 10_000);
    expect(positionAt(s, t0 + 99_000)).toBe(10_000);
    s = applyCommand(s, { type: "seek", positionMs: 600_000 }, t0 + 20_000);
    expect(positionAt(s, t0 + 25_000)).toBe(600_000);
    s = applyCommand(s, { type: "play" }, t0 + 30_000);
    s = applyCommand(s, { type: "episode", episode: 2 }, t0 + 40_000);
    expect(s).toMatchObject({ episode: 2, playing: false, positionMs: 0 });
    expect(s.version).toBe(5);
  });

  it("starts a scheduled play at the countdown's instant, not before", () => {
    const s = applyCommand(applyCommand(initialClock(1, t0), { type: "seek", positionMs: 5000 }, t0), { type: "playAt", startAtServerMs: t0 + 3000 }, t0);
    expect(positionAt(s, t0 + 1000)).toBe(5000);
    expect(positionAt(s, t0 + 3000)).toBe(5000);
    expect(positionAt(s, t0 + 4000)).toBe(6000);
  });

  it("honours the rate", () => {
    const s = { ...applyCommand(initialClock(1, t0), { type: "play" }, t0), rate: 1.5 };
    expect(positionAt(s, t0 + 10_000)).toBe(15_000);
  });
});
