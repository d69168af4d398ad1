import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as signUp } from "@/app/api/users/route";
import { startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const post = (body: string, headers: Record<string, string> = {}) =>
  signUp(new Request("http://localhost/api/users", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));

describe.each(testDatabaseKinds())("accounts over HTTP on the %s database", (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  it("reports health with the database kind and the Socket.IO adapter", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: kind, socketAdapter: "memory" });
  });

  it("signs up, stores an argon2id hash, not the password", async () => {
    const response = await post(JSON.stringify({ name: "Renée", email: "Renee@Example.com", password: "plant your flag" }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: { email: string } };
    expect(body.user.email).toBe("renee@example.com");
    const stored = await app.context.users.findByEmailWithPassword("renee@example.com");
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain("plant your flag");
  });

  it("refuses a duplicate email with a message for the email field", async () => {
    await post(JSON.stringify({ name: "A", email: "dup@example.com", password: "first password!" }));
    const response = await post(JSON.stringify({ name: "B", email: "DUP@example.com", password: "second password!" }));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: { code: "CONFLICT", fields: { email: "An account with this email already exists." } },
    });
  });

  it("refuses a weak password with a message for the password field", async () => {
    const response = await post(JSON.stringify({ name: "C", email: "weak@example.com", password: "short" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", fields: { password: "Use at least 10 characters." } },
    });
    expect(await app.context.users.findByEmailWithPassword("weak@example.com")).toBeNull();
  });

  it("refuses invalid JSON, a body of the wrong shape, and an oversized body", async () => {
    const invalid = await post("{not json");
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "INVALID_JSON" } });

    const wrongShape = await post(JSON.stringify(["name", "email"]));
    expect(wrongShape.status).toBe(422);
    expect(await wrongShape.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });

    const huge = await post(JSON.stringify({ name: "x".repeat(20_000), email: "big@example.com", password: "long enough pw" }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("signs in with the right password and refuses the wrong one", async () => {
    await post(JSON.stringify({ name: "Harry", email: "harry@example.com", password: "everybody counts" }));

    const right = await app.postToAuth("/api/auth/callback/password", { email: "harry@example.com", password: "everybody counts" });
    expect(right.response.status).toBe(302);
    expect(right.cookie).toContain("authjs.session-token=");
    expect(await app.context.getSessionUser(right.cookie)).toMatchObject({ name: "Harry", kind: "member" });

    const wrong = await app.postToAuth("/api/auth/callback/password", { email: "harry@example.com", password: "nobody counts" });
    expect(wrong.response.headers.get("location")).toContain("error=CredentialsSignin&code=wrong_credentials");
    expect(wrong.cookie).not.toContain("session-token");
  });

  it("refuses malformed sign-in bodies without a session and without crashing", async () => {
    const missing = await app.postToAuth("/api/auth/callback/password", {});
    expect(missing.response.headers.get("location")).toContain("code=wrong_credentials");
    const emptyGuest = await app.postToAuth("/api/auth/callback/guest", { displayName: "   " });
    expect(emptyGuest.response.headers.get("location")).toContain("code=invalid_display_name");
    const longGuest = await app.postToAuth("/api/auth/callback/guest", { displayName: "x".repeat(41) });
    expect(longGuest.response.headers.get("location")).toContain("code=invalid_display_name");
    expect(await app.context.getSessionUser(longGuest.cookie)).toBeNull();
    // The server still answers afterwards.
    expect((await health()).status).toBe(200);
  });

  it("keeps a guest's session readable and distinct from members", async () => {
    const cookie = await app.signInAsGuest("Night shift");
    expect(await app.context.getSessionUser(cookie)).toMatchObject({ name: "Night shift", kind: "guest", email: null });
  });

  it("sends a signed-in guest only to a path on this site, whatever form the callback takes", async () => {
    const kept = await app.postToAuth("/api/auth/callback/guest", { displayName: "Local", callbackUrl: "/parties/abc?invite=x" });
    expect(kept.response.headers.get("location")).toBe("http://localhost/parties/abc?invite=x");
    for (const callbackUrl of ["/\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "//evil.example", "https://evil.example/"]) {
      const { response } = await app.postToAuth("/api/auth/callback/guest", { displayName: "Traveller", callbackUrl });
      const location = new URL(response.headers.get("location")!, "http://localhost");
      expect(location.origin, callbackUrl).toBe("http://localhost");
      expect(location.href, callbackUrl).toBe("http://localhost/");
    }
  });
});
