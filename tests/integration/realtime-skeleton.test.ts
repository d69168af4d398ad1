import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

describe.each(testDatabaseKinds())("realtime skeleton on the %s database", (kind) => {
  let app: TestApp;
  let failClock = false;

  beforeAll(async () => {
    app = await startTestApp({
      kind,
      overrides: {
        now: () => {
          if (failClock) throw new Error("clock exploded: secret internal detail");
          return Date.now();
        },
      },
    });
  });
  afterAll(() => app.close());

  it("refuses a socket without a session, with a clear error", async () => {
    const client = app.connect();
    const error = await connected(client).then(
      () => null,
      (e: Error & { data?: { code?: string } }) => e,
    );
    expect(error?.message).toBe("Sign in to join a watch party.");
    expect(error?.data?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a forged session cookie", async () => {
    const client = app.connect("authjs.session-token=not-a-real-token");
    await expect(connected(client)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });

  it("accepts the same cookie Auth.js set at sign-in and says who the user is", async () => {
    const cookie = await app.signInAsGuest("Pierce");
    const client = app.connect(cookie, { autoConnect: false });
    const ready = new Promise<{ user: { name: string; kind: string } }>((resolve) => client.once("session:ready", resolve));
    client.connect();
    await connected(client);
    expect((await ready).user).toMatchObject({ name: "Pierce", kind: "guest" });
  });

  it("answers clock:sync with the server time around the client's", async () => {
    const client = app.connect(await app.signInAsGuest("Colleen"));
    await connected(client);
    const sentAt = Date.now();
    const result = await client.timeout(5000).emitWithAck("clock:sync", { clientSentAt: sentAt });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.clientSentAt).toBe(sentAt);
    expect(result.data.serverReceivedAt).toBeGreaterThanOrEqual(sentAt);
    expect(result.data.serverSentAt).toBeGreaterThanOrEqual(result.data.serverReceivedAt);
    expect(result.data.serverSentAt).toBeLessThanOrEqual(Date.now());
  });

  describe("bad input", () => {
    let client: ReturnType<TestApp["connect"]>;
    beforeAll(async () => {
      client = app.connect(await app.signInAsGuest("Samira"));
      await connected(client);
    });

    it("answers a payload of the wrong shape with VALIDATION_FAILED naming the field", async () => {
      const result = await client.timeout(5000).emitWithAck("clock:sync", { clientSentAt: "yesterday" } as never);
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ code: "VALIDATION_FAILED", fields: { clientSentAt: "must be a number of milliseconds" } }),
      });
    });

    it("answers a missing payload with VALIDATION_FAILED", async () => {
      const result = await (client.timeout(5000) as unknown as { emitWithAck(e: string): Promise<unknown> }).emitWithAck("clock:sync");
      expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    });

    it("answers an unknown event with UNKNOWN_EVENT", async () => {
      const result = await (client.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
        "party:explode",
        { now: true },
      );
      expect(result).toEqual({ ok: false, error: { code: "UNKNOWN_EVENT", message: 'There is no event called "party:explode".' } });
    });

    it("survives an event sent without an acknowledgement", async () => {
      (client as unknown as { emit(e: string, p: unknown): void }).emit("clock:sync", { clientSentAt: "nope" });
      const result = await client.timeout(5000).emitWithAck("clock:sync", { clientSentAt: 1 });
      expect(result.ok).toBe(true);
    });

    it("hides an internal error's details behind a generic message", async () => {
      failClock = true;
      try {
        const result = await client.timeout(5000).emitWithAck("clock:sync", { clientSentAt: 1 });
        expect(result).toEqual({
          ok: false,
          error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
        });
        expect(JSON.stringify(result)).not.toContain("secret");
      } finally {
        failClock = false;
      }
    });

    it("closes only the connection that sends an oversized payload", async () => {
      const bystander = app.connect(await app.signInAsGuest("Bystander"));
      await connected(bystander);
      const flooder = app.connect(await app.signInAsGuest("Flooder"));
      await connected(flooder);
      const closed = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
      (flooder as unknown as { emit(e: string, p: unknown): void }).emit("clock:sync", { clientSentAt: 1, padding: "x".repeat(200 * 1024) });
      expect(await closed).toMatch(/transport (close|error)/);
      const result = await bystander.timeout(5000).emitWithAck("clock:sync", { clientSentAt: 2 });
      expect(result.ok).toBe(true);
    });
  });
});
