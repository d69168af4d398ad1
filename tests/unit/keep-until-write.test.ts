import { describe, expect, it } from "vitest";
import { keepUntilWrite } from "@/server/db/keep-until-write";

/** A promise and its resolve, to finish a read or a write when the test says. */
function pending<V>() {
  let resolve!: (value: V) => void;
  const promise = new Promise<V>((r) => (resolve = r));
  return { promise, resolve };
}

describe("reads kept until the next write", () => {
  it("answers a read from what was kept, until a write to its owner", async () => {
    const cache = keepUntilWrite(10);
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.read("party", "slot", load)).toBe(1);
    expect(await cache.read("party", "slot", load)).toBe(1);
    expect(await cache.read("other", "slot", load)).toBe(2);
    await cache.write("party", async () => undefined);
    expect(await cache.read("party", "slot", load)).toBe(3);
    expect(await cache.read("other", "slot", load)).toBe(2);
  });

  it("keeps no answer of a read that a write overlapped, however they end", async () => {
    const cache = keepUntilWrite(10);
    // The read ends during the write: the write's end drops it.
    const during = pending<string>();
    const write = pending<void>();
    const reading = cache.read("party", "slot", () => during.promise);
    const writing = cache.write("party", () => write.promise);
    during.resolve("before the write");
    await reading;
    write.resolve();
    await writing;
    expect(await cache.read("party", "slot", async () => "after the write")).toBe("after the write");

    // The read starts during the write and ends after it.
    const write2 = pending<void>();
    const late = pending<string>();
    const writing2 = cache.write("party", () => write2.promise);
    const reading2 = cache.read("party", "late", () => late.promise);
    write2.resolve();
    await writing2;
    late.resolve("maybe before the write");
    await reading2;
    expect(await cache.read("party", "late", async () => "fresh")).toBe("fresh");
  });

  it("keeps nothing of a failed read, and forgets the oldest owner when full", async () => {
    const cache = keepUntilWrite(2);
    await expect(cache.read("a", "slot", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.read("a", "slot", async () => "a1")).toBe("a1");
    await cache.read("b", "slot", async () => "b1");
    await cache.read("c", "slot", async () => "c1");
    expect(await cache.read("a", "slot", async () => "a2")).toBe("a2");
    expect(await cache.read("c", "slot", async () => "c2")).toBe("c1");
  });
});

describe("what keepUntilWrite holds", () => {
  it("counts writes only for owners with reads under way: a thousand owners written to leave nothing behind", async () => {
    const cache = keepUntilWrite(10);
    for (let i = 0; i < 1000; i++) await cache.write(`owner ${i}`, async () => i);
    expect(cache.sizes()).toEqual({ kept: 0, inFlight: 0 });
    for (let i = 0; i < 50; i++) await cache.read(`owner ${i}`, "slot", async () => i);
    expect(cache.sizes()).toEqual({ kept: 10, inFlight: 0 });
    // A write during a read still keeps that read from being kept.
    let finish!: (v: string) => void;
    const reading = cache.read("racy", "slot", () => new Promise<string>((resolve) => (finish = resolve)));
    expect(cache.sizes().inFlight).toBe(1);
    await cache.write("racy", async () => "written");
    finish("old");
    await reading;
    await Promise.resolve();
    expect(cache.sizes().inFlight).toBe(0);
    expect(await cache.read("racy", "slot", async () => "new")).toBe("new");
  });
});
