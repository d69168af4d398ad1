import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_AWAY_PER_ROOM } from "@/server/room/memory-room-state";
import { call } from "../support/socket-calls";
import { connected, startTestApp, type TestApp } from "../support/test-app";
import { settledHeapUsed } from "../support/heap";

/**
 * Memory comes back (docs/performance.md "Memory under churn"): what the
 * server keeps per party and per person is bounded, and churn through real
 * sockets leaves no heap behind once collected. (The long version is
 * `npm run bench -- soak`.)
 */
describe("memory under churn", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: "embedded" });
  });
  afterAll(() => app.close());

  it("keeps at most MAX_AWAY_PER_ROOM people away in an open room, however many came and went", async () => {
    const hostCookie = await app.signInAsMember("Long night host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id);
    const hostClient = app.connect(hostCookie);
    await connected(hostClient);
    expect(await call(hostClient, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    // Visitors through the server's own room state (as room:join and disconnects use it): each comes once and goes.
    const state = app.context.roomState;
    for (let i = 0; i < MAX_AWAY_PER_ROOM + 250; i++) {
      await state.join(party.id, `visitor-socket-${i}`, { userId: `visitor${i}`, name: `Visitor ${i}`, role: "guest", muted: false });
      await state.leave(party.id, `visitor-socket-${i}`);
    }
    const presence = await state.presence(party.id);
    expect(presence.filter((p) => !p.connected)).toHaveLength(MAX_AWAY_PER_ROOM);
    expect(presence.find((p) => p.userId === host.id)).toMatchObject({ connected: true });
    // The ones who came first are the ones forgotten.
    expect(presence.some((p) => p.userId === "visitor0")).toBe(false);
    expect(presence.some((p) => p.userId === `visitor${MAX_AWAY_PER_ROOM + 249}`)).toBe(true);
  });

  it("gives the heap back after real connections churn through a room (join, chat, react, leave)", async () => {
    const hostCookie = await app.signInAsMember("Churn host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id);
    const cookies = await Promise.all(Array.from({ length: 20 }, (_, i) => app.signInAsGuest(`Churner ${i}`)));
    const cycle = async (cookie: string, n: number) => {
      const client = app.connect(cookie);
      await connected(client);
      await call(client, "room:join", { partyId: party.id });
      await call(client, "chat:send", { partyId: party.id, clientId: crypto.randomUUID(), text: `churn ${n}`, episode: 1, positionMs: n * 1000 });
      await call(client, "chat:react", { partyId: party.id, messageId: null, emoji: "🔥", episode: 1, positionMs: n * 1000 });
      client.close();
    };
    const round = (offset: number) => Promise.all(cookies.map((cookie, i) => cycle(cookie, offset + i)));
    for (let r = 0; r < 3; r++) await round(r * 100); // warm-up
    const before = await settledHeapUsed();
    for (let r = 3; r < 23; r++) await round(r * 100);
    await expect.poll(() => app.context.roomState.presence(party.id).then((p) => p.filter((e) => e.connected).length)).toBe(0);
    const after = await settledHeapUsed();
    // 400 visits: a leak of even 25 KB a visit (the audit's figure) would be 10 MB.
    expect((after - before) / 2 ** 20).toBeLessThan(5);
  });
});
