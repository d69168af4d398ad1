import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, HistoryMessage, RoomSnapshot } from "@/server/realtime/protocol";
import { rsvpToParty } from "@/server/parties/rsvp-to-party";
import { call, callRaw, collect, dataOf, next, noticeOf, settle, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

describe.each(testDatabaseKinds())("the live room on the %s database", (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  async function person(name: string, extra: { reconnection?: boolean } = {}) {
    const cookie = await app.signInAsGuest(name);
    const client = app.connect(cookie, extra);
    await connected(client);
    const user = (await app.context.getSessionUser(cookie))!;
    return { cookie, client, user };
  }

  const newParty = (hostId: string, visibility: "public" | "unlisted" = "public") => app.newParty(hostId, visibility);

  async function join(client: TestClient, partyId: string, extra: Record<string, unknown> = {}): Promise<RoomSnapshot> {
    const result = await call(client, "room:join", { partyId, ...extra });
    if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
    return result.data;
  }

  const say = (client: TestClient, partyId: string, text: string, clientId = randomUUID()) =>
    call(client, "chat:send", { partyId, clientId, text, episode: 1, positionMs: 1000 });

  it("lets in only people who may see the party, and refuses events for rooms not joined", async () => {
    const host = await person("Host A");
    const party = await newParty(host.user.id, "unlisted");
    const outsider = await person("Outsider");
    expect(await call(outsider.client, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await call(outsider.client, "room:join", { partyId: party.id, invite: "forged" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await call(outsider.client, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "hi", episode: 1, positionMs: 0 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Join the party's room first (room:join)." },
    });
    const snapshot = await join(outsider.client, party.id, { invite: party.inviteToken });
    expect(snapshot.you.role).toBe("guest");
    expect(snapshot.clock).toMatchObject({ episode: 1, playing: false, positionMs: 0 });
  });

  it("shows presence: one person with two tabs counts once, and leaves when the last tab closes", async () => {
    const host = await person("Host B");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    const notices = collect(host.client, "presence:notice");

    const cookie = await app.signInAsGuest("Two tabs");
    const tab1 = app.connect(cookie);
    const tab2 = app.connect(cookie);
    await Promise.all([connected(tab1), connected(tab2)]);
    await join(tab1, party.id);
    const second = await join(tab2, party.id);
    expect(second.presence.map((p) => p.name).sort()).toEqual(["Host B", "Two tabs"]);
    const guestId = second.you.userId;
    // The arrival is told once the notice window closes (a leave inside it would cancel it out).
    await noticeOf(host.client, guestId, "joined");

    tab1.close();
    await settle();
    let presence = await app.context.roomState.presence(party.id);
    expect(presence.find((p) => p.name === "Two tabs")?.connected).toBe(true);

    const left = noticeOf(host.client, guestId, "left");
    tab2.close();
    await left;
    presence = await app.context.roomState.presence(party.id);
    expect(presence.find((p) => p.name === "Two tabs")?.connected).toBe(false);
    const told = notices.flatMap((n) => n.people).filter((n) => n.userId === guestId);
    expect(told.map((n) => `${n.name} ${n.kind}`)).toEqual(["Two tabs joined", "Two tabs left"]);
  });

  it("lets hosts control the clock, refuses guests until the host lets everyone, and validates commands", async () => {
    const host = await person("Host C");
    const guest = await person("Guest C");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await join(guest.client, party.id);

    expect(await call(guest.client, "clock:command", { partyId: party.id, command: { type: "play" } })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    const seen = next(guest.client, "clock:state");
    const played = await call(host.client, "clock:command", { partyId: party.id, command: { type: "play" } });
    expect(played).toMatchObject({ ok: true, data: { clock: { playing: true, episode: 1 } } });
    expect(await seen).toMatchObject({ clock: { playing: true }, by: "Host C" });

    for (const command of [
      { type: "seek", positionMs: -5 },
      { type: "seek", positionMs: 1e12 },
      { type: "episode", episode: 11 },
      { type: "episode", episode: 0 },
      { type: "rewind" },
    ]) {
      expect(await callRaw(host.client, "clock:command", { partyId: party.id, command }), JSON.stringify(command)).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
    }
    expect(await call(guest.client, "clock:control-mode", { partyId: party.id, mode: "everyone" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(host.client, "clock:control-mode", { partyId: party.id, mode: "everyone" })).toMatchObject({ ok: true });
    expect(await call(guest.client, "clock:command", { partyId: party.id, command: { type: "pause" } })).toMatchObject({
      ok: true,
      data: { clock: { playing: false } },
    });
  });

  it("gives a late joiner the running clock at once", async () => {
    const host = await person("Host D");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await call(host.client, "clock:command", { partyId: party.id, command: { type: "seek", positionMs: 60_000 } });
    await call(host.client, "clock:command", { partyId: party.id, command: { type: "play" } });
    await settle(300);
    const late = await person("Late");
    const snapshot = await join(late.client, party.id);
    const position = snapshot.clock.positionMs + (snapshot.serverTime - snapshot.clock.atServerMs) * snapshot.clock.rate;
    expect(snapshot.clock.playing).toBe(true);
    expect(position).toBeGreaterThanOrEqual(60_250);
    expect(position).toBeLessThan(62_000);
  });

  it("starts a 3, 2, 1 countdown far enough ahead for the slowest member", async () => {
    const host = await person("Host E");
    const guest = await person("Slow guest");
    // A slow link: the guest's answers to the server's round-trip pings take 900 ms.
    guest.client.off("clock:ping");
    guest.client.on("clock:ping", (_payload, ack) => void setTimeout(ack, 900));
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await join(guest.client, party.id);
    await waitFor(async () => ((await app.context.roomState.member(party.id, guest.user.id))?.roundTripMs ?? 0) >= 900, "the slow round trip");
    expect(await call(guest.client, "ready:set", { partyId: party.id, ready: true })).toMatchObject({ ok: true });
    const countdown = next(guest.client, "ready:countdown");
    const before = Date.now();
    const result = await call(host.client, "ready:countdown", { partyId: party.id, seconds: 3 });
    expect(result.ok).toBe(true);
    const { startAtServerMs } = (await countdown) as { startAtServerMs: number };
    expect(startAtServerMs - before).toBeGreaterThanOrEqual(3000 + 450);
    expect(startAtServerMs - before).toBeLessThan(5000);
    expect(await call(guest.client, "ready:countdown", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("stores chat before it is acknowledged and delivers it to everyone in one order", async () => {
    const host = await person("Host F");
    const guests = await Promise.all(["G1", "G2", "G3"].map((n) => person(n)));
    const party = await newParty(host.user.id);
    for (const p of [host, ...guests]) await join(p.client, party.id);
    const inboxes = [host, ...guests].map((p) => collect(p.client, "chat:message"));

    const acks = await Promise.all(guests.map((g, i) => say(g.client, party.id, `message ${i}`)));
    for (const ack of acks) expect(ack.ok).toBe(true);
    await settle(300);
    const stored = await app.context.rooms.recentMessages(party.id, 100);
    expect(stored).toHaveLength(3);
    const order = stored.map((m) => m.seq);
    for (const inbox of inboxes) expect(inbox.map((m) => m.message.seq)).toEqual(order);
    expect(stored[0]).toMatchObject({ episode: 1, positionMs: 1000 });
  });

  it("after a forced transport close, a reconnecting client gets every missed message exactly once", async () => {
    const host = await person("Host G");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    const flaky = await person("Flaky", { reconnection: true });
    await join(flaky.client, party.id);
    const inbox = collect(flaky.client, "chat:message");
    await say(host.client, party.id, "before");
    await settle();
    const lastSeen = inbox.at(-1)!.message.seq;

    const reconnected = new Promise<void>((resolve) => flaky.client.io.once("reconnect", () => resolve()));
    flaky.client.io.engine.close();
    await say(host.client, party.id, "missed 1");
    await say(host.client, party.id, "missed 2");
    await reconnected;
    const rejoined = await join(flaky.client, party.id, { afterSeq: lastSeen });
    await say(host.client, party.id, "after");
    await settle();

    const seen = [...inbox.map((m) => m.message), ...rejoined.messages].map((m: HistoryMessage) => m.text);
    expect(seen.sort()).toEqual(["after", "before", "missed 1", "missed 2"]);
  });

  it("makes a resend harmless: same clientId, same message, delivered again with the same id", async () => {
    const host = await person("Host H");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    const inbox = collect(host.client, "chat:message");
    const clientId = randomUUID();
    const first = await say(host.client, party.id, "only once", clientId);
    const again = await say(host.client, party.id, "only once", clientId);
    await settle();
    expect(first.ok && again.ok).toBe(true);
    const id = dataOf(first).message.id;
    expect(dataOf(again).message.id).toBe(id);
    // The others may have missed the first delivery: the resend goes out again, and clients keep one per id.
    expect(inbox.map((p) => p.message.id)).toEqual([id, id]);
  });

  it("refuses flooding with a clear error that nobody else notices", async () => {
    const host = await person("Host I");
    const flooder = await person("Flooder");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await join(flooder.client, party.id);
    const hostInbox = collect(host.client, "chat:message");
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await say(flooder.client, party.id, `spam ${i}`));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect((results.at(-1) as { error: { message: string } }).error.message).toMatch(/^You are sending messages too fast\. Try again in \d+ s\.$/);
    await settle();
    expect(hostInbox).toHaveLength(5);
    expect(await say(host.client, party.id, "host still talks")).toMatchObject({ ok: true });
  });

  it("refuses oversized and malformed messages", async () => {
    const host = await person("Host J");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    expect(await say(host.client, party.id, "x".repeat(501))).toMatchObject({ ok: false, error: { fields: { text: "Messages are at most 500 characters." } } });
    expect(await say(host.client, party.id, "   ")).toMatchObject({ ok: false, error: { fields: { text: "Write a message." } } });
    expect(await callRaw(host.client, "chat:send", { partyId: party.id, text: "no id", episode: 1, positionMs: 0 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
    expect(await callRaw(host.client, "chat:send", "just a string")).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });

  it("keeps a message's line breaks and its sender's spoiler mark, in the live message, the history and after a reload", async () => {
    const host = await person("Host S");
    const guest = await person("Reader S");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await join(guest.client, party.id);
    const arrived = next(guest.client, "chat:message");
    const sent = await call(host.client, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "line one\r\nline two", episode: 1, positionMs: 1000, spoiler: true });
    expect(sent).toMatchObject({ ok: true, data: { message: { text: "line one\nline two", spoiler: true } } });
    expect(await arrived).toMatchObject({ message: { text: "line one\nline two", spoiler: true } });
    expect(await say(host.client, party.id, "plain")).toMatchObject({ ok: true, data: { message: { spoiler: false } } });
    const stored = await app.context.rooms.recentMessages(party.id, 10);
    expect(stored.map((m) => [m.text, m.spoiler])).toEqual([
      ["line one\nline two", true],
      ["plain", false],
    ]);
    expect(await callRaw(host.client, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "x", episode: 1, positionMs: 0, spoiler: "yes" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", fields: { spoiler: "spoiler is true or false." } },
    });
  });

  it("gives a joiner each message of the history as it was delivered, but for its clientId and createdAt", async () => {
    const host = await person("Host H");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    const sent = dataOf(await call(host.client, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "a secret", episode: 2, positionMs: 61_000, spoiler: true })).message;
    const plain = dataOf(await say(host.client, party.id, "no secret")).message;
    expect(await call(host.client, "chat:react", { partyId: party.id, messageId: plain.id, emoji: "🔥", episode: 1, positionMs: 1000 })).toMatchObject({ ok: true });
    const withoutSenderOnly = ({ clientId: _clientId, createdAt: _createdAt, ...rest }: ChatMessage): HistoryMessage => rest;

    const reader = await person("Reader H");
    const { messages } = await join(reader.client, party.id);
    expect(messages).toEqual([withoutSenderOnly(sent), { ...withoutSenderOnly(plain), reactions: { "🔥": 1 } }]);
    // A reconnect's history (after a seq) is given the same way.
    expect((await join(reader.client, party.id, { afterSeq: sent.seq })).messages).toEqual([{ ...withoutSenderOnly(plain), reactions: { "🔥": 1 } }]);
  });

  it("lets hosts delete messages, mute and remove members; guests cannot", async () => {
    const host = await person("Host K");
    const guest = await person("Troll");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await join(guest.client, party.id);
    const sent = (await say(guest.client, party.id, "spoiler!")) as { ok: true; data: { message: ChatMessage } };

    expect(await call(guest.client, "chat:delete", { partyId: party.id, messageId: sent.data.message.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const deleted = next(guest.client, "chat:deleted");
    expect(await call(host.client, "chat:delete", { partyId: party.id, messageId: sent.data.message.id })).toMatchObject({ ok: true });
    expect(await deleted).toMatchObject({ messageId: sent.data.message.id });
    expect(await app.context.rooms.recentMessages(party.id, 100)).toHaveLength(0);

    expect(await call(guest.client, "member:mute", { partyId: party.id, userId: host.user.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(host.client, "member:mute", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    expect(await say(guest.client, party.id, "muted?")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const removedNotice = next(guest.client, "member:sanctioned");
    expect(await call(host.client, "member:remove", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    expect(await removedNotice).toMatchObject({ userId: guest.user.id, kind: "removed" });
    await settle();
    expect(await call(guest.client, "chat:typing", { partyId: party.id, typing: true })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(guest.client, "room:join", { partyId: party.id })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "A host removed you from this party's room." },
    });
  });

  it("relays typing, counts reactions, and maps moments over episode time", async () => {
    const host = await person("Host L");
    const guest = await person("Reactor");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await join(guest.client, party.id);
    const typing = next(host.client, "chat:typing");
    await call(guest.client, "chat:typing", { partyId: party.id, typing: true });
    expect(await typing).toMatchObject({ name: "Reactor", typing: true });

    const sent = (await say(host.client, party.id, "that twist")) as { ok: true; data: { message: ChatMessage } };
    for (const positionMs of [125_000, 130_000, 2_000_000]) {
      expect(await call(guest.client, "chat:react", { partyId: party.id, messageId: null, emoji: "🔥", episode: 2, positionMs })).toMatchObject({ ok: true });
    }
    expect(await call(guest.client, "chat:react", { partyId: party.id, messageId: sent.data.message.id, emoji: "😮", episode: 1, positionMs: 1000 })).toMatchObject({ ok: true });
    expect(await callRaw(guest.client, "chat:react", { partyId: party.id, messageId: null, emoji: "💩", episode: 1, positionMs: 0 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
    const snapshot = await join((await person("Viewer L")).client, party.id);
    expect(snapshot.messages[0]?.reactions).toEqual({ "😮": 1 });
    expect(snapshot.moments).toEqual([
      { episode: 1, minute: 0, count: 2 },
      { episode: 2, minute: 2, count: 2 },
      { episode: 2, minute: 33, count: 1 },
    ]);
  });

  it("keeps chat history and the clock through a server restart", async () => {
    const host = await person("Host M");
    const party = await newParty(host.user.id);
    await join(host.client, party.id);
    await say(host.client, party.id, "remember me");
    await call(host.client, "clock:command", { partyId: party.id, command: { type: "episode", episode: 3 } });
    await call(host.client, "clock:command", { partyId: party.id, command: { type: "seek", positionMs: 754_000 } });

    await app.restart();
    const back = await person("After restart");
    const snapshot = await join(back.client, party.id);
    expect(snapshot.messages.map((m) => m.text)).toEqual(["remember me"]);
    expect(snapshot.clock).toMatchObject({ episode: 3, positionMs: 754_000, playing: false });
  });

  it("tells a person moved up from the waitlist on their own connections, at once", async () => {
    const host = await person("Host W");
    const party = await app.context.parties.create({
      ...(await newParty(host.user.id)),
      capacity: 2,
      inviteToken: `invite-${randomUUID()}`,
    });
    const first = await person("First W");
    const waiting = await person("Waiting W");
    const rsvp = (userId: string, status: "going" | "not_going") =>
      rsvpToParty({ parties: app.context.parties, extensionLinks: app.context.extensionLinks, realtime: app.context.realtime, partyId: party.id, userId, input: { status }, now: Date.now() });
    expect((await rsvp(first.user.id, "going")).status).toBe("going");
    expect((await rsvp(waiting.user.id, "going")).status).toBe("waitlisted");
    const promoted = next(waiting.client, "party:promoted");
    const others = collect(first.client, "party:promoted");
    await rsvp(first.user.id, "not_going");
    expect(await promoted).toEqual({ partyId: party.id, status: "going" });
    await settle();
    expect(others).toEqual([]);
  });
});
