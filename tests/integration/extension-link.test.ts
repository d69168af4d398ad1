import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExtensionLinkGrant } from "@/server/extension/link-extension.types";
import { readLinkToken, signLinkToken } from "@/server/extension/link-token";
import type { PublicRoundView, RoomSnapshot } from "@/server/realtime/protocol";
import { call, settle } from "../support/socket-calls";
import { answerFor } from "../support/trivia-answers";
import { connected, startTestApp, TEST_AUTH_SECRET, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

/** The browser extension's link: the token endpoint, the token handshake and what that connection may do. */
describe.each(testDatabaseKinds())("the extension link on the %s database", (kind) => {
  let app: TestApp;
  const EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

  beforeAll(async () => {
    // Trivia's read time short: the panel's answer is tried as soon as the question opens.
    app = await startTestApp({ kind, triviaTimings: { readMs: 50 } });
  });
  afterAll(() => app.close());

  const tokenRoute = (partyId: string) => `${app.url}/api/parties/${partyId}/extension-token`;
  const sendJson = (method: "POST" | "DELETE", url: string, cookie: string, body: unknown = {}) =>
    fetch(url, { method, headers: { "content-type": "application/json", cookie, origin: app.url }, body: JSON.stringify(body) });

  async function person(name: string, member = false) {
    const cookie = member ? await app.signInAsMember(name) : await app.signInAsGuest(name);
    const client = app.connect(cookie);
    await connected(client);
    const user = (await app.context.getSessionUser(cookie))!;
    return { cookie, client, user };
  }

  async function link(cookie: string, partyId: string, body: unknown = {}): Promise<ExtensionLinkGrant> {
    const response = await sendJson("POST", tokenRoute(partyId), cookie, body);
    expect(response.status).toBe(200);
    return (await response.json()) as ExtensionLinkGrant;
  }

  function extension(token: string | undefined): TestClient {
    return app.connect(undefined, { headers: { origin: EXTENSION_ORIGIN }, ...(token ? { auth: { extensionToken: token } } : {}) });
  }

  const handshakeRefusal = (client: TestClient) =>
    new Promise<string>((resolve) => client.once("connect_error", (err) => resolve((err as Error & { data?: { code: string } }).data?.code ?? err.message)));

  it("mints a party-scoped token only for someone who may enter the room, as JSON from the app's own pages", async () => {
    const host = await person("Link host", true);
    const party = await app.newParty(host.user.id, "unlisted");
    const outsider = await person("Link outsider");
    expect((await sendJson("POST", tokenRoute(party.id), outsider.cookie)).status).toBe(404);
    const grant = await link(outsider.cookie, party.id, { invite: party.inviteToken });
    expect(grant.party).toEqual({ id: party.id, title: "Test party" });
    expect(readLinkToken(TEST_AUTH_SECRET, grant.token, Date.now())).toMatchObject({ userId: outsider.user.id, partyId: party.id });
    // Not signed in, another site's page, or not JSON: refused before any token exists.
    expect((await fetch(tokenRoute(party.id), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
    const crossSite = await fetch(tokenRoute(party.id), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: host.cookie, origin: "https://evil.example" },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
    expect((await fetch(tokenRoute(party.id), { method: "POST", headers: { cookie: host.cookie, origin: app.url }, body: "invite=x" })).status).toBe(415);
    expect((await sendJson("POST", tokenRoute(party.id), host.cookie, { invite: 42 })).status).toBe(422);
  });

  it("connects the extension with its token only, to its one party, for clock-following and panel events only", async () => {
    const host = await person("Scope host", true);
    const party = await app.newParty(host.user.id);
    const other = await app.newParty(host.user.id);
    const grant = await link(host.cookie, party.id);

    // An extension page without a token, with a forged one, or one signed with another key: refused.
    expect(await handshakeRefusal(extension(undefined))).toBe("UNAUTHENTICATED");
    expect(await handshakeRefusal(extension(`${grant.token}x`))).toBe("UNAUTHENTICATED");
    const foreign = signLinkToken("another-secret-that-is-at-least-32-characters", readLinkToken(TEST_AUTH_SECRET, grant.token, Date.now())!);
    expect(await handshakeRefusal(extension(foreign))).toBe("UNAUTHENTICATED");

    const ext = extension(grant.token);
    await connected(ext);
    const joined = await call(ext, "room:join", { partyId: party.id });
    expect(joined).toMatchObject({ ok: true });
    expect((joined as { data: RoomSnapshot }).data.you).toMatchObject({ userId: host.user.id, role: "host" });
    expect(await call(ext, "room:join", { partyId: other.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // A host command is not the extension's, even for a host: it stays in the room page.
    expect(await call(ext, "clock:control-mode", { partyId: party.id, mode: "everyone" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(ext, "clock:command", { partyId: party.id, command: { type: "play" } })).toMatchObject({ ok: true, data: { clock: { playing: true } } });

    // Its report is marked as the extension's, for the room page's "synced by the extension".
    expect(await call(ext, "viewer:report", { partyId: party.id, driftMs: 12, inSync: true, source: "extension" })).toMatchObject({ ok: true });
    expect(await app.context.roomState.member(party.id, host.user.id)).toMatchObject({ driftMs: 12, inSync: true, syncedBy: "extension" });

    const renewed = await call(ext, "extension:renew", { token: grant.token });
    expect(renewed).toMatchObject({ ok: true });
    expect(readLinkToken(TEST_AUTH_SECRET, (renewed as { data: { token: string } }).data.token, Date.now())).toMatchObject({ partyId: party.id });
    // A tab cannot renew anything.
    expect(await call(host.client, "extension:renew", { token: grant.token })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("lets the panel chat, react and answer trivia as the paired person, with the room's limits and mute, and no host command", async () => {
    const host = await person("Panel host", true);
    const party = await app.newParty(host.user.id);
    const guest = await person("Panel guest");
    const hostExt = extension((await link(host.cookie, party.id)).token);
    const ext = extension((await link(guest.cookie, party.id)).token);
    await Promise.all([connected(ext), connected(hostExt)]);
    for (const client of [host.client, guest.client, ext, hostExt]) expect(await call(client, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    const seen = new Promise<{ message: { senderId: string; text: string; positionMs: number } }>((resolve) => host.client.once("chat:message", resolve));
    const message = (text: string) => ({ partyId: party.id, clientId: crypto.randomUUID(), text, episode: 1, positionMs: 61_000 });

    const sent = await call(ext, "chat:send", message("From the panel"));
    expect(sent).toMatchObject({ ok: true, data: { message: { senderId: guest.user.id, positionMs: 61_000 } } });
    const messageId = (sent as { data: { message: { id: string } } }).data.message.id;
    expect(await seen).toMatchObject({ message: { senderId: guest.user.id, text: "From the panel" } });
    expect(await call(ext, "chat:react", { partyId: party.id, emoji: "🔥", episode: 1, positionMs: 61_000 })).toMatchObject({ ok: true });
    expect(await call(ext, "chat:send", { ...message("x"), text: "" })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });

    // Trivia: the host's tab starts a round, the guest's panel answers it; the host's own extension may not start one.
    const started = await call(host.client, "trivia:start", { partyId: party.id, deck: "ballard", questionCount: 1, secondsPerQuestion: 30, hostPlays: false, begin: true });
    expect(started).toMatchObject({ ok: true, data: { round: { phase: "question" } } });
    const round = (started as { data: { round: PublicRoundView } }).data.round;
    const answer = answerFor(round.question!, true);
    // Answers open when the read time ends (opensAt, the server's clock: the same machine's here).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (round.opensAt ?? 0) - Date.now()) + 20));
    const answered = await call(ext, "trivia:answer", { partyId: party.id, roundId: round.roundId, questionIndex: 0, answer });
    expect(answered, JSON.stringify(answered)).toMatchObject({ ok: true });
    expect(await call(ext, "trivia:sync", { partyId: party.id })).toMatchObject({ ok: true, data: { you: { answered: true } } });
    for (const [client, event, payload] of [
      [ext, "trivia:start", { partyId: party.id, deck: "ballard", questionCount: 1, secondsPerQuestion: 30 }],
      [hostExt, "trivia:end", { partyId: party.id }],
      [hostExt, "member:mute", { partyId: party.id, userId: guest.user.id }],
      [hostExt, "chat:delete", { partyId: party.id, messageId }],
    ] as const) {
      const result = await call(client, event, payload);
      expect(result, `${event}: ${JSON.stringify(result)}`).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    // A guest's extension does not drive the clock in "hosts" mode, as their tab does not.
    expect(await call(ext, "clock:command", { partyId: party.id, command: { type: "play" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    // The chat limit is the person's, across the tab and the extension (5 per 10 s): one sent above, three from the tab, one more here, then refused.
    for (let i = 0; i < 3; i++) expect(await call(guest.client, "chat:send", message(`tab ${i}`))).toMatchObject({ ok: true });
    expect(await call(ext, "chat:send", message("fifth"))).toMatchObject({ ok: true });
    expect(await call(ext, "chat:send", message("sixth"))).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });

    // Muted by a host (from the room): the panel reads but cannot write.
    expect(await call(host.client, "member:mute", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    const refused = await call(ext, "chat:send", message("muted"));
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: expect.stringContaining("muted") } });
    await settle();
  });

  it("unlinking closes the extension's connection and voids its tokens, renewed ones too; a new link works", async () => {
    const host = await person("Unlink host", true);
    const party = await app.newParty(host.user.id);
    const grant = await link(host.cookie, party.id);
    const ext = extension(grant.token);
    await connected(ext);
    const renewed = ((await call(ext, "extension:renew", { token: grant.token })) as { data: { token: string } }).data.token;
    const closed = new Promise((resolve) => ext.once("disconnect", resolve));
    expect((await sendJson("DELETE", tokenRoute(party.id), host.cookie)).status).toBe(200);
    await closed;
    for (const token of [grant.token, renewed]) expect(await handshakeRefusal(extension(token))).toBe("UNAUTHENTICATED");
    const again = extension((await link(host.cookie, party.id)).token);
    await connected(again);
    // The extension can end its own link too.
    const ended = new Promise((resolve) => again.once("disconnect", resolve));
    expect(await call(again, "extension:unlink", {})).toMatchObject({ ok: true, data: { unlinked: true } });
    await ended;
    expect(await call(host.client, "extension:unlink", {})).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("leaving the party (not going) and signing out everywhere end the link too", async () => {
    const host = await person("Leave host", true);
    const party = await app.newParty(host.user.id);
    const guest = await person("Leaving guest");
    const grant = await link(guest.cookie, party.id);
    const response = await sendJson("POST", `${app.url}/api/parties/${party.id}/rsvp`, guest.cookie, { status: "not_going" });
    expect(response.status).toBe(200);
    expect(await handshakeRefusal(extension(grant.token))).toBe("UNAUTHENTICATED");

    const second = await link(guest.cookie, party.id);
    await app.context.users.endSessions(guest.user.id);
    expect(await handshakeRefusal(extension(second.token))).toBe("UNAUTHENTICATED");
  });

  it("treats a removed member's extension like their tab: its connection closes, its tokens (renewed ones too) are refused", async () => {
    const host = await person("Remove host", true);
    const party = await app.newParty(host.user.id);
    const guest = await person("Removed guest");
    const grant = await link(guest.cookie, party.id);
    const spare = await link(guest.cookie, party.id);
    const ext = extension(grant.token);
    await connected(ext);
    await call(host.client, "room:join", { partyId: party.id });
    expect(await call(ext, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    const renewed = ((await call(ext, "extension:renew", { token: grant.token })) as { data: { token: string } }).data.token;
    const closed = new Promise((resolve) => ext.once("disconnect", resolve));
    expect(await call(host.client, "member:remove", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    await closed;
    // A token minted (or renewed) before the removal no longer completes the handshake.
    for (const token of [grant.token, renewed, spare.token]) expect(await handshakeRefusal(extension(token))).toBe("UNAUTHENTICATED");
    expect((await sendJson("POST", tokenRoute(party.id), guest.cookie)).status).toBe(403);
    await settle();
  });

  it("a cancel closes every extension linked to the party, and its tokens are refused at the handshake and at renewal", async () => {
    const host = await person("Cancel host", true);
    const party = await app.newParty(host.user.id);
    const guest = await person("Linked guest");
    const grant = await link(guest.cookie, party.id);
    const spare = await link(guest.cookie, party.id);
    const ext = extension(grant.token);
    await connected(ext);
    expect(await call(ext, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    // Still linked: a renewal on the open connection is answered (it is the renewal the cancel must stop).
    const other = extension(spare.token);
    await connected(other);
    const closed = Promise.all([ext, other].map((c) => new Promise((resolve) => c.once("disconnect", resolve))));
    expect((await sendJson("POST", `${app.url}/api/parties/${party.id}/cancel`, host.cookie)).status).toBe(200);
    await closed;
    expect(await handshakeRefusal(extension(grant.token))).toBe("UNAUTHENTICATED");
    expect(await handshakeRefusal(extension(spare.token))).toBe("UNAUTHENTICATED");
  });

  it("renewal re-checks the room's rule: a token whose member was removed (sanction stored elsewhere) gets no fresh one", async () => {
    const host = await person("Renew host", true);
    const party = await app.newParty(host.user.id);
    const guest = await person("Renewing guest");
    const grant = await link(guest.cookie, party.id);
    const ext = extension(grant.token);
    await connected(ext);
    // The sanction as another process would store it: this process's connection is not told.
    await app.context.rooms.setSanction(party.id, guest.user.id, "removed", true);
    expect(await call(ext, "extension:renew", { token: grant.token })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("limits minting per person: 20 a minute, then RATE_LIMITED (429) with a wait", async () => {
    const host = await person("Mint host", true);
    const party = await app.newParty(host.user.id);
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push((await sendJson("POST", tokenRoute(party.id), host.cookie)).status);
    expect(answers.filter((s) => s === 200)).toHaveLength(20);
    expect(answers.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // Someone else is not held up by it.
    const other = await person("Other minter");
    expect((await sendJson("POST", tokenRoute(party.id), other.cookie)).status).toBe(200);
  });
});
