import { describe, expect, it } from "vitest";
import { applyCommand, initialClock, positionAt } from "@/shared/party-clock";
import { BURST_MS, burstingAt, momentsOf, visibleAt } from "@/shared/replay-moments";

const at = (id: string, episode: number, positionMs: number) => ({ id, episode, positionMs });
const messages = [at("a", 1, 0), at("b", 1, 15_000), at("c", 1, 15_001), at("d", 2, 5_000), at("e", 1, 61_000)];
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("what a replay shows at a position", () => {
  it("shows the episode's messages sent at or before the position, in their order", () => {
    expect(ids(visibleAt(messages, { episode: 1, positionMs: 0 }))).toEqual(["a"]);
    expect(ids(visibleAt(messages, { episode: 1, positionMs: 15_000 }))).toEqual(["a", "b"]);
    expect(ids(visibleAt(messages, { episode: 1, positionMs: 3_600_000 }))).toEqual(["a", "b", "c", "e"]);
  });

  it("shows nothing of another episode, earlier or later", () => {
    expect(ids(visibleAt(messages, { episode: 2, positionMs: 3_600_000 }))).toEqual(["d"]);
    expect(visibleAt(messages, { episode: 3, positionMs: 3_600_000 })).toEqual([]);
  });

  it("takes away again what comes after the position when the replay clock seeks back", () => {
    const playing = applyCommand(initialClock(1, 0), { type: "play" }, 1000);
    const later = { episode: 1, positionMs: positionAt(playing, 1000 + 20_000) };
    expect(ids(visibleAt(messages, later))).toEqual(["a", "b", "c"]);
    const back = applyCommand(playing, { type: "seek", positionMs: 10_000 }, 1000 + 20_000);
    expect(ids(visibleAt(messages, { episode: 1, positionMs: positionAt(back, 1000 + 20_000) }))).toEqual(["a"]);
  });

  it("bursts a reaction from its moment for a few seconds, and not before", () => {
    const reactions = [at("r", 1, 10_000)];
    expect(burstingAt(reactions, { episode: 1, positionMs: 9_999 })).toEqual([]);
    expect(ids(burstingAt(reactions, { episode: 1, positionMs: 10_000 }))).toEqual(["r"]);
    expect(ids(burstingAt(reactions, { episode: 1, positionMs: 10_000 + BURST_MS - 1 }))).toEqual(["r"]);
    expect(burstingAt(reactions, { episode: 1, positionMs: 10_000 + BURST_MS })).toEqual([]);
    expect(burstingAt(reactions, { episode: 2, positionMs: 10_000 })).toEqual([]);
  });

  it("counts one episode's messages and reactions per minute for the heat map", () => {
    expect(momentsOf([...messages, at("r", 1, 59_999)], 1)).toEqual([
      { episode: 1, minute: 0, count: 4 },
      { episode: 1, minute: 1, count: 1 },
    ]);
    expect(momentsOf(messages, 4)).toEqual([]);
  });
});
