import { describe, expect, it } from "vitest";
import { groupCommit } from "@/server/db/group-commit";

/** A write that holds each batch until the test lets it end, and records every batch it was given. */
function heldWrite() {
  const batches: number[][] = [];
  const release: Array<() => void> = [];
  const write = (batch: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(batch);
      release.push(() => resolve(batch.map((n) => n * 10)));
    });
  return { write, batches, release };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("groupCommit", () => {
  it("writes what arrives during a write as the next batch, in arrival order, one write at a time", async () => {
    const held = heldWrite();
    const store = groupCommit(held.write);
    const answers = [store(1), store(2), store(3)];
    await settle();
    expect(held.batches).toEqual([[1]]);
    held.release[0]!();
    await settle();
    expect(held.batches).toEqual([[1], [2, 3]]);
    held.release[1]!();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
  });

  it("with inFlight, starts another write while fewer run, and batches only beyond them", async () => {
    const held = heldWrite();
    const store = groupCommit(held.write, { inFlight: 2 });
    const answers = [store(1), store(2), store(3), store(4)];
    await settle();
    expect(held.batches).toEqual([[1], [2]]);
    held.release[1]!();
    await settle();
    expect(held.batches).toEqual([[1], [2], [3, 4]]);
    held.release[2]!();
    expect(await Promise.all(answers.slice(1))).toEqual([20, 30, 40]);
    // One write still runs (the first): a new call starts the second at once.
    const fifth = store(5);
    await settle();
    expect(held.batches).toEqual([[1], [2], [3, 4], [5]]);
    held.release[0]!();
    held.release[3]!();
    expect(await Promise.all([answers[0], fifth])).toEqual([10, 50]);
  });

  it("gives every caller of a failed batch the error, and goes on with the next", async () => {
    const store = groupCommit(async (batch: number[]) => {
      if (batch.includes(1)) throw new Error("refused");
      return batch;
    });
    const first = store(1);
    const second = store(2);
    await expect(first).rejects.toThrow("refused");
    expect(await second).toBe(2);
  });
});
