import { describe, expect, it } from "vitest";
import { describeClockChange, parseTimecode, startPrompt } from "@/shared/clock-change";
import type { ClockState } from "@/shared/party-clock";

const clock = (patch: Partial<ClockState>): ClockState => ({ episode: 1, playing: false, positionMs: 0, atServerMs: 1_000_000, rate: 1, version: 1, ...patch });

describe("who did what to the clock", () => {
  it("a pause, a play, a jump, an episode change and a count each say what happened and what to do on Prime Video", () => {
    const playing = clock({ playing: true, positionMs: 750_000, atServerMs: 1_000_000 });
    const paused = clock({ playing: false, positionMs: 751_000, atServerMs: 1_001_000, version: 2 });
    expect(describeClockChange(playing, paused, 1_001_000)).toEqual({ kind: "pause", did: "paused at 12:31", prompt: "Pause Prime Video at 12:31." });
    const resumed = clock({ playing: true, positionMs: 751_000, atServerMs: 1_005_000, version: 3 });
    expect(describeClockChange(paused, resumed, 1_005_000)?.kind).toBe("play");
    const jumped = clock({ playing: true, positionMs: 1_420_000, atServerMs: 1_006_000, version: 4 });
    expect(describeClockChange(resumed, jumped, 1_006_000)).toMatchObject({ kind: "seek", did: "jumped to 23:40", prompt: "Go to 23:40 in episode 1 on Prime Video and keep playing." });
    expect(describeClockChange(jumped, clock({ episode: 3, positionMs: 0, atServerMs: 1_007_000, version: 5 }), 1_007_000)?.did).toBe("switched to episode 3 at 0:00");
    const counted = clock({ playing: true, positionMs: 0, atServerMs: 1_010_000, version: 6 });
    expect(describeClockChange(clock({}), counted, 1_007_000)?.kind).toBe("start");
  });

  it("the clock's own drift correction or a control-mode update is no news", () => {
    const playing = clock({ playing: true, positionMs: 10_000, atServerMs: 1_000_000 });
    expect(describeClockChange(playing, { ...playing, positionMs: 20_400, atServerMs: 1_010_000, version: 2 }, 1_010_000)).toBeNull();
    expect(startPrompt(clock({}))).toBe("Open episode 1 on Prime Video, pause at 0:00, and press play when the host starts the count.");
  });

  it("times as people type them", () => {
    expect(parseTimecode("23:40")).toBe(1_420_000);
    expect(parseTimecode("1:02:03")).toBe(3_723_000);
    expect(parseTimecode("23m40s")).toBe(1_420_000);
    expect(parseTimecode("23 m")).toBe(1_380_000);
    expect(parseTimecode("90s")).toBe(90_000);
    expect(parseTimecode("23")).toBe(1_380_000);
    expect(parseTimecode("12:75")).toBeNull();
    expect(parseTimecode("soon")).toBeNull();
    expect(parseTimecode("")).toBeNull();
  });
});
