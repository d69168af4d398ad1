import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personPlacesKey, PROCESSES_KEY, roomKeys } from "@/server/cluster/cluster-keys";
import { isAppError } from "@/server/errors";
import type { RoomSnapshot } from "@/server/realtime/protocol";
import { SOCKET_LIMITS } from "@/server/socket-limits";
import { DRAFT_RATE } from "@/server/trivia/draft-deck";
import { ACCOUNT_LIMITS } from "@/server/users/account-limits";
import { createGuest } from "@/server/users/create-guest";
import { clusterTier } from "../support/cluster-tier";
import { call, collect, next, noticeOf, settle, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";

/**
 * The shared room state with members spread over processes: presence, mute,
 * remove, cancel, sign-out, the limits, and a process that dies.
 */
describe.skipIf(!clusterTier)("room state shared by processes on Redis", () => {
  let app: TestApp;
  type Instance = Pick<TestApp, "connect">;
  let one: Instance;
  let two: Awaited<ReturnType<TestApp["startInstance"]>>;

  beforeAll(async () => {
    // A short heartbeat, so a dead process is swept within a test.
    app = await startTestApp({ kind: "postgres", redis: true, processTimings: { heartbeatMs: 200, deadAfterMs: 1500 } });
    one = app;
    two = await app.startInstance();
  });
  afterAll(() => app.close());

  const redis = () => app.context.cluster!.state;

  async function person(name: string, on: Instance, kind: "guest" | "member" = "guest") {
    const cookie = kind === "member" ? await app.signInAsMember(name) : await app.signInAsGuest(name);
    const client = on.connect(cookie);
    await connected(client);
    const user = (await app.context.getSessionUser(cookie))!;
    return { cookie, client, user };
  }

  async function tab(cookie: string, on: Instance): Promise<TestClient> {
    const client = on.connect(cookie);
    await connected(client);
    return client;
  }

  async function join(client: TestClient, partyId: string): Promise<RoomSnapshot> {
    const result = await call(client, "room:join", { partyId });
    if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
    return result.data;
  }

  const say = (client: TestClient, partyId: string, text: string) =>
    call(client, "chat:send", { partyId, clientId: randomUUID(), text, episode: 1, positionMs: 0 });

  /** A party hosted by a member on process one, with the host in its room. */
  async function hostedParty(name: string) {
    const host = await person(name, one, "member");
    const party = await app.newParty(host.user.id);
    await join(host.client, party.id);
    return { host, party };
  }

  it("counts a person with tabs on two processes once: joined with the first tab, left with the last", async () => {
    const { host, party } = await hostedParty("Host P1");
    const notices = collect(host.client, "presence:notice");
    const guest = await person("Two processes", one);
    const onTwo = await tab(guest.cookie, two);

    const joined = noticeOf(host.client, guest.user.id, "joined");
    await join(guest.client, party.id);
    await joined;
    const snapshot = await join(onTwo, party.id);
    expect(snapshot.presence.filter((p) => p.userId === guest.user.id)).toMatchObject([{ connected: true }]);
    expect(await redis().hget(roomKeys(party.id).conns, guest.user.id)).toBe("2");

    guest.client.close();
    await waitFor(async () => (await redis().hget(roomKeys(party.id).conns, guest.user.id)) === "1", "the first tab to leave");
    await settle();
    expect((await app.context.roomState.member(party.id, guest.user.id))?.connected).toBe(true);

    const left = noticeOf(host.client, guest.user.id, "left");
    onTwo.close();
    await left;
    await settle();
    const told = notices.flatMap((n) => n.people).filter((n) => n.userId === guest.user.id);
    expect(told.map((n) => `${n.name} ${n.kind}`)).toEqual(["Two processes joined", "Two processes left"]);
    expect((await app.context.roomState.member(party.id, guest.user.id))?.connected).toBe(false);
  });

  it("loses no presence change when joins on both processes fall in one broadcast window", async () => {
    const { host, party } = await hostedParty("Host P8");
    const guests = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => person(`Crowd ${i}`, i % 2 === 0 ? one : two)));
    const updates = collect(host.client, "presence:update");
    await Promise.all(guests.map((guest) => join(guest.client, party.id)));
    const everyone = [host, ...guests].map((p) => p.user.id).sort();
    await waitFor(() => {
      const last = updates.at(-1)?.presence ?? [];
      return JSON.stringify(last.filter((p) => p.connected).map((p) => p.userId).sort()) === JSON.stringify(everyone);
    }, "a presence list with everyone");
  });

  it("refuses a muted member's message on the other process at once", async () => {
    const { host, party } = await hostedParty("Host P2");
    const guest = await person("Muted elsewhere", two);
    await join(guest.client, party.id);
    expect(await say(guest.client, party.id, "before")).toMatchObject({ ok: true });
    expect(await call(host.client, "member:mute", { partyId: party.id, userId: guest.user.id, on: true })).toMatchObject({ ok: true });
    expect(await say(guest.client, party.id, "after")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(host.client, "member:mute", { partyId: party.id, userId: guest.user.id, on: false })).toMatchObject({ ok: true });
    expect(await say(guest.client, party.id, "again")).toMatchObject({ ok: true });
  });

  it("takes a removed member's connections on the other process out of the room", async () => {
    const { host, party } = await hostedParty("Host P3");
    const guest = await person("Removed elsewhere", two);
    const secondTab = await tab(guest.cookie, two);
    const bystander = await person("Bystander P3", two);
    for (const client of [guest.client, secondTab, bystander.client]) await join(client, party.id);
    const told = [guest.client, secondTab].map((client) => next(client, "member:sanctioned"));
    const heard = [...collect(guest.client, "chat:message"), ...collect(secondTab, "chat:message")];

    expect(await call(host.client, "member:remove", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    for (const notice of await Promise.all(told)) expect(notice).toMatchObject({ userId: guest.user.id, kind: "removed" });
    // Out as soon as the host has the answer: no sending, no receiving.
    expect(await say(guest.client, party.id, "still here?")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(secondTab, "chat:typing", { partyId: party.id, typing: true })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const reached = next(bystander.client, "chat:message");
    expect(await say(host.client, party.id, "after the removal")).toMatchObject({ ok: true });
    await reached;
    await settle();
    expect(heard).toEqual([]);
    expect(await app.context.roomState.member(party.id, guest.user.id)).toMatchObject({ connected: false });
    expect(await call(secondTab, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("limits chat per person across processes and tabs: the 6th message in 10 s, on the other process, is refused", async () => {
    const { party } = await hostedParty("Host P4");
    const guest = await person("Fast typist", one);
    const onTwo = await tab(guest.cookie, two);
    await join(guest.client, party.id);
    await join(onTwo, party.id);
    for (let i = 0; i < SOCKET_LIMITS.chatPerPerson.points; i++) {
      expect(await say(i % 2 === 0 ? guest.client : onTwo, party.id, `message ${i}`)).toMatchObject({ ok: true });
    }
    expect(await say(onTwo, party.id, "one too many")).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(await say(guest.client, party.id, "here too")).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });

  it("caps a person's open connections across processes", async () => {
    const guest = await person("Many tabs", one);
    const tabs = [guest.client];
    for (let i = 1; i < SOCKET_LIMITS.connectionsPerPerson; i++) tabs.push(await tab(guest.cookie, i % 2 === 0 ? one : two));
    await expect(connected(two.connect(guest.cookie))).rejects.toMatchObject({ data: { code: "TOO_MANY_CONNECTIONS" } });
    await expect(connected(one.connect(guest.cookie))).rejects.toMatchObject({ data: { code: "TOO_MANY_CONNECTIONS" } });
    tabs[0]!.close();
    await waitFor(async () => (await redis().hlen(personPlacesKey(guest.user.id))) < SOCKET_LIMITS.connectionsPerPerson, "a place to be given back");
    await tab(guest.cookie, two);
  });

  it("closes a cancelled party's room for its members on the other process", async () => {
    const { host, party } = await hostedParty("Host P5");
    const guest = await person("Cancelled elsewhere", two);
    await join(guest.client, party.id);
    const closedForHost = next(host.client, "room:closed");
    const closedForGuest = next(guest.client, "room:closed");
    await app.context.parties.cancel(party.id, new Date());
    await app.context.realtime!.closeParty(party.id);
    expect(await closedForHost).toEqual({ partyId: party.id, reason: "cancelled" });
    expect(await closedForGuest).toEqual({ partyId: party.id, reason: "cancelled" });
    expect(await say(guest.client, party.id, "still on?")).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "This party was cancelled." } });
    expect(await app.context.roomState.presence(party.id)).toEqual([]);
  });

  it("ends a signed-out person's connections on every process", async () => {
    const guest = await person("Signing out", one);
    const onTwo = await tab(guest.cookie, two);
    const closed = [guest.client, onTwo].map((client) => new Promise<string>((resolve) => client.once("disconnect", resolve)));
    await app.context.realtime!.endUserSessions(guest.user.id);
    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
  });

  it("shares the account and draft limits: guests per address and drafts per person count on every process", async () => {
    const address = `shared address ${randomUUID()}`;
    const contexts = [app.context, two.context];
    const guest = (i: number) =>
      createGuest({ users: contexts[i % 2]!.users, limiters: contexts[i % 2]!.limiters, input: { displayName: `Guest ${i}` }, clientAddress: address });
    for (let i = 0; i < ACCOUNT_LIMITS.guestsByAddress.points; i++) await guest(i);
    const refused = await guest(1).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("RATE_LIMITED");

    const drafter = randomUUID();
    for (let i = 0; i < DRAFT_RATE.points; i++) await contexts[i % 2]!.drafting.limiter.consume(drafter);
    await expect(two.context.drafting.limiter.consume(drafter)).rejects.toMatchObject({ remainingPoints: 0 });
  });

  it("closes its connections when it finds itself taken for dead, and the clients join again", async () => {
    const { party } = await hostedParty("Host P7");
    const cookie = await app.signInAsGuest("Comes back");
    const client = two.connect(cookie, { reconnection: true });
    await connected(client);
    await join(client, party.id);
    const closed = new Promise<string>((resolve) => client.once("disconnect", resolve));
    // As when Redis lost its data, or a stall outlasted the death time and a janitor swept this process.
    await redis().zrem(PROCESSES_KEY, two.context.cluster!.processId);
    expect(await closed).toBe("transport close");
    await connected(client);
    await join(client, party.id);
    expect(await app.context.roomState.member(party.id, (await app.context.getSessionUser(cookie))!.id)).toMatchObject({ connected: true });
  });

  /** A third process with a viewer in a party hosted on process one; the host has seen them join. */
  async function viewerOnAnotherProcess(name: string) {
    const { host, party } = await hostedParty(`Host of ${name}`);
    const instance = await app.startInstance();
    const viewer = await person(name, instance);
    const joined = noticeOf(host.client, viewer.user.id, "joined");
    await join(viewer.client, party.id);
    await joined;
    return { host, party, instance, viewer, left: noticeOf(host.client, viewer.user.id, "left"), updates: collect(host.client, "presence:update") };
  }

  it("takes a stopping process's viewers out of presence at once", async () => {
    const { party, instance, viewer, left } = await viewerOnAnotherProcess("On a stopping process");
    const socketId = viewer.client.id!;
    await instance.stop();
    expect(await left).toMatchObject({ userId: viewer.user.id, name: viewer.user.name, kind: "left" });
    expect(await redis().hget(roomKeys(party.id).sockets, socketId)).toBeNull();
    expect(await redis().zscore(PROCESSES_KEY, instance.context.cluster!.processId)).toBeNull();
  });

  it("takes a dead process's viewers out of presence, with a notice, and gives their places back", async () => {
    const { instance, viewer, left, updates } = await viewerOnAnotherProcess("On a dying process");
    await instance.kill();
    expect(await left).toMatchObject({ userId: viewer.user.id, name: viewer.user.name, kind: "left" });
    await waitFor(() => updates.some((u) => u.presence.some((p) => p.userId === viewer.user.id && !p.connected)), "a presence list without the viewer");
    expect(await redis().hlen(personPlacesKey(viewer.user.id))).toBe(0);
  });
});
