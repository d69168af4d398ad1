import { describe, expect, it } from "vitest";
import { createMemoryLinkRevocations } from "@/server/extension/link-revocations";
import { LINK_TOKEN_TTL_MS, readLinkToken, signLinkToken, type LinkClaims } from "@/server/extension/link-token";

const SECRET = "unit-secret-that-is-at-least-32-characters";
const now = 1_800_000_000_000;
const claims: LinkClaims = { userId: "user1", partyId: "party1", sessionVersion: 3, issuedAt: now, expiresAt: now + LINK_TOKEN_TTL_MS };

describe("the extension's link token", () => {
  it("reads back what was signed until it expires", () => {
    const token = signLinkToken(SECRET, claims);
    expect(readLinkToken(SECRET, token, now)).toEqual(claims);
    expect(readLinkToken(SECRET, token, now + LINK_TOKEN_TTL_MS - 1)).toEqual(claims);
    expect(readLinkToken(SECRET, token, now + LINK_TOKEN_TTL_MS)).toBeNull();
  });

  it("refuses another key, a changed claim, a changed signature and junk", () => {
    const token = signLinkToken(SECRET, claims);
    const [prefix, , signature] = token.split(".");
    const otherParty = Buffer.from(JSON.stringify({ ...claims, partyId: "party2" })).toString("base64url");
    expect(readLinkToken("another-secret-that-is-at-least-32-characters", token, now)).toBeNull();
    expect(readLinkToken(SECRET, `${prefix}.${otherParty}.${signature}`, now)).toBeNull();
    expect(readLinkToken(SECRET, `${token.slice(0, -2)}AA`, now)).toBeNull();
    for (const junk of [undefined, 42, "", "bwx1", "bwx1..", `${token}.extra`, "x".repeat(2000), { token }]) {
      expect(readLinkToken(SECRET, junk, now)).toBeNull();
    }
  });
});

describe("link revocations in memory", () => {
  it("remember the last revocation per person and party, and forget ones no token can outlive", async () => {
    const revocations = createMemoryLinkRevocations(LINK_TOKEN_TTL_MS);
    await revocations.revoke("user1", "party1", now);
    expect(await revocations.revokedAt("user1", "party1")).toBe(now);
    expect(await revocations.revokedAt("user1", "party2")).toBeNull();
    await revocations.revoke("user2", "party1", now + LINK_TOKEN_TTL_MS + 1);
    expect(await revocations.revokedAt("user1", "party1")).toBeNull();
    expect(await revocations.revokedAt("user2", "party1")).toBe(now + LINK_TOKEN_TTL_MS + 1);
  });
});
