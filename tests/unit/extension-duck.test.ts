import { describe, expect, it } from "vitest";
import { createDucker, duckAmount } from "@/extension/src/duck";

const video = (volume: number) => ({ volume }) as HTMLVideoElement;

describe("the streaming player ducks while friends talk (extension)", () => {
  it("lowers the volume by the chosen share, and brings it back when the talk ends", () => {
    const player = video(0.8);
    const ducker = createDucker();
    ducker.apply(player, 0.75);
    expect(player.volume).toBeCloseTo(0.2);
    // Still talking: not lowered twice.
    ducker.apply(player, 0.75);
    expect(player.volume).toBeCloseTo(0.2);
    ducker.apply(player, 0);
    expect(player.volume).toBeCloseTo(0.8);
  });

  it("keeps the viewer's own change made while ducked", () => {
    const player = video(1);
    const ducker = createDucker();
    ducker.apply(player, 0.5);
    player.volume = 0.3;
    ducker.apply(player, 0);
    expect(player.volume).toBe(0.3);
  });

  it("accepts only the shares the room offers (a page message is anyone's to forge)", () => {
    expect([0, 0.5, 0.75, 0.9].map(duckAmount)).toEqual([0, 0.5, 0.75, 0.9]);
    for (const bad of [1, -1, 0.3, "0.5", null, Number.NaN]) expect(duckAmount(bad)).toBeNull();
  });
});
