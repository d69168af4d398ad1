import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/server/users/password";
import { ACCOUNT_LIMITS } from "@/server/users/account-limits";
import { signInWithPassword } from "@/server/users/sign-in-with-password";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const PARTNER = "http://partner.example";
const DAY_MS = 24 * 60 * 60 * 1000;

type Refusal = Error & { data?: { code?: string } };
const handshake = (client: TestClient) => connected(client).then(() => null, (e: Refusal) => e);

describe.each(testDatabaseKinds())("the HTTP edge, sessions and limits on the %s database", (kind) => {
  let app: TestApp;
  let own: string;

  /** A request through the edge; each comes from its own client address (X-Forwarded-For, one trusted proxy). */
  function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string; address?: string } = {}) {
    return fetch(`${app.url}${path}`, {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: { "x-forwarded-for": init.address ?? `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`, ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  }
  const postJson = (path: string, cookie: string, body: unknown, headers: Record<string, string> = {}) =>
    send(path, { method: "POST", headers: { "content-type": "application/json", cookie, origin: own, ...headers }, body: JSON.stringify(body) });

  async function partyOf(cookie: string): Promise<string> {
    const user = await app.context.getSessionUser(cookie);
    return (await app.newParty(user!.id)).id;
  }
  const isCancelled = async (id: string) => (await app.context.parties.findById(id))?.cancelledAt != null;

  beforeAll(async () => {
    app = await startTestApp({ kind, http: { allowedOrigins: [PARTNER], trustProxyHops: 1 } });
    own = app.url;
  });
  afterAll(() => app.close());
  afterEach(() => vi.useRealTimers());

  describe("forged requests", () => {
    it("refuses a text/plain form post with 415 even from the app's own origin", async () => {
      const cookie = await app.signInAsGuest("Host 415");
      const id = await partyOf(cookie);
      const response = await send(`/api/parties/${id}/cancel`, {
        method: "POST",
        headers: { "content-type": "text/plain", cookie, origin: own },
        body: '{"x":"="}',
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
      expect(await isCancelled(id)).toBe(false);
    });

    it("refuses a request from another origin (another port of the same host too) with 403", async () => {
      const cookie = await app.signInAsGuest("Host 403");
      const id = await partyOf(cookie);
      const otherPort = own.replace(/:\d+$/, ":1");
      for (const origin of [otherPort, "https://evil.example", "null"]) {
        const response = await postJson(`/api/parties/${id}/cancel`, cookie, {}, { origin });
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
      }
      expect(await isCancelled(id)).toBe(false);
    });

    it("refuses a request without Origin whose Sec-Fetch-Site says another site", async () => {
      const cookie = await app.signInAsGuest("Host fetch-site");
      const id = await partyOf(cookie);
      for (const site of ["cross-site", "same-site"]) {
        const response = await send(`/api/parties/${id}/cancel`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "sec-fetch-site": site },
          body: "{}",
        });
        expect(response.status).toBe(403);
      }
      expect(await isCancelled(id)).toBe(false);
    });

    it("accepts the app's own origin, a configured extra origin and a client that sends no Origin", async () => {
      const cookie = await app.signInAsGuest("Host ok");
      for (const headers of [{ origin: own }, { origin: PARTNER }, { origin: "" }]) {
        const id = await partyOf(cookie);
        const init = headers.origin === "" ? { "sec-fetch-site": "same-origin" } : headers;
        const response = await send(`/api/parties/${id}/cancel`, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8", cookie, ...init },
          body: "{}",
        });
        expect(response.status).toBe(200);
        expect(await isCancelled(id)).toBe(true);
      }
    });

    it("checks the Origin of Auth.js's form posts too", async () => {
      const response = await send("/api/auth/callback/guest", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
        body: "displayName=Forged&csrfToken=x",
      });
      expect(response.status).toBe(403);
    });

    it("answers a malformed percent-escape with 400, on API and page paths", async () => {
      for (const [method, path] of [["POST", "/api/parties/%ZZ/rsvp"], ["GET", "/api/parties/%ZZ/calendar.ics"], ["GET", "/parties/%ZZ"]] as const) {
        const response = await send(path, { method, headers: { "content-type": "application/json", origin: own }, ...(method === "POST" ? { body: "{}" } : {}) });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: "MALFORMED_URL" } });
      }
    });

    it("puts the security headers on every response; HSTS only over HTTPS", async () => {
      for (const response of [await send("/api/health"), await send("/api/nothing-here"), await send("/api/parties/%ZZ")]) {
        const csp = response.headers.get("content-security-policy") ?? "";
        expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(response.headers.get("strict-transport-security")).toBeNull();
      }
      const [a, b] = [await send("/api/health"), await send("/api/health")];
      expect(a.headers.get("content-security-policy")).not.toBe(b.headers.get("content-security-policy"));
      const https = await send("/api/health", { headers: { "x-forwarded-proto": "https" } });
      expect(https.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    });
  });

  describe("the socket handshake", () => {
    it("refuses a page on another origin, even with the victim's cookie", async () => {
      const cookie = await app.signInAsGuest("Victim");
      for (const origin of [own.replace(/:\d+$/, ":1"), "https://evil.example"]) {
        expect(await handshake(app.connect(cookie, { headers: { origin } }))).not.toBeNull();
      }
      expect(await handshake(app.connect(cookie, { headers: { "sec-fetch-site": "cross-site" } }))).not.toBeNull();
    });

    it("accepts the app's own origin, a configured extra origin and clients without Origin", async () => {
      const cookie = await app.signInAsGuest("Viewer");
      for (const headers of [{ origin: own }, { origin: PARTNER }, {}] as Array<Record<string, string>>) {
        expect(await handshake(app.connect(cookie, { headers }))).toBeNull();
      }
    });
  });

  describe("sessions", () => {
    /** Signs out through Auth.js over HTTP, as the sign-out button's form does. */
    async function signOut(cookie: string): Promise<Response> {
      const csrf = await send("/api/auth/csrf", { headers: { cookie } });
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const jar = [cookie, ...csrf.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
      return send("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar, origin: own },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/" }).toString(),
      });
    }

    it("sign-out ends the session for the API and the handshake, and closes the open sockets", async () => {
      const cookie = await app.signInAsGuest("Leaving");
      const otherDevice = await app.signInAsGuest("Someone else");
      const open = app.connect(cookie);
      await connected(open);
      const closed = new Promise<string>((resolve) => open.once("disconnect", resolve));
      const stays = app.connect(otherDevice);
      await connected(stays);

      expect((await signOut(cookie)).status).toBe(302);
      expect(await closed).toBe("io server disconnect");

      const api = await postJson("/api/parties", cookie, {});
      expect(api.status).toBe(401);
      expect(await app.context.getSessionUser(cookie)).toBeNull();
      expect((await handshake(app.connect(cookie)))?.data?.code).toBe("UNAUTHENTICATED");
      // Another user's session and socket are untouched.
      expect(stays.connected).toBe(true);
      expect(await app.context.getSessionUser(otherDevice)).toMatchObject({ name: "Someone else" });
    });

    it("uses Secure __Secure- cookies behind a trusted proxy that says HTTPS, and reads them back", async () => {
      const https = { "x-forwarded-proto": "https" };
      const csrf = await send("/api/auth/csrf", { headers: https });
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
      expect(jar.join("; ")).toContain("__Host-authjs.csrf-token=");
      const signIn = await send("/api/auth/callback/guest", {
        method: "POST",
        headers: { ...https, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: own.replace("http:", "https:") },
        body: new URLSearchParams({ displayName: "Behind TLS", csrfToken }).toString(),
      });
      const session = signIn.headers.getSetCookie().find((c) => c.startsWith("__Secure-authjs.session-token="));
      expect(session).toMatch(/; Secure/i);
      expect(await app.context.getSessionUser(session!.split(";")[0])).toMatchObject({ name: "Behind TLS" });
    });

    it("renews a cookie older than a day on the next request, and only then", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() - 2 * DAY_MS);
      const old = await app.signInAsGuest("Regular");
      vi.useRealTimers();

      const renewed = (await send("/api/parties", { headers: { cookie: old } })).headers.getSetCookie();
      const session = renewed.find((c) => c.startsWith("authjs.session-token="));
      expect(session).toBeDefined();
      expect(renewed).toHaveLength(1);
      const expires = Date.parse(/Expires=([^;]+)/i.exec(session!)?.[1] ?? "");
      expect(expires - Date.now()).toBeGreaterThan(13 * DAY_MS);
      const fresh = session!.split(";")[0]!;
      expect(await app.context.getSessionUser(fresh)).toMatchObject({ name: "Regular" });

      const again = (await send("/api/parties", { headers: { cookie: fresh } })).headers.getSetCookie();
      expect(again.filter((c) => c.includes("session-token"))).toEqual([]);
    });

    it("ends a session idle for longer than 14 days, and any session 90 days after sign-in", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      const start = Date.now();
      vi.setSystemTime(start - 15 * DAY_MS);
      const idle = await app.signInAsGuest("Idle");
      vi.setSystemTime(start);
      expect(await app.context.getSessionUser(idle)).toBeNull();

      vi.setSystemTime(start - 91 * DAY_MS);
      let cookie = await app.signInAsGuest("Daily");
      for (let day = 81; day >= 11; day -= 10) {
        vi.setSystemTime(start - day * DAY_MS);
        const renewed = (await app.context.renewSession(cookie)).find((c) => c.startsWith("authjs.session-token="));
        cookie = renewed!.split(";")[0]!;
      }
      vi.setSystemTime(start - 2 * DAY_MS);
      expect(await app.context.getSessionUser(cookie)).toMatchObject({ name: "Daily" });
      vi.setSystemTime(start);
      expect(await app.context.getSessionUser(cookie)).toBeNull();
    });
  });

  describe("who has an account", () => {
    it("verifies an unknown email's password against a dummy hash, like a known one", async () => {
      const hashes: string[] = [];
      const verify = (hash: string, password: string) => {
        hashes.push(hash);
        return verifyPassword(hash, password);
      };
      const input = { email: `nobody-${randomUUID()}@example.com`, password: "guess guess guess" };
      const user = await signInWithPassword({ users: app.context.users, limiters: app.context.limiters, input, clientAddress: "dummy test", verify });
      expect(user).toBeNull();
      expect(hashes).toHaveLength(1);
      expect(hashes[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });
  });

  describe("limits", () => {
    const signUp = (email: string, address: string) =>
      send("/api/users", {
        method: "POST",
        address,
        headers: { "content-type": "application/json", origin: own },
        body: JSON.stringify({ name: "Sign-up", email, password: "long enough password" }),
      });
    const signIn = (email: string, password: string, address = `sign-in ${randomUUID()}`) =>
      app.postToAuth("/api/auth/callback/password", { email, password }, address).then((r) => r.response.headers.get("location") ?? "");

    it("signs up a few accounts per address, then answers 429 with Retry-After", async () => {
      const address = `sign-up ${randomUUID()}`;
      for (let i = 0; i < ACCOUNT_LIMITS.signUpsByAddress.points; i++) {
        expect((await signUp(`limit-${randomUUID()}@example.com`, address)).status).toBe(201);
      }
      const refused = await signUp(`limit-${randomUUID()}@example.com`, address);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
      expect((await signUp(`limit-${randomUUID()}@example.com`, `sign-up ${randomUUID()}`)).status).toBe(201);
    });

    it("makes an email wait after five wrong passwords in a row, even for the right one", async () => {
      const email = `brute-${randomUUID()}@example.com`;
      expect((await signUp(email, `sign-up ${randomUUID()}`)).status).toBe(201);
      for (let i = 1; i < ACCOUNT_LIMITS.signInByEmail.freeFailures; i++) expect(await signIn(email, "wrong password")).toContain("code=wrong_credentials");
      expect(await signIn(email, "wrong password")).toContain("code=wrong_credentials");
      expect(await signIn(email, "long enough password")).toContain("code=too_many_attempts");
    });

    it("a right password ends an email's run of failures", async () => {
      const email = `forgetful-${randomUUID()}@example.com`;
      expect((await signUp(email, `sign-up ${randomUUID()}`)).status).toBe(201);
      for (let round = 0; round < 2; round++) {
        for (let i = 1; i < ACCOUNT_LIMITS.signInByEmail.freeFailures; i++) await signIn(email, "wrong password");
        expect(await signIn(email, "long enough password")).not.toContain("error=");
      }
    });

    it("makes an address wait after twenty wrong passwords an hour, whatever the emails", async () => {
      const address = `spray ${randomUUID()}`;
      for (let i = 0; i < ACCOUNT_LIMITS.signInByAddress.freeFailures; i++) {
        expect(await signIn(`spray-${randomUUID()}@example.com`, "wrong password", address)).toContain("code=wrong_credentials");
      }
      expect(await signIn(`spray-${randomUUID()}@example.com`, "wrong password", address)).toContain("code=too_many_attempts");
      expect(await signIn(`spray-${randomUUID()}@example.com`, "wrong password")).toContain("code=wrong_credentials");
    });

    it("creates a limited number of guests per address", async () => {
      const address = `guests ${randomUUID()}`;
      for (let i = 0; i < ACCOUNT_LIMITS.guestsByAddress.points; i++) {
        expect(await app.context.getSessionUser(await app.signInAsGuest(`Guest ${i}`, address))).not.toBeNull();
      }
      const refused = await app.postToAuth("/api/auth/callback/guest", { displayName: "One too many" }, address);
      expect(refused.response.headers.get("location")).toContain("code=too_many_guests");
      expect(await app.context.getSessionUser(await app.signInAsGuest("Elsewhere"))).not.toBeNull();
    });
  });
});
