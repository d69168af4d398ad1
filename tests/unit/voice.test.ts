import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { candidateAddress, loopbackOnly, passesCandidate } from "@/app/parties/[id]/room/call/candidates";
import type { EnvError} from "@/server/env";
import { loadEnv } from "@/server/env";
import { callHostSchema, callSignalSchema } from "@/server/voice/call-events.types";
import { mintTurnCredentials } from "@/server/voice/turn-credentials";

const TURN_SECRET = "t".repeat(40);
const AUTH_SECRET = "a".repeat(40);

describe("TURN REST credentials", () => {
  it("are `<expiry>:<user>` with the base64 HMAC-SHA1 of it under the shared secret, expiring after the lifetime", () => {
    const now = Date.UTC(2026, 11, 7, 2, 0, 0);
    const minted = mintTurnCredentials({ urls: ["turn:127.0.0.1:3478"], secret: TURN_SECRET, ttlSeconds: 3600 }, "user1", now);
    expect(minted.username).toBe(`${now / 1000 + 3600}:user1`);
    expect(minted.credential).toBe(createHmac("sha1", TURN_SECRET).update(minted.username!).digest("base64"));
    expect(minted.expiresAt).toBe(now + 3600_000);
    expect(minted.urls).toEqual(["turn:127.0.0.1:3478"]);
    // Another person, or another secret, gets another password.
    expect(mintTurnCredentials({ urls: [], secret: TURN_SECRET, ttlSeconds: 3600 }, "user2", now).credential).not.toBe(minted.credential);
  });
});

describe("the call's environment", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "bwp-env-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("reads TURN_URLS, TURN_SECRET and the credentials' lifetime (4 hours unless set)", () => {
    const env = loadEnv({ DATA_DIR: dataDir, TURN_URLS: "turn:127.0.0.1:3478?transport=udp, turn:127.0.0.1:3478?transport=tcp", TURN_SECRET });
    expect(env.turn).toEqual({ urls: ["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"], secret: TURN_SECRET, ttlSeconds: 14_400 });
    expect(loadEnv({ DATA_DIR: dataDir }).turn).toBeUndefined();
  });

  it("refuses a relay without a secret (in production too), a short secret, a secret without a relay, and URLs that are not turn:", () => {
    const problems = (source: Record<string, string>) => {
      try {
        loadEnv({ DATA_DIR: dataDir, ...source });
        return [];
      } catch (error) {
        return (error as EnvError).problems;
      }
    };
    expect(problems({ NODE_ENV: "production", AUTH_SECRET, TURN_URLS: "turn:relay.example.com:3478" })).toEqual([
      "TURN_SECRET is required with TURN_URLS (production): the app mints each person's TURN credentials with it",
    ]);
    expect(problems({ TURN_URLS: "turn:relay.example.com", TURN_SECRET: "short" })[0]).toMatch(/^TURN_SECRET must be at least 32 characters/);
    expect(problems({ TURN_SECRET })).toEqual(["TURN_URLS is needed with TURN_SECRET: name the relay the credentials are for"]);
    expect(problems({ TURN_URLS: "https://relay.example.com", TURN_SECRET })[0]).toMatch(/^TURN_URLS\.0 must list turn: or turns: URLs/);
    expect(problems({ TURN_URLS: "turn:a", TURN_SECRET, TURN_CREDENTIAL_TTL_S: "5" })[0]).toMatch(/^TURN_CREDENTIAL_TTL_S must be from 60/);
  });

  it("reads Janus's four settings together, and refuses a Janus URL without its admin secret (in production too) or a short secret", () => {
    const janus = { JANUS_URL: "http://127.0.0.1:8088/janus", JANUS_WS_URL: "ws://127.0.0.1:8188", JANUS_ADMIN_URL: "http://127.0.0.1:7088/admin", JANUS_ADMIN_SECRET: "j".repeat(32) };
    expect(loadEnv({ DATA_DIR: dataDir, ...janus }).janus).toEqual({ url: janus.JANUS_URL, wsUrl: janus.JANUS_WS_URL, adminUrl: janus.JANUS_ADMIN_URL, adminSecret: janus.JANUS_ADMIN_SECRET });
    expect(loadEnv({ DATA_DIR: dataDir }).janus).toBeUndefined();
    const problems = (source: Record<string, string>) => {
      try {
        loadEnv({ DATA_DIR: dataDir, ...source });
        return [];
      } catch (error) {
        return (error as EnvError).problems;
      }
    };
    const { JANUS_ADMIN_SECRET: _secret, ...withoutSecret } = janus;
    expect(problems({ NODE_ENV: "production", AUTH_SECRET, ...withoutSecret })).toEqual([
      "JANUS_ADMIN_SECRET needed too (production): set JANUS_URL, JANUS_WS_URL, JANUS_ADMIN_URL, JANUS_ADMIN_SECRET for large calls through Janus, or none",
    ]);
    expect(problems({ ...janus, JANUS_ADMIN_SECRET: "short" })[0]).toMatch(/^JANUS_ADMIN_SECRET must be at least 24 characters/);
    expect(problems({ ...janus, JANUS_WS_URL: "http://x" })[0]).toMatch(/^JANUS_WS_URL must be Janus's WebSocket API/);
  });
});

describe("candidates on loopback", () => {
  const host = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0";
  const lan = "candidate:2 1 udp 2122194687 192.168.1.20 50001 typ host generation 0";
  const relay = "candidate:3 1 udp 41885439 127.0.0.1 40010 typ relay raddr 0.0.0.0 rport 0";
  it("passes only 127.0.0.1 (host or relay) when the app is served from this machine, everything elsewhere", () => {
    expect(loopbackOnly("localhost") && loopbackOnly("127.0.0.1")).toBe(true);
    expect(loopbackOnly("party.example.com")).toBe(false);
    expect(candidateAddress(lan)).toBe("192.168.1.20");
    expect([host, lan, relay, ""].map((c) => passesCandidate(c, true))).toEqual([true, false, true, true]);
    expect([host, lan, relay].map((c) => passesCandidate(c, false))).toEqual([true, true, true]);
  });
});

describe("the call's payloads", () => {
  it("refuses oversized descriptions, unknown signal types and member actions without a member", () => {
    const base = { partyId: "p1", to: "AAAAAAAAAAAAAAAAAAAA" };
    expect(callSignalSchema.safeParse({ ...base, signal: { type: "offer", sdp: "v=0" } }).success).toBe(true);
    expect(callSignalSchema.safeParse({ ...base, signal: { type: "offer", sdp: "x".repeat(20_001) } }).success).toBe(false);
    expect(callSignalSchema.safeParse({ ...base, signal: { type: "rollback", sdp: "v=0" } }).success).toBe(false);
    expect(callSignalSchema.safeParse({ ...base, to: "../../x", signal: { type: "answer", sdp: "v=0" } }).success).toBe(false);
    expect(callSignalSchema.safeParse({ ...base, signal: { type: "candidate", candidate: { candidate: "c", sdpMLineIndex: 0, extra: 1 } } }).data).toEqual({
      ...base,
      signal: { type: "candidate", candidate: { candidate: "c", sdpMLineIndex: 0 } },
    });
    expect(callHostSchema.safeParse({ partyId: "p1", action: "remove" }).success).toBe(false);
    expect(callHostSchema.safeParse({ partyId: "p1", action: "mute-all" }).success).toBe(true);
  });
});
