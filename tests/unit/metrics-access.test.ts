import { describe, expect, it } from "vitest";
import { isInternalAddress, metricsRefusal } from "@/server/metrics/metrics-access";

const TOKEN = "a-metrics-token-of-24-characters";

describe("who may read /metrics", () => {
  it("knows the machine's and the internal network's addresses", () => {
    for (const internal of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.0.0.5", "172.16.3.4", "172.31.255.255", "192.168.1.1", "fd12::1", "fe80::1", "169.254.1.1"]) {
      expect(isInternalAddress(internal), internal).toBe(true);
    }
    for (const external of ["203.0.113.7", "172.32.0.1", "8.8.8.8", "::ffff:8.8.8.8", "2001:db8::1", "unknown", "", undefined]) {
      expect(isInternalAddress(external), String(external)).toBe(false);
    }
  });

  it("without a token: both the peer and the client address must be internal", () => {
    const ask = (peerAddress: string, clientAddress: string) => metricsRefusal({ authorization: undefined, peerAddress, clientAddress, token: undefined });
    expect(ask("127.0.0.1", "127.0.0.1")).toBeNull();
    expect(ask("::ffff:10.0.0.2", "10.0.0.9")).toBeNull();
    // Relayed by the balancer on this machine for a client outside.
    expect(ask("127.0.0.1", "203.0.113.7")?.status).toBe(403);
    // A forged X-Forwarded-For sent straight to the process from outside.
    expect(ask("203.0.113.7", "127.0.0.1")?.status).toBe(403);
  });

  it("with a token: only `Bearer <token>`, from anywhere", () => {
    const ask = (authorization: string | undefined) => metricsRefusal({ authorization, peerAddress: "203.0.113.7", clientAddress: "203.0.113.7", token: TOKEN });
    expect(ask(`Bearer ${TOKEN}`)).toBeNull();
    expect(ask(`bearer ${TOKEN}`)).toBeNull();
    for (const wrong of [undefined, "", TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, `Bearer ${TOKEN} extra`]) {
      expect(ask(wrong)?.status, String(wrong)).toBe(401);
    }
    // Internal addresses need the token too once one is set.
    expect(metricsRefusal({ authorization: undefined, peerAddress: "127.0.0.1", clientAddress: "127.0.0.1", token: TOKEN })?.status).toBe(401);
  });
});
