import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { splitMessage } from "@/shared/split-message";

describe("splitMessage", () => {
  it("keeps a message within the limit whole", () => {
    expect(splitMessage("  hello there  ", 500)).toEqual(["hello there"]);
  });

  it("cuts at a space, never mid-word, and loses no word", () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`);
    const parts = splitMessage(words.join(" "), 500);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
    expect(parts.join(" ").split(" ")).toEqual(words);
  });

  it("cuts a word longer than the limit at the limit, and never splits an emoji", () => {
    expect(splitMessage("x".repeat(1200), 500).map((p) => p.length)).toEqual([500, 500, 200]);
    const emoji = "a" + "😂".repeat(300);
    const parts = splitMessage(emoji, 500);
    expect(parts.join("")).toBe(emoji);
    for (const part of parts) expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it("every part fits and together they hold every non-space character, in order", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 10, max: 600 }), (text, max) => {
        const parts = splitMessage(text, max);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
        expect(parts.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
    );
  });
});
