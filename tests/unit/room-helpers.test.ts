import { describe, expect, it } from "vitest";
import { mayControl } from "@/server/room/control-clock";
import { createKeyedQueue } from "@/server/keyed-queue";
import { createMemoryRoomState } from "@/server/room/memory-room-state";
import { countdownStart, COUNTDOWN_MARGIN_MS } from "@/server/room/start-countdown";

describe("countdownStart", () => {
  it("leaves the whole countdown to the member with the slowest link", () => {
    expect(countdownStart(1000, 3, [40, null, 900])).toBe(1000 + 450 + COUNTDOWN_MARGIN_MS + 3000);
    expect(countdownStart(1000, 5, [])).toBe(1000 + COUNTDOWN_MARGIN_MS + 5000);
  });
});

describe("mayControl", () => {
  it("lets hosts control always and guests only when the host lets everyone", () => {
    expect(mayControl("host", "hosts")).toBe(true);
    expect(mayControl("cohost", "hosts")).toBe(true);
    expect(mayControl("guest", "hosts")).toBe(false);
    expect(mayControl("guest", "everyone")).toBe(true);
  });
});

describe("keyed queue", () => {
  it("runs tasks of one key in order, even when an earlier one fails", async () => {
    const run = createKeyedQueue();
    const log: string[] = [];
    const slow = run("a", async () => {
      await new Promise((r) => setTimeout(r, 30));
      log.push("a1");
      throw new Error("a1 failed");
    });
    const after = run("a", async () => void log.push("a2"));
    const other = run("b", async () => void log.push("b1"));
    await expect(slow).rejects.toThrow("a1 failed");
    await Promise.all([after, other]);
    expect(log).toEqual(["b1", "a1", "a2"]);
  });
});

describe("memory room state", () => {
  it("counts a person once across tabs and marks them away when the last tab leaves", async () => {
    const state = createMemoryRoomState();
    expect(await state.join("p", "s1", { userId: "u", name: "Q", role: "guest", muted: false })).toBe(true);
    expect(await state.join("p", "s2", { userId: "u", name: "Q", role: "guest", muted: false })).toBe(false);
    await state.update("p", "u", { ready: true, driftMs: -2000 });
    expect(await state.presence("p")).toHaveLength(1);
    expect(await state.leave("p", "s1")).toEqual({ userId: "u", gone: false });
    expect(await state.leave("p", "s2")).toEqual({ userId: "u", gone: true });
    expect(await state.leave("p", "s2")).toBeNull();
  });

  it("remembers a returning person's report while the room lives", async () => {
    const state = createMemoryRoomState();
    await state.join("p", "host", { userId: "h", name: "Host", role: "host", muted: false });
    await state.join("p", "s1", { userId: "u", name: "Q", role: "guest", muted: false });
    await state.update("p", "u", { driftMs: 1500, inSync: false });
    await state.leave("p", "s1");
    expect((await state.presence("p")).find((e) => e.userId === "u")).toMatchObject({ connected: false, driftMs: 1500, ready: false });
    await state.join("p", "s3", { userId: "u", name: "Q", role: "guest", muted: false });
    expect((await state.presence("p")).find((e) => e.userId === "u")).toMatchObject({ connected: true, driftMs: 1500 });
  });
});
