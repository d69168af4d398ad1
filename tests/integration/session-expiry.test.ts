import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_IDLE_SECONDS } from "@/server/auth/auth-config";
import { call, next } from "../support/socket-calls";
import { connected, startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

/** An open socket is closed when the session it was opened with ends, as a new handshake would be refused. */
describe.each(testDatabaseKinds())("sockets and session expiry on the %s database", (kind) => {
  let app: TestApp;
  let swept: TestApp;
  // The realtime servers' wall clock, moved past the session's end by the test (the sessions themselves are real cookies).
  let offsetMs = 0;
  const wallClock = () => Date.now() + offsetMs;

  beforeAll(async () => {
    // One whose sweep never comes during the test (each event is checked on its own), and one that sweeps often.
    app = await startTestApp({ kind, overrides: { wallClock, sessionSweepMs: 3_600_000 } });
    swept = await startTestApp({ kind, overrides: { wallClock, sessionSweepMs: 25 } });
  });
  afterAll(async () => {
    await app?.close();
    await swept?.close();
  });

  it("refuses every event once the session has ended, says why, and closes the connection", async () => {
    offsetMs = 0;
    const cookie = await app.signInAsGuest("Expiring viewer");
    const user = (await app.context.getSessionUser(cookie))!;
    const party = await app.newParty(user.id);
    const client = app.connect(cookie);
    await connected(client);
    expect(await call(client, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    const say = () => call(client, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "still here", episode: 1, positionMs: 0 });
    expect(await say()).toMatchObject({ ok: true });

    // A second past the idle lifetime of a cookie issued just now.
    offsetMs = (SESSION_IDLE_SECONDS + 1) * 1000;
    const ended = next(client, "session:ended");
    const closed = new Promise<string>((resolve) => client.once("disconnect", resolve));
    expect(await say()).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await ended).toMatchObject({ reason: "expired" });
    expect(await closed).toBe("io server disconnect");
    expect(client.connected).toBe(false);
    // A new handshake with the same cookie is refused as well (no reconnect loop within a decoder's clock tolerance).
    const again = app.connect(cookie);
    const refusal = await new Promise<string>((resolve) => again.once("connect_error", (err) => resolve((err as Error & { data?: { code: string } }).data?.code ?? "")));
    expect(refusal).toBe("UNAUTHENTICATED");
    // Nothing it sent after the end was stored, and it is no longer present.
    const stored = await app.context.rooms.recentMessages(party.id, 10);
    expect(stored.map((m) => m.text)).toEqual(["still here"]);
    await expect.poll(async () => (await app.context.roomState.presence(party.id)).filter((p) => p.connected)).toEqual([]);
  });

  it("closes an idle connection when its session ends (a sweep, no event needed)", async () => {
    offsetMs = 0;
    const cookie = await swept.signInAsGuest("Idle viewer");
    const client = swept.connect(cookie);
    await connected(client);
    const ended = next(client, "session:ended");
    const closed = new Promise<string>((resolve) => client.once("disconnect", resolve));
    offsetMs = (SESSION_IDLE_SECONDS + 1) * 1000;
    expect(await ended).toMatchObject({ reason: "expired" });
    expect(await closed).toBe("io server disconnect");
  });
});
