import { describe, expect, it } from "vitest";
import { canManage, canView, inviteTokenMatches } from "@/server/parties/access";

const party = { visibility: "unlisted" as const, hostId: "host", cohostIds: ["co"], inviteToken: "tok_abcdefghijklmnop" };

describe("party access rules", () => {
  it("lets only the host and co-hosts manage", () => {
    expect(canManage(party, "host")).toBe(true);
    expect(canManage(party, "co")).toBe(true);
    expect(canManage(party, "guest")).toBe(false);
    expect(canManage(party, undefined)).toBe(false);
  });

  it("shows an unlisted party only through its link, to its hosts, or to people who answered", () => {
    expect(canView(party, { hasAnswered: false })).toBe(false);
    expect(canView(party, { userId: "stranger", hasAnswered: false, inviteToken: "tok_abcdefghijklmnoX" })).toBe(false);
    expect(canView(party, { userId: "stranger", hasAnswered: false, inviteToken: "tok_abc" })).toBe(false);
    expect(canView(party, { hasAnswered: false, inviteToken: party.inviteToken })).toBe(true);
    expect(canView(party, { userId: "co", hasAnswered: false })).toBe(true);
    expect(canView(party, { userId: "fan", hasAnswered: true })).toBe(true);
    expect(canView({ ...party, visibility: "public" }, { hasAnswered: false })).toBe(true);
  });

  it("compares invite tokens exactly", () => {
    expect(inviteTokenMatches(party, party.inviteToken)).toBe(true);
    expect(inviteTokenMatches(party, party.inviteToken.toUpperCase())).toBe(false);
    expect(inviteTokenMatches(party, "")).toBe(false);
    expect(inviteTokenMatches(party, null)).toBe(false);
  });
});
