import { describe, expect, it } from "vitest";
import { invitePath } from "@/app/_components/invite-jump";
import { isLiveNow } from "@/server/parties/schedule";

describe("the landing page", () => {
  it("opens a pasted invite link on this site, and nothing else", () => {
    const origin = "https://watch.example";
    expect(invitePath(" https://watch.example/parties/abc123?invite=tok-1 ", origin)).toBe("/parties/abc123?invite=tok-1");
    expect(invitePath("/parties/abc123", origin)).toBe("/parties/abc123");
    expect(invitePath("https://watch.example/my", origin)).toBeNull();
    expect(invitePath("http://[bad", origin)).toBeNull();
  });

  it("marks a party live while one of its sittings is on", () => {
    const party = { startsAt: new Date("2026-12-01T20:00:00Z"), timeZone: "UTC", episodePlan: "single" as const, episodeFrom: 1, episodeTo: 1, episodeMinutes: 50 };
    expect(isLiveNow(party, new Date("2026-12-01T19:59:59Z"))).toBe(false);
    expect(isLiveNow(party, new Date("2026-12-01T20:10:00Z"))).toBe(true);
    expect(isLiveNow(party, new Date("2026-12-01T20:50:00Z"))).toBe(false);
  });
});
