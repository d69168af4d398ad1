import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExtensionLinkGrant } from "@/server/extension/link-extension.types";
import { readLinkToken, signLinkToken } from "@/server/extension/link-token";
import type { RoomSnapshot } from "@/server/realtime/protocol";
import { call, settle, waitFor } from "../support/socket-calls";
import { connected, startTestApp, TEST_AUTH_SECRET, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

/** The browser extension's link: the token endpoint, the token handshake and what that connection may do. */
describe.each(testDatabaseKinds())("the extension link on the %s database", (kind) => {
  let app: TestApp;
  const EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

  beforeAll(async () => {
    app = await startTestApp({ kind });
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

  it("connects the extension with its token only, to its one party, for clock-following events only", async () => {
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
    expect(await call(ext, "chat:send", { partyId: party.id, clientId: crypto.randomUUID(), text: "hi", episode: 1, positionMs: 0 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
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

  it("treats a removed member's extension like their tab: taken out of the room and refused back in", async () => {
    const host = await person("Remove host", true);
    const party = await app.newParty(host.user.id);
    const guest = await person("Removed guest");
    const ext = extension((await link(guest.cookie, party.id)).token);
    await connected(ext);
    await call(host.client, "room:join", { partyId: party.id });
    expect(await call(ext, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    expect(await call(host.client, "member:remove", { partyId: party.id, userId: guest.user.id })).toMatchObject({ ok: true });
    await waitFor(async () => (await call(ext, "viewer:report", { partyId: party.id, driftMs: 0, inSync: true, source: "extension" })).ok === false, "the removal");
    expect(await call(ext, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await sendJson("POST", tokenRoute(party.id), guest.cookie)).status).toBe(403);
    await settle();
  });
});
