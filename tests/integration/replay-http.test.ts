import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PartyReplay } from "@/server/room/replay-party.types";
import { call } from "../support/socket-calls";
import { connected, startTestApp, type TestApp } from "../support/test-app";
import { testPartyInput } from "../support/test-party";
import { testDatabaseKinds } from "../support/test-database";

describe.each(testDatabaseKinds())("watching a party back over HTTP on the %s database", (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  const replayOf = (partyId: string, cookie?: string, query = "") =>
    fetch(`${app.url}/api/parties/${partyId}/replay${query}`, { headers: cookie ? { cookie } : {} });

  async function partyWithChat(visibility: "public" | "unlisted", replayVisibility: "members" | "anyone" = "anyone") {
    const hostCookie = await app.signInAsGuest("Replay host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.context.parties.create({ ...testPartyInput(host.id, "Test party", visibility), replayVisibility });
    const rooms = app.context.rooms;
    const say = async (text: string, episode: number, positionMs: number) =>
      (await rooms.appendMessage({ partyId: party.id, senderId: host.id, senderName: host.name, clientId: randomUUID(), text, episode, positionMs }))!.message;
    // Sent out of show order: the replay puts them in episode order, then position, then arrival.
    const late = await say("Episode two begins", 2, 1000);
    const second = await say("The badge!", 1, 20_000);
    const first = await say("Here we go", 1, 0);
    const gone = await say("A message the host deleted", 1, 10_000);
    const same = await say("Me too at twenty", 1, 20_000);
    await rooms.addReaction({ partyId: party.id, messageId: second.id, userId: host.id, emoji: "🔥", episode: 1, positionMs: 20_000 });
    await rooms.addReaction({ partyId: party.id, messageId: null, userId: host.id, emoji: "😮", episode: 1, positionMs: 30_000 });
    await rooms.addReaction({ partyId: party.id, messageId: gone.id, userId: host.id, emoji: "😂", episode: 1, positionMs: 10_000 });
    expect(await rooms.deleteMessage(party.id, gone.id)).toBe("deleted");
    return { party, hostCookie, ids: { first: first.id, second: second.id, same: same.id, late: late.id } };
  }

  it("gives anyone who may see a public party whose host opened its replay its chat in show order, without deleted messages or their reactions", async () => {
    const { party, ids } = await partyWithChat("public");
    const response = await replayOf(party.id);
    expect(response.status).toBe(200);
    const { replay } = (await response.json()) as { replay: PartyReplay };
    expect(replay.messages.map((m) => m.id)).toEqual([ids.first, ids.second, ids.same, ids.late]);
    expect(replay.messages.map((m) => m.text)).not.toContain("A message the host deleted");
    expect(replay.messages[1]).toMatchObject({ senderName: "Replay host", text: "The badge!", episode: 1, positionMs: 20_000, reactions: { "🔥": 1 } });
    expect(replay.reactions.map((r) => [r.emoji, r.episode, r.positionMs])).toEqual([
      ["🔥", 1, 20_000],
      ["😮", 1, 30_000],
    ]);
    expect(replay).toMatchObject({ partyId: party.id, cancelled: false, replayVisibility: "anyone", episodeMinutes: 50, episodes: [1, 2, 3], truncated: false });
  });

  it("checks access as the party page does when the replay is open: an unlisted party needs its link, an answer or a host", async () => {
    const { party, hostCookie } = await partyWithChat("unlisted");
    const outsider = await app.signInAsGuest("Replay outsider");
    expect((await replayOf(party.id, outsider)).status).toBe(404);
    expect((await replayOf(party.id)).status).toBe(404);
    expect((await replayOf(party.id, outsider, "?invite=forged")).status).toBe(404);
    expect((await replayOf(party.id, outsider, `?invite=${party.inviteToken}`)).status).toBe(200);
    expect((await replayOf(party.id, undefined, `?invite=${party.inviteToken}`)).status).toBe(200);
    expect((await replayOf(party.id, hostCookie)).status).toBe(200);
  });

  it("replays a cancelled party (what was said stays said), and refuses ids and invites that are not ones", async () => {
    const { party, ids } = await partyWithChat("public");
    await app.context.parties.cancel(party.id, new Date());
    const response = await replayOf(party.id);
    expect(response.status).toBe(200);
    const { replay } = (await response.json()) as { replay: PartyReplay };
    expect(replay.cancelled).toBe(true);
    expect(replay.messages.map((m) => m.id)).toEqual([ids.first, ids.second, ids.same, ids.late]);

    expect((await replayOf("no-such-party")).status).toBe(422);
    expect((await replayOf("abc123")).status).toBe(404);
    expect((await replayOf(party.id, undefined, `?invite=${"x".repeat(201)}`)).status).toBe(422);
  });

  it("keeps a new party's replay to its members by default: not to visitors or people who were never in it", async () => {
    const hostCookie = await app.signInAsGuest("Private host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id, "public");
    expect(party.replayVisibility).toBe("members");
    const outsider = await app.signInAsGuest("Never in it");
    const anonymous = await replayOf(party.id);
    expect(anonymous.status).toBe(401);
    expect((await replayOf(party.id, outsider)).status).toBe(403);
    expect((await replayOf(party.id, outsider, `?invite=${party.inviteToken}`)).status).toBe(403);
    expect((await replayOf(party.id, hostCookie)).status).toBe(200);
    // Someone who answered the invitation is a member.
    const answered = await app.signInAsGuest("Answered");
    const rsvp = await fetch(`${app.url}/api/parties/${party.id}/rsvp`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: answered, origin: app.url },
      body: JSON.stringify({ status: "going" }),
    });
    expect(rsvp.status).toBe(200);
    expect((await replayOf(party.id, answered)).status).toBe(200);
    // The host opens it: then anyone who may see the party reads it.
    const { title, description, startsAt, timeZone, episodePlan, episodeFrom, episodeTo, episodeMinutes, capacity, visibility } = party;
    const fields = { title, description, startsAt, timeZone, episodePlan, episodeFrom, episodeTo, episodeMinutes, capacity, visibility };
    await app.context.parties.update(party.id, { ...fields, replayVisibility: "anyone" });
    expect((await replayOf(party.id)).status).toBe(200);
    expect((await replayOf(party.id, outsider)).status).toBe(200);
  });

  it("refuses a removed member the replay (403) with the room's own rule: later messages, live, and after the cancel", async () => {
    const hostCookie = await app.signInAsGuest("Removing host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.context.parties.create({ ...testPartyInput(host.id, "Test party", "public"), replayVisibility: "anyone" });
    const memberCookie = await app.signInAsGuest("Removed member");
    const member = (await app.context.getSessionUser(memberCookie))!;
    const [hostClient, memberClient] = [app.connect(hostCookie), app.connect(memberCookie)];
    await Promise.all([connected(hostClient), connected(memberClient)]);
    expect(await call(hostClient, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    expect(await call(memberClient, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    const send = (text: string) => call(hostClient, "chat:send", { partyId: party.id, clientId: randomUUID(), text, episode: 1, positionMs: 1000 });
    expect(await send("Before the removal")).toMatchObject({ ok: true });
    expect((await replayOf(party.id, memberCookie)).status).toBe(200);

    expect(await call(hostClient, "member:remove", { partyId: party.id, userId: member.id })).toMatchObject({ ok: true });
    expect(await send("After the removal")).toMatchObject({ ok: true });
    const refused = await replayOf(party.id, memberCookie);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toContain("After the removal");
    // The room says the same, with the same words.
    expect(await call(memberClient, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: "A host removed you from this party's room." } });

    await app.context.parties.cancel(party.id, new Date());
    expect((await replayOf(party.id, memberCookie)).status).toBe(403);
    expect((await replayOf(party.id, hostCookie)).status).toBe(200);
  });
});
