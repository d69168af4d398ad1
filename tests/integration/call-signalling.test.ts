import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallJoined } from "@/server/realtime/protocol";
import { MESH_LIMIT } from "@/server/realtime/handlers/call-handlers";
import { clusterTier } from "../support/cluster-tier";
import { call, collect, next, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";

type Instance = { connect: TestApp["connect"] };

/** The call's signalling (server/voice): who may join, signals only between peers of one call, hosts' controls. */
function callSuite(name: string, options: { cluster: boolean }) {
  describe.skipIf(options.cluster && !clusterTier)(name, () => {
    let app: TestApp;
    let processes: Instance[];

    beforeAll(async () => {
      app = options.cluster ? await startTestApp({ kind: "postgres", redis: true }) : await startTestApp({ kind: "embedded" });
      processes = options.cluster ? [app, await app.startInstance()] : [app];
    });
    afterAll(() => app?.close());

    let count = 0;
    /** A connection in the party's room; every other one on the next process. */
    async function inRoom(partyId: string, cookie: string): Promise<TestClient> {
      const client = processes[count++ % processes.length]!.connect(cookie);
      await connected(client);
      const joined = await call(client, "room:join", { partyId });
      if (!joined.ok) throw new Error(joined.error.message);
      return client;
    }
    async function party() {
      const hostCookie = await app.signInAsMember("Host");
      const host = (await app.context.getSessionUser(hostCookie))!;
      const p = await app.newParty(host.id);
      return { partyId: p.id, hostCookie, host: await inRoom(p.id, hostCookie) };
    }
    async function guest(partyId: string, name: string) {
      const cookie = await app.signInAsGuest(name);
      const user = (await app.context.getSessionUser(cookie))!;
      return { cookie, userId: user.id, client: await inRoom(partyId, cookie) };
    }
    async function joinCall(client: TestClient, partyId: string): Promise<CallJoined> {
      const result = await call(client, "call:join", { partyId });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    }

    it("lists the peers already in the call, tells them of a newcomer, and passes signals only to the peer named", async () => {
      const { partyId, host } = await party();
      const ana = await guest(partyId, "Ana");
      const ben = await guest(partyId, "Ben");
      const hostJoined = await joinCall(host, partyId);
      expect(hostJoined.peers).toEqual([]);
      const arrival = next(host, "call:peer-joined");
      const anaJoined = await joinCall(ana.client, partyId);
      expect(anaJoined.peers.map((p) => p.peerId)).toEqual([host.id]);
      expect((await arrival).peer).toMatchObject({ peerId: ana.client.id, userId: ana.userId, name: "Ana", muted: false, camera: false });

      const toHost = next(host, "call:signal");
      const benHeard = collect(ben.client, "call:signal");
      const sent = await call(ana.client, "call:signal", { partyId, to: host.id!, signal: { type: "offer", sdp: "v=0\r\n" } });
      expect(sent.ok).toBe(true);
      expect(await toHost).toEqual({ partyId, from: ana.client.id, signal: { type: "offer", sdp: "v=0\r\n" } });

      // Ben is in the room but not in the call: he can neither send nor receive signals.
      const refused = await call(ben.client, "call:signal", { partyId, to: host.id!, signal: { type: "answer", sdp: "v=0" } });
      expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      await call(ana.client, "call:signal", { partyId, to: ben.client.id!, signal: { type: "offer", sdp: "v=0" } });
      const bad = await call(ana.client, "call:signal", { partyId, to: host.id!, signal: { type: "offer", sdp: "x".repeat(30_000) } });
      expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
      await waitFor(async () => (await call(ana.client, "clock:sync", { clientSentAt: 1 })).ok, "a round trip");
      expect(benHeard).toEqual([]);

      const left = next(host, "call:peer-left");
      expect((await call(ana.client, "call:leave", { partyId })).ok).toBe(true);
      expect((await left).peerId).toBe(ana.client.id);
    });

    it("refuses a connection that is not in the party's room, and a call that is full", async () => {
      const { partyId } = await party();
      const outsider = processes[0]!.connect(await app.signInAsGuest("Outsider"));
      await connected(outsider);
      expect(await call(outsider, "call:join", { partyId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      const people = await Promise.all(Array.from({ length: MESH_LIMIT }, (_, i) => guest(partyId, `Guest ${i}`)));
      for (const p of people) await joinCall(p.client, partyId);
      const late = await guest(partyId, "Late");
      expect(await call(late.client, "call:join", { partyId })).toMatchObject({ ok: false, error: { code: "BUSY" } });
    });

    it("lets a host mute one person (who cannot unmute), mute everyone, remove a person for good and turn the call off", async () => {
      const { partyId, host } = await party();
      const ana = await guest(partyId, "Ana");
      const ben = await guest(partyId, "Ben");
      await joinCall(host, partyId);
      await joinCall(ana.client, partyId);
      await joinCall(ben.client, partyId);

      expect(await call(ana.client, "call:host", { partyId, action: "mute", userId: ben.userId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      const muted = next(ana.client, "call:moderated", (m) => m.action === "muted");
      expect((await call(host, "call:host", { partyId, action: "mute", userId: ana.userId })).ok).toBe(true);
      expect(await muted).toMatchObject({ action: "muted", userId: ana.userId });
      expect(await call(ana.client, "call:update", { partyId, muted: false, camera: false })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect((await call(ana.client, "call:update", { partyId, muted: true, camera: true })).ok).toBe(true);
      await call(host, "call:host", { partyId, action: "unmute", userId: ana.userId });
      expect((await call(ana.client, "call:update", { partyId, muted: false, camera: true })).ok).toBe(true);

      const all = next(ben.client, "call:moderated", (m) => m.action === "muted-all");
      await call(host, "call:host", { partyId, action: "mute-all" });
      expect(await all).toMatchObject({ action: "muted-all" });

      const benGone = next(host, "call:peer-left");
      const removed = next(ben.client, "call:moderated", (m) => m.action === "removed");
      expect((await call(host, "call:host", { partyId, action: "remove", userId: ben.userId })).ok).toBe(true);
      expect(await removed).toMatchObject({ action: "removed", userId: ben.userId });
      expect((await benGone).peerId).toBe(ben.client.id);
      expect(await call(ben.client, "call:signal", { partyId, to: host.id!, signal: { type: "offer", sdp: "v=0" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await call(ben.client, "call:join", { partyId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      // Not from another connection either.
      const benAgain = await inRoom(partyId, ben.cookie);
      expect(await call(benAgain, "call:join", { partyId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

      const ended = next(ana.client, "call:moderated", (m) => m.action === "ended");
      await call(host, "call:host", { partyId, action: "end" });
      expect(await ended).toMatchObject({ action: "ended" });
      expect(await call(ana.client, "call:signal", { partyId, to: host.id!, signal: { type: "offer", sdp: "v=0" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await call(ana.client, "call:join", { partyId })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
      await call(host, "call:host", { partyId, action: "open" });
      expect((await joinCall(ana.client, partyId)).peers).toEqual([]);
    });

    it("takes a connection that leaves the room (or closes) out of the call", async () => {
      const { partyId, host } = await party();
      const ana = await guest(partyId, "Ana");
      await joinCall(host, partyId);
      await joinCall(ana.client, partyId);
      const left = next(host, "call:peer-left");
      ana.client.close();
      expect((await left).peerId).toBeTruthy();
      expect((await joinCall(host, partyId)).peers).toEqual([]);
    });
  });
}

describe("the call's TURN credentials during a long call", () => {
  let app: TestApp;
  let now = Date.UTC(2026, 11, 7, 20, 0, 0);
  beforeAll(async () => {
    app = await startTestApp({ kind: "embedded", turn: { urls: ["turn:127.0.0.1:3478"], secret: "s".repeat(40), ttlSeconds: 600 }, overrides: { now: () => now } });
  });
  afterAll(() => app?.close());

  it("are renewed for a person in the call (call:relay) with a later expiry, and refused to one who is not in it", async () => {
    const hostCookie = await app.signInAsMember("Host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const { id: partyId } = await app.newParty(host.id);
    const client = app.connect(hostCookie);
    await connected(client);
    await call(client, "room:join", { partyId });
    expect(await call(client, "call:relay", { partyId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const joined = await call(client, "call:join", { partyId });
    if (!joined.ok) throw new Error(joined.error.message);
    const first = joined.data as CallJoined;
    expect(first.relayExpiresAt).toBe(now + 600_000);
    now += 540_000;
    const renewed = await call(client, "call:relay", { partyId });
    if (!renewed.ok) throw new Error(renewed.error.message);
    const fresh = renewed.data as Pick<CallJoined, "iceServers" | "relayExpiresAt">;
    expect(fresh.relayExpiresAt).toBe(now + 600_000);
    expect(fresh.iceServers[0]!.username).toBe(`${(now + 600_000) / 1000}:${host.id}`);
    expect(fresh.iceServers[0]!.credential).not.toBe(first.iceServers[0]!.credential);
  });
});

callSuite("the call's signalling in one process", { cluster: false });
callSuite("the call's signalling across two processes", { cluster: true });
