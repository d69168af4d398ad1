import { knownAuthPath } from "@/server/auth/known-auth-path";
import { describe, expect, it } from "vitest";
import { rateLimitedError } from "@/server/errors";
import { clientAddress, trustedForwarded } from "@/server/http/forwarded";
import { edgeRefusal } from "@/server/http/http-edge";
import { createOriginPolicy } from "@/server/http/origin-policy";
import { contentSecurityPolicy, securityHeaders } from "@/server/http/security-headers";
import { backoffSeconds } from "@/server/users/account-limits";

const policy = createOriginPolicy({ authUrl: undefined, allowedOrigins: ["https://partner.example"], trustProxyHops: 0 });
const host = { host: "localhost:3000" };

describe("the origin policy", () => {
  it("takes the app's origin from AUTH_URL, else from the Host (and a trusted proxy's headers)", () => {
    expect(createOriginPolicy({ authUrl: "https://party.example.com/x", allowedOrigins: [], trustProxyHops: 0 }).ownOrigin(host)).toBe("https://party.example.com");
    expect(policy.ownOrigin({ ...host, "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" })).toBe("http://localhost:3000");
    const behindProxy = createOriginPolicy({ authUrl: undefined, allowedOrigins: [], trustProxyHops: 1 });
    expect(behindProxy.ownOrigin({ ...host, "x-forwarded-proto": "http, https", "x-forwarded-host": "party.example.com" })).toBe("https://party.example.com");
  });

  it("allows the own origin, the configured ones and no Origin; refuses the rest", () => {
    expect(policy.refusal({ ...host, origin: "http://localhost:3000" })).toBeNull();
    expect(policy.refusal({ ...host, origin: "https://partner.example" })).toBeNull();
    expect(policy.refusal({ ...host })).toBeNull();
    expect(policy.refusal({ ...host, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(policy.refusal({ ...host, "sec-fetch-site": "none" })).toBeNull();
    expect(policy.refusal({ ...host, origin: "http://localhost:4000" })).toMatch(/localhost:4000/);
    expect(policy.refusal({ ...host, origin: "https://localhost:3000" })).not.toBeNull();
    expect(policy.refusal({ ...host, origin: "null" })).not.toBeNull();
    expect(policy.refusal({ ...host, "sec-fetch-site": "same-site" })).not.toBeNull();
    expect(policy.refusal({ ...host, "sec-fetch-site": "cross-site" })).not.toBeNull();
  });
});

describe("forwarded headers", () => {
  const headers = { "x-forwarded-for": "203.0.113.9, 198.51.100.7", "x-forwarded-proto": "https" };
  it("uses the peer's address unless proxies are trusted, then counts from the right", () => {
    expect(clientAddress(headers, "10.0.0.1", 0)).toBe("10.0.0.1");
    expect(clientAddress(headers, "10.0.0.1", 1)).toBe("198.51.100.7");
    expect(clientAddress(headers, "10.0.0.1", 2)).toBe("203.0.113.9");
    expect(clientAddress(headers, "10.0.0.1", 5)).toBe("203.0.113.9");
    expect(clientAddress({}, undefined, 0)).toBe("unknown");
  });
  it("ignores X-Forwarded-Proto unless a proxy is trusted", () => {
    expect(trustedForwarded(headers, "x-forwarded-proto", 0)).toBeUndefined();
    expect(trustedForwarded(headers, "x-forwarded-proto", 1)).toBe("https");
  });
});

describe("edgeRefusal", () => {
  const own = { ...host, origin: "http://localhost:3000" };
  const json = { ...own, "content-type": "application/json; charset=utf-8" };
  it("answers a malformed percent-escape, on any method", () => {
    expect(edgeRefusal({ method: "GET", headers: host }, "/parties/%ZZ", policy)?.code).toBe("MALFORMED_URL");
    expect(edgeRefusal({ method: "GET", headers: host }, "/parties/%E2%82", policy)?.code).toBe("MALFORMED_URL");
    expect(edgeRefusal({ method: "GET", headers: host }, "/parties/caf%C3%A9", policy)).toBeNull();
  });
  it("checks the origin of every method but GET and HEAD, Auth.js's routes included", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      expect(edgeRefusal({ method, headers: { ...json, origin: "https://evil.example" } }, "/api/parties", policy)?.code).toBe("FORBIDDEN");
    }
    expect(edgeRefusal({ method: "POST", headers: { ...host, origin: "https://evil.example" } }, "/api/auth/signout", policy)?.code).toBe("FORBIDDEN");
    expect(edgeRefusal({ method: "GET", headers: { ...host, origin: "https://evil.example" } }, "/api/parties", policy)).toBeNull();
  });
  it("requires JSON on the API's other routes, form posts on Auth.js's", () => {
    expect(edgeRefusal({ method: "POST", headers: { ...own, "content-type": "text/plain" } }, "/api/parties/x/cancel", policy)?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(edgeRefusal({ method: "POST", headers: own }, "/api/parties/x/cancel", policy)?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(edgeRefusal({ method: "POST", headers: json }, "/api/parties/x/cancel", policy)).toBeNull();
    expect(edgeRefusal({ method: "POST", headers: { ...own, "content-type": "application/x-www-form-urlencoded" } }, "/api/auth/callback/guest", policy)).toBeNull();
  });
  it("lets a mail client's one-click unsubscribe (RFC 8058) post its form, and nothing else of the API", () => {
    const form = { ...host, "content-type": "application/x-www-form-urlencoded" };
    expect(edgeRefusal({ method: "POST", headers: form }, "/api/reminders/unsubscribe/abcdefghijklmnopqrstuvwxyz", policy)).toBeNull();
    expect(edgeRefusal({ method: "POST", headers: form }, "/api/parties/x/reminders", policy)?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    // Still not from another site's page.
    expect(edgeRefusal({ method: "POST", headers: { ...form, origin: "https://evil.example" } }, "/api/reminders/unsubscribe/abcdefghijklmnopqrstuvwxyz", policy)?.code).toBe("FORBIDDEN");
  });
});

describe("security headers", () => {
  it("builds a nonce CSP without inline or eval outside development", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false, https: false, oauthProviders: ["github"] });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe");
    expect(csp).toContain("form-action 'self' https://github.com");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ nonce: "n", dev: true, https: false, oauthProviders: [] })).toContain("'unsafe-eval'");
  });
  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", dev: false, https: false, oauthProviders: [] })["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", dev: false, https: true, oauthProviders: [] })["strict-transport-security"]).toBe("max-age=63072000");
  });
});

