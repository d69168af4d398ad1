import { describe, expect, it } from "vitest";
import { plainText, textInput } from "@/server/text-input";

describe("plainText", () => {
  it("turns line breaks and tabs into spaces in one-line text and drops other control characters", () => {
    expect(plainText("Finale\r\nEND:VEVENT\rBEGIN\nX\tY\u2028Z\u0085W", { multiline: false })).toBe("Finale END:VEVENT BEGIN X Y Z W");
    expect(plainText("a\u0000b\u0007c\u001bd\u007fe\u009bf", { multiline: false })).toBe("abcdef");
  });

  it("keeps line breaks (as LF) and tabs in multi-line text", () => {
    expect(plainText("one\r\ntwo\rthree\u2029four\tfive\u0000", { multiline: true })).toBe("one\ntwo\nthree\nfour\tfive");
  });

  it("drops bidirectional overrides, embeddings and isolates but keeps the direction marks", () => {
    // U+202E would show "gpj.exe" as "exe.jpg".
    expect(plainText("photo\u202Egpj.exe \u2066x\u2069 \u202Ay\u202C", { multiline: false })).toBe("photogpj.exe x y");
    expect(plainText("שלום\u200F!", { multiline: false })).toBe("שלום\u200F!");
  });

  it("drops lone surrogates and keeps pairs", () => {
    expect(plainText("a\uD800b\uDC00c🎬", { multiline: false })).toBe("abc🎬");
  });
});

describe("textInput", () => {
  it("cleans, then trims, then counts what is left", () => {
    const schema = textInput({ message: "Give it a title." }).min(1, "Empty.").max(5, "Too long.");
    expect(schema.parse("  \u0000ab\u202Ec\u0007  ")).toBe("abc");
    expect(schema.safeParse("\r\n\u0000 ").error?.issues[0]?.message).toBe("Empty.");
    expect(schema.safeParse(42).error?.issues[0]?.message).toBe("Give it a title.");
  });
});
