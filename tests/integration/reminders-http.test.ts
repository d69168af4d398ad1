import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as stopReminders, POST as subscribe } from "@/app/api/parties/[id]/reminders/route";
import { MAX_PARTIES_PER_GUEST_EMAIL } from "@/server/reminders/reminder";
import { startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const json = (method: string, url: string, cookie: string | undefined, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(testDatabaseKinds())("reminder opt-ins over HTTP on the %s database", (kind) => {
  let app: TestApp;
  let hostId: string;
  let guest: string;
  let member: string;

  beforeAll(async () => {
    app = await startTestApp({ kind });
    const host = await app.signInAsMember("Host");
    hostId = (await app.context.getSessionUser(host))!.id;
    guest = await app.signInAsGuest("Gail");
    member = await app.signInAsMember("Mona");
  });
  afterAll(() => app.close());

  const optIn = (partyId: string, cookie: string, body: Record<string, unknown>) =>
    subscribe(json("POST", `/api/parties/${partyId}/reminders`, cookie, { timeZone: "Europe/Lisbon", ...body }), params(partyId));

  it("says the feature is off without SMTP_URL and MAIL_FROM", async () => {
    const party = await app.newParty(hostId);
    app.context.reminders.mailEnabled = false;
    const response = await optIn(party.id, member, {});
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("E-mail reminders are not set up on this server.");
    app.context.reminders.mailEnabled = true;
  });

  it("takes a guest's address for the party only, a member's account address, and refuses bad input with typed errors", async () => {
    app.context.reminders.mailEnabled = true;
    const party = await app.newParty(hostId, "unlisted");
    // Unlisted: the invite token is needed, as for the page.
    expect((await optIn(party.id, guest, { email: "gail@example.com" })).status).toBe(404);
    const noEmail = await optIn(party.id, guest, { invite: party.inviteToken });
    expect(noEmail.status).toBe(422);
    expect(((await noEmail.json()) as { error: { fields: Record<string, string> } }).error.fields.email).toBeTruthy();
    expect((await optIn(party.id, guest, { invite: party.inviteToken, email: "not an address" })).status).toBe(422);
    expect((await optIn(party.id, guest, { invite: party.inviteToken, email: "gail@example.com", timeZone: "Mars/Olympus" })).status).toBe(422);
    const ok = await optIn(party.id, guest, { invite: party.inviteToken, email: " Gail@Example.com " });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ subscribed: true, address: "gail@example.com", timeZone: "Europe/Lisbon" });
    const mona = await optIn(party.id, member, { invite: party.inviteToken, email: "ignored@example.com" });
    expect(await mona.json()).toMatchObject({ subscribed: true, address: expect.stringMatching(/^member-.*@example\.com$/) });
    const stored = await app.context.reminders.repository.find(party.id, (await app.context.getSessionUser(member))!.id);
    expect(stored?.email).toBeNull();
    // Stopping from the page.
    const stopped = await stopReminders(json("DELETE", `/api/parties/${party.id}/reminders`, member, {}), params(party.id));
    expect(await stopped.json()).toEqual({ unsubscribed: true });
  });

  it("unsubscribes with one click: a mail client's form post to the link in List-Unsubscribe, through the HTTP edge", async () => {
    app.context.reminders.mailEnabled = true;
    const party = await app.newParty(hostId);
    expect((await optIn(party.id, guest, { email: "click@example.com" })).status).toBe(200);
    const guestId = (await app.context.getSessionUser(guest))!.id;
    const token = (await app.context.reminders.repository.find(party.id, guestId))!.unsubscribeToken;
    const post = () =>
      fetch(`${app.url}/api/reminders/unsubscribe/${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ unsubscribed: true });
    expect(await (await post()).json()).toEqual({ unsubscribed: false });
    expect(await app.context.reminders.repository.find(party.id, guestId)).toBeNull();
    // A malformed token is a typed 422, not a crash.
    const bad = await fetch(`${app.url}/api/reminders/unsubscribe/x`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(bad.status).toBe(422);
  });

  it(`lets one guest-given address get reminders for at most ${MAX_PARTIES_PER_GUEST_EMAIL} parties`, async () => {
    app.context.reminders.mailEnabled = true;
    const address = `limit-${Date.now()}@example.com`;
    for (let i = 0; i < MAX_PARTIES_PER_GUEST_EMAIL; i += 1) {
      const party = await app.newParty(hostId);
      expect((await optIn(party.id, guest, { email: address })).status).toBe(200);
    }
    const one = await app.newParty(hostId);
    const refused = await optIn(one.id, guest, { email: address });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(`${MAX_PARTIES_PER_GUEST_EMAIL} parties`);
  });
});