describe("limits", () => {
  const rule = { freeFailures: 5, firstWaitSeconds: 30, maxWaitSeconds: 900 };
  it("waits nothing for the free failures, then doubles up to the cap", () => {
    expect([1, 4, 5, 6, 7, 9, 10, 30].map((n) => backoffSeconds(n, rule))).toEqual([0, 0, 30, 60, 120, 480, 900, 900]);
  });
  it("says how long to wait in the message and for Retry-After", () => {
    expect(rateLimitedError("Too many.", 1_200)).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 1_200, message: "Too many. Try again in 2 seconds." });
    expect(rateLimitedError("Too many.", 600_000).message).toBe("Too many. Try again in 10 minutes.");
  });
});

describe("knownAuthPath", () => {
  it("lets Auth.js answer its actions, but only for providers this deployment has", () => {
    expect(knownAuthPath("/api/auth/session", [])).toBe(true);
    expect(knownAuthPath("/api/auth/signin", [])).toBe(true);
    expect(knownAuthPath("/api/auth/callback/password", [])).toBe(true);
    expect(knownAuthPath("/api/auth/callback/guest", [])).toBe(true);
    expect(knownAuthPath("/api/auth/callback/github", [])).toBe(false);
    expect(knownAuthPath("/api/auth/signin/google", [])).toBe(false);
    expect(knownAuthPath("/api/auth/signin/google", ["google"])).toBe(true);
    expect(knownAuthPath("/api/auth/callback/__proto__", [])).toBe(false);
    expect(knownAuthPath("/api/auth/webauthn-options/passkey", [])).toBe(false);
    expect(knownAuthPath("/api/auth/callback/guest/extra", [])).toBe(false);
  });
});
