import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomSnapshot } from "@/server/realtime/protocol";
import { signOutEverywhere } from "@/server/users/sign-out-everywhere";
import { signInGuest } from "../support/people";
import { call, dataOf } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";
import { testPartyInput } from "../support/test-party";

/**
 * One app process is the only writer of its database, so it keeps what every
 * join reads (the party, clock, history, moments, sanctions) and each user's
 * session version until the next write (cache-party-reads.ts,
 * cache-session-versions.ts). Every change must reach the next join.
 */
describe.each(testDatabaseKinds())("the join caches on the %s database", (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  /** A guest, signed in and connected. */
  async function person(name: string) {
    const guest = await signInGuest(app, name);
    const client = app.connect(guest.cookie);
    await connected(client);
    return { ...guest, client };
  }

  async function join(client: TestClient, partyId: string, extra: Record<string, unknown> = {}): Promise<RoomSnapshot> {
    const result = await call(client, "room:join", { partyId, ...extra });
    if (result.ok) return result.data;
    throw new Error(`join failed: ${result.error.message}`);
  }

  /** A newcomer's snapshot, and the history read without the cache (a resume from the start reads every message). */
  async function newcomer(partyId: string) {
    const { client } = await person(`Newcomer ${randomUUID().slice(0, 8)}`);
    const snapshot = await join(client, partyId);
    const { client: other } = await person("Uncached reader");
    const everything = await join(other, partyId, { afterSeq: 0 });
    return { snapshot, stored: everything.messages.slice(-100) };
  }

  const say = (client: TestClient, partyId: string, text: string) =>
    call(client, "chat:send", { partyId, clientId: randomUUID(), text, episode: 1, positionMs: 90_000 });

  it("shows every message, deletion, reaction and clock change to the next join, as the database has it", async () => {
    const host = await person("Cache host");
    const party = await app.newParty(host.user.id);
    await join(host.client, party.id);
    const first = await newcomer(party.id);
    expect(first.snapshot.messages).toEqual([]);

    const sent = await say(host.client, party.id, "the first line");
    expect(sent.ok).toBe(true);
    const afterMessage = await newcomer(party.id);
    expect(afterMessage.snapshot.messages.map((m) => m.text)).toEqual(["the first line"]);
    expect(afterMessage.snapshot.moments).toEqual([{ episode: 1, minute: 1, count: 1 }]);

    const messageId = dataOf(sent).message.id;
    expect(await call(host.client, "chat:react", { partyId: party.id, messageId, emoji: "🔥", episode: 1, positionMs: 90_000 })).toMatchObject({ ok: true });
    const afterReaction = await newcomer(party.id);
    expect(afterReaction.snapshot.messages[0]!.reactions).toEqual({ "🔥": 1 });
    expect(afterReaction.snapshot.moments).toEqual([{ episode: 1, minute: 1, count: 2 }]);
    expect(afterReaction.snapshot.messages).toEqual(afterReaction.stored);

    expect(await call(host.client, "chat:delete", { partyId: party.id, messageId })).toMatchObject({ ok: true });
    const afterDelete = await newcomer(party.id);
    expect(afterDelete.snapshot.messages).toEqual([]);
    expect(afterDelete.snapshot.moments).toEqual([{ episode: 1, minute: 1, count: 1 }]);

    // More than a join's history, stored as chat:send stores them (a socket would meet the chat limit).
    for (let i = 0; i < 105; i++) {
      const line = { partyId: party.id, clientId: randomUUID(), senderId: host.user.id, senderName: host.user.name, text: `line ${i}` };
      expect(await app.context.rooms.appendMessage({ ...line, episode: 1, positionMs: i * 1000 })).toMatchObject({ created: true });
    }
    const full = await newcomer(party.id);
    expect(full.snapshot.messages).toHaveLength(100);
    expect(full.snapshot.messages).toEqual(full.stored);

    expect(await call(host.client, "clock:command", { partyId: party.id, command: { type: "play" } })).toMatchObject({ ok: true });
    expect((await newcomer(party.id)).snapshot.clock.playing).toBe(true);
  });

  it("shows an edit, a co-host, a mute and a removal to the next join, and refuses every join once the party is cancelled", async () => {
    const host = await person("Cache host 2");
    const party = await app.newParty(host.user.id);
    const guest = await person("Cache guest");
    expect((await join(guest.client, party.id)).party.title).toBe("Test party");

    const { title, description, startsAt, timeZone, episodePlan, episodeFrom, episodeTo, episodeMinutes, capacity, visibility } = testPartyInput(host.user.id, "A new title");
    await app.context.parties.update(party.id, { title, description, startsAt, timeZone, episodePlan, episodeFrom, episodeTo, episodeMinutes, capacity, visibility });
    expect((await newcomer(party.id)).snapshot.party.title).toBe("A new title");

    await join(host.client, party.id);
    expect(await call(host.client, "member:mute", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    const again = app.connect(guest.cookie);
    await connected(again);
    expect((await join(again, party.id)).you.muted).toBe(true);

    expect(await call(host.client, "member:remove", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    const removed = app.connect(guest.cookie);
    await connected(removed);
    expect(await call(removed, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const unlisted = await app.newParty(host.user.id, "unlisted");
    const member = await app.signInAsMember("Cache member");
    const memberUser = (await app.context.getSessionUser(member))!;
    const memberClient = app.connect(member);
    await connected(memberClient);
    expect(await call(memberClient, "room:join", { partyId: unlisted.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await app.context.parties.addCohost(unlisted.id, memberUser.id);
    expect((await join(memberClient, unlisted.id)).you.role).toBe("cohost");

    await app.context.parties.cancel(party.id, new Date());
    const late = await person("Too late");
    expect(await call(late.client, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("ends a session that was read before its user signed out everywhere", async () => {
    const { cookie, user } = await person("Signs out");
    expect(await app.context.getSessionUser(cookie)).toMatchObject({ id: user.id });
    await signOutEverywhere({ users: app.context.users, realtime: app.context.realtime, userId: user.id });
    expect(await app.context.getSessionUser(cookie)).toBeNull();
    const refused = app.connect(cookie);
    await expect(connected(refused)).rejects.toThrow();
  });
});
