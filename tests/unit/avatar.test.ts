import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, avatarColour, initials } from "@/app/_components/avatar";

describe("avatars", () => {
  it("initials: first and last word, letters only, upper case", () => {
    expect(initials("Renée Ballard")).toBe("RB");
    expect(initials("harry")).toBe("H");
    expect(initials("Jake  T. Pearlman")).toBe("JP");
    expect(initials("🦊 fox")).toBe("F");
    expect(initials("***")).toBe("?");
  });

  it("a colour from the name: the same for the same name, spread over the palette", () => {
    expect(avatarColour("Hannah Host")).toBe(avatarColour(" hannah host "));
    const colours = new Set(["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lu"].map(avatarColour));
    expect(colours.size).toBeGreaterThan(5);
    for (const c of colours) expect(c).toBeLessThan(AVATAR_COLOURS);
  });
});
