import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as calendar } from "@/app/api/parties/[id]/calendar.ics/route";
import { POST as cancel } from "@/app/api/parties/[id]/cancel/route";
import { POST as addCohost } from "@/app/api/parties/[id]/cohosts/route";
import { PATCH as edit } from "@/app/api/parties/[id]/route";
import { POST as rsvp } from "@/app/api/parties/[id]/rsvp/route";
import { GET as listPartiesRoute, POST as createParty } from "@/app/api/parties/route";
import { listMyParties } from "@/server/parties/list-my-parties";
import { parseIcs } from "../support/parse-ics";
import { startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const listParties = () => listPartiesRoute(new Request("http://localhost/api/parties"));

const ZONE = "America/Los_Angeles";
const inDays = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).startOf("hour").toFormat("yyyy-LL-dd'T'HH:mm");

function form(overrides: Record<string, unknown> = {}) {
  return {
    title: "Finale night",
    description: "Snacks at 7.",
    episodePlan: "single",
    episodeFrom: 10,
    startsAtLocal: inDays(3),
    timeZone: ZONE,
    episodeMinutes: 55,
    capacity: null,
    visibility: "public",
    ...overrides,
  };
}

const json = (method: string, url: string, cookie: string | undefined, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(testDatabaseKinds())("parties over HTTP on the %s database", (kind) => {
  let app: TestApp;
  let host: string;
  let stranger: string;

  async function create(cookie: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await createParty(json("POST", "/api/parties", cookie, form(overrides)));
    expect(response.status).toBe(201);
    return ((await response.json()) as { party: { id: string } }).party.id;
  }
  const answer = (id: string, cookie: string, status: string, invite?: string) =>
    rsvp(json("POST", `/api/parties/${id}/rsvp`, cookie, { status, ...(invite ? { invite } : {}) }), params(id));
  const ics = async (id: string, cookie?: string, invite?: string) =>
    calendar(json("GET", `/api/parties/${id}/calendar.ics${invite ? `?invite=${invite}` : ""}`, cookie), params(id));

  beforeAll(async () => {
    app = await startTestApp({ kind });
    host = await app.signInAsMember("Host");
    stranger = await app.signInAsGuest("Stranger");
  });
  afterAll(() => app.close());

  it("creates a party and lists it publicly with the start as UTC ISO 8601", async () => {
    const id = await create(host, { title: "Listed party" });
    const { parties } = (await (await listParties()).json()) as { parties: Array<Record<string, unknown>> };
    const listed = parties.find((p) => p.id === id);
    expect(listed).toMatchObject({
      title: "Listed party",
      timeZone: ZONE,
      episodes: { plan: "single", from: 10, to: 10 },
      // The host goes to their own party.
      counts: { going: 1, maybe: 0, notGoing: 0, waitlisted: 0 },
    });
    expect(String(listed?.startsAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
  });

  it("refuses bad fields with a message next to each, and stores nothing", async () => {
    const before = ((await (await listParties()).json()) as { parties: unknown[] }).parties.length;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ startsAtLocal: inDays(-1) }, "startsAtLocal", "Pick a start in the future."],
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone", "Choose a time zone from the list, such as America/New_York."],
      [{ capacity: 0 }, "capacity", "Capacity must be at least 1."],
      [{ title: "   " }, "title", "Give the party a title."],
      [{ title: "x".repeat(121) }, "title", "Use at most 120 characters for the title."],
      [{ episodeFrom: 11 }, "episodeFrom", "Choose an episode from 1 to 10."],
      [{ episodePlan: "binge", episodeFrom: 4, episodeTo: 2 }, "episodeTo", "The last episode must come after the first."],
      [{ startsAtLocal: "2026-02-30T20:00" }, "startsAtLocal", "That date and time does not exist in this time zone."],
      [{ startsAtLocal: "tomorrow-ish" }, "startsAtLocal", "Enter a start date and time."],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await createParty(json("POST", "/api/parties", host, form(overrides)));
      expect(response.status, field).toBe(422);
      const body = (await response.json()) as { error: { fields: Record<string, string> } };
      expect(body.error.fields[field], JSON.stringify(overrides).slice(0, 60)).toBe(message);
    }
    expect(((await (await listParties()).json()) as { parties: unknown[] }).parties.length).toBe(before);
  });

  it("refuses a start more than two years ahead, on scheduling and on editing", async () => {
    const tooFar = "Pick a start within the next 2 years.";
    const refusal = async (response: Response) => ((await response.json()) as { error: { fields: Record<string, string> } }).error.fields.startsAtLocal;
    for (const startsAtLocal of ["9999-12-31T20:00", inDays(2 * 366)]) {
      const response = await createParty(json("POST", "/api/parties", host, form({ startsAtLocal })));
      expect(response.status, startsAtLocal).toBe(422);
      expect(await refusal(response)).toBe(tooFar);
    }
    const id = await create(host, { startsAtLocal: inDays(700) });
    const edited = await edit(json("PATCH", `/api/parties/${id}`, host, form({ startsAtLocal: "9999-12-31T20:00" })), params(id));
    expect(edited.status).toBe(422);
    expect(await refusal(edited)).toBe(tooFar);
  });

  it("refuses a time the clocks skip (2:30 a.m. on March 14, 2027 in Los Angeles) instead of moving it to 3:30", async () => {
    const response = await createParty(json("POST", "/api/parties", host, form({ startsAtLocal: "2027-03-14T02:30" })));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", fields: { startsAtLocal: "That date and time does not exist in this time zone." } },
    });
    const id = await create(host, { startsAtLocal: "2027-03-14T03:30" });
    expect((await app.context.parties.findById(id))?.startsAt.toISOString()).toBe("2027-03-14T10:30:00.000Z");
  });

  it("refuses numbers outside what the form allows and the database holds: 422, never a 500", async () => {
    const cases: Array<[string, unknown]> = [
      ["capacity", 2_147_483_647],
      ["capacity", 2_147_483_648],
      ["capacity", -2_147_483_649],
      ["capacity", 1e308],
      ["capacity", 10_001],
      ["capacity", 2.5],
      ["capacity", "12"],
      ["episodeFrom", 2_147_483_648],
      ["episodeFrom", 0],
      ["episodeMinutes", 1e308],
      ["episodeMinutes", 9],
      ["episodeMinutes", 241],
      ["episodeMinutes", Number.MAX_SAFE_INTEGER + 2],
    ];
    const before = ((await (await listParties()).json()) as { parties: unknown[] }).parties.length;
    for (const [field, value] of cases) {
      const response = await createParty(json("POST", "/api/parties", host, form({ [field]: value })));
      expect(response.status, `${field}=${value}`).toBe(422);
      const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.fields[field], `${field}=${value}`).toBeDefined();
    }
    for (const plan of [{ episodePlan: "weekly", episodeFrom: 1, episodeTo: 2_147_483_647 }, { episodePlan: "binge", episodeFrom: 1, episodeTo: 11 }]) {
      expect((await createParty(json("POST", "/api/parties", host, form(plan)))).status, JSON.stringify(plan)).toBe(422);
    }
    // JSON's 1e400 parses to Infinity.
    const infinite = JSON.stringify(form({ capacity: 0 })).replace('"capacity":0', '"capacity":1e400');
    const response = await createParty(new Request("http://localhost/api/parties", { method: "POST", headers: { cookie: host }, body: infinite }));
    expect(response.status).toBe(422);
    expect(((await (await listParties()).json()) as { parties: unknown[] }).parties.length).toBe(before);
    expect((await createParty(json("POST", "/api/parties", host, form({ capacity: 10_000, episodeMinutes: 240 })))).status).toBe(201);
  });

  it("takes control characters and bidirectional overrides out of titles, descriptions and display names", async () => {
    const id = await create(host, {
      title: "Finale\r\nEND:VEVENT\r\nBEGIN:VEVENT\u0000 night\u202Egpj.exe\t!",
      description: "Line one\r\nLine two\u0007\u009b\tindented",
    });
    const party = await app.context.parties.findById(id);
    expect(party?.title).toBe("Finale END:VEVENT BEGIN:VEVENT nightgpj.exe !");
    expect(party?.description).toBe("Line one\nLine two\tindented");
    const calendarFile = parseIcs(await (await ics(id)).text());
    expect(calendarFile.events).toBe(1);
    expect(calendarFile.calendarName).toBe("Finale END:VEVENT BEGIN:VEVENT nightgpj.exe !");

    const guest = await app.signInAsGuest("\u202EMallory\u0000\r\nAdmin");
    expect((await app.context.getSessionUser(guest))?.name).toBe("Mallory Admin");
    // Only control characters is no title at all.
    const blank = await createParty(json("POST", "/api/parties", host, form({ title: "\u0000\r\n\u202E" })));
    expect(blank.status).toBe(422);
  });

  it("keeps listing when a stored party cannot be shown (written around the validation)", async () => {
    const hostUser = (await app.context.getSessionUser(host))!;
    const fields = { ...form(), description: "", hostId: hostUser.id, episodeTo: 10, capacity: null, visibility: "public" as const, episodePlan: "single" as const };
    // 9999-12-31 20:00 in Los Angeles is in the year 10000 in UTC: it reads back as an invalid Date.
    const farAway = await app.context.parties.create({ ...fields, title: "Year 10000", startsAt: new Date("9999-12-31T20:00:00-08:00"), inviteToken: "bad-row-far-away-000000" });
    const fine = await create(host, { title: "Still listed" });

    const response = await listParties();
    expect(response.status).toBe(200);
    const ids = ((await response.json()) as { parties: Array<{ id: string }> }).parties.map((p) => p.id);
    expect(ids).toContain(fine);
    expect(ids).not.toContain(farAway.id);

    const mine = await listMyParties({ parties: app.context.parties, userId: hostUser.id, now: new Date(), logger: app.context.logger });
    expect(mine.hosting.map((p) => p.id)).toContain(fine);
    expect(mine.hosting.map((p) => p.id)).not.toContain(farAway.id);
  });

  it("lets only a member host: a guest's party is refused with a way to get an account, and nothing is stored", async () => {
    const before = (await app.context.parties.listUpcomingPublic(new Date(), 1000)).length;
    const refused = await createParty(json("POST", "/api/parties", stranger, form({ title: "A guest's party" })));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "Create an account to host a party." } });
    expect((await app.context.parties.listUpcomingPublic(new Date(), 1000)).length).toBe(before);
  });

  it("refuses to create without a session, and refuses invalid JSON", async () => {
    expect((await createParty(json("POST", "/api/parties", undefined, form()))).status).toBe(401);
    const broken = await createParty(new Request("http://localhost/api/parties", { method: "POST", headers: { cookie: host }, body: "{" }));
    expect(broken.status).toBe(400);
  });

  it("keeps script and HTML in titles as plain text", async () => {
    const title = `<script>alert("Bosch")</script><img src=x onerror=alert(1)>`;
    const id = await create(host, { title, description: "<b>bold</b> & co" });
    const party = await app.context.parties.findById(id);
    expect(party?.title).toBe(title);
    expect(party?.description).toBe("<b>bold</b> & co");
  });

  it("lets only the host and co-hosts edit and cancel", async () => {
    const id = await create(host);
    const cohost = await app.signInAsMember("Soon co-host");
    expect((await edit(json("PATCH", `/api/parties/${id}`, stranger, form({ title: "Hijacked" })), params(id))).status).toBe(403);
    expect((await cancel(json("POST", `/api/parties/${id}/cancel`, stranger), params(id))).status).toBe(403);
    expect((await edit(json("PATCH", `/api/parties/${id}`, undefined, form()), params(id))).status).toBe(401);

    // Only the host picks co-hosts, and only among people who answered.
    const cohostUser = (await app.context.getSessionUser(cohost))!;
    expect((await addCohost(json("POST", `/api/parties/${id}/cohosts`, host, { userId: cohostUser.id }), params(id))).status).toBe(422);
    await answer(id, cohost, "going");
    expect((await addCohost(json("POST", `/api/parties/${id}/cohosts`, stranger, { userId: cohostUser.id }), params(id))).status).toBe(403);
    expect((await addCohost(json("POST", `/api/parties/${id}/cohosts`, host, { userId: cohostUser.id }), params(id))).status).toBe(200);

    const edited = await edit(json("PATCH", `/api/parties/${id}`, cohost, form({ title: "Co-host's title" })), params(id));
    expect(edited.status).toBe(200);
    expect((await app.context.parties.findById(id))?.title).toBe("Co-host's title");
  });

  it("does not make a guest a co-host, even one who answered, and offers no button for it", async () => {
    const id = await create(host);
    const guest = await app.signInAsGuest("Guest who answered");
    const guestUser = (await app.context.getSessionUser(guest))!;
    await answer(id, guest, "going");
    const refused = await addCohost(json("POST", `/api/parties/${id}/cohosts`, host, { userId: guestUser.id }), params(id));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Only people with an account can be co-hosts/);
    expect((await app.context.parties.findById(id))?.cohostIds).toEqual([]);
    // The party page offers "Make co-host" only for members: the attendee list says who is a guest.
    expect((await app.context.parties.attendees(id)).map((a) => [a.name, a.kind])).toEqual([
      ["Host", "member"],
      ["Guest who answered", "guest"],
    ]);
    expect((await edit(json("PATCH", `/api/parties/${id}`, guest, form({ title: "Guest's title" })), params(id))).status).toBe(403);
  });

  it("raises the calendar SEQUENCE on every edit and marks a cancelled party CANCELLED", async () => {
    const id = await create(host, { episodePlan: "weekly", episodeFrom: 1, episodeTo: 4 });
    const first = parseIcs(await (await ics(id)).text());
    expect(first).toMatchObject({ sequence: 0, status: "CONFIRMED", tzid: ZONE, rrule: "FREQ=WEEKLY;COUNT=4", alarmTrigger: "-PT30M" });

    await edit(json("PATCH", `/api/parties/${id}`, host, form({ episodePlan: "weekly", episodeFrom: 1, episodeTo: 4, title: "Edit 1" })), params(id));
    await edit(json("PATCH", `/api/parties/${id}`, host, form({ episodePlan: "weekly", episodeFrom: 1, episodeTo: 4, title: "Edit 2" })), params(id));
    const edited = parseIcs(await (await ics(id)).text());
    expect(edited.sequence).toBe(2);
    expect(edited.uid).toBe(first.uid);

    expect((await cancel(json("POST", `/api/parties/${id}/cancel`, host), params(id))).status).toBe(200);
    const cancelled = parseIcs(await (await ics(id)).text());
    expect(cancelled).toMatchObject({ status: "CANCELLED", sequence: 3, uid: first.uid });

    const late = await answer(id, stranger, "going");
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: "CONFLICT", message: "This party was cancelled: answers are closed." } });
    expect(await app.context.parties.rsvpOf(id, (await app.context.getSessionUser(stranger))!.id)).toBeNull();
  });

  it("hides an unlisted party from everyone without its link", async () => {
    const id = await create(host, { visibility: "unlisted", title: "Secret screening" });
    const token = (await app.context.parties.findById(id))!.inviteToken;
    expect(token.length).toBeGreaterThanOrEqual(24);

    const { parties } = (await (await listParties()).json()) as { parties: Array<{ id: string }> };
    expect(parties.some((p) => p.id === id)).toBe(false);

    expect((await ics(id, stranger)).status).toBe(404);
    // The last character changed (to X, or to Y when it already was X: 1 token in 64).
    expect((await ics(id, stranger, `${token.slice(0, -1)}${token.endsWith("X") ? "Y" : "X"}`)).status).toBe(404);
    expect((await answer(id, stranger, "going")).status).toBe(404);
    expect((await answer(id, stranger, "going", "forged-token")).status).toBe(404);

    const invited = await app.signInAsGuest("Invited");
    expect((await ics(id, undefined, token)).status).toBe(200);
    const ok = await answer(id, invited, "going", token);
    expect(ok.status).toBe(200);
    // Having answered, the guest keeps access without the token.
    expect((await ics(id, invited)).status).toBe(200);
    expect((await ics(id, host)).status).toBe(200);
  });

  it("answers forged party ids with 404", async () => {
    for (const id of ["cnotarealparty000000000", "../../etc/passwd", "' OR 1=1 --"]) {
      expect((await ics(id, host)).status, id).toBe(404);
      expect((await answer(id, host, "going")).status, id).toBe(404);
    }
  });

  it("refuses an RSVP of the wrong shape", async () => {
    const id = await create(host);
    const response = await rsvp(json("POST", `/api/parties/${id}/rsvp`, stranger, { status: "waitlisted" }), params(id));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { fields: { status: "Answer going, maybe or not going." } } });
  });

  it("waitlists people when full and promotes the first waiting person when someone leaves", async () => {
    // Three places: the host holds one.
    const id = await create(host, { capacity: 3 });
    const [a, b, c, d] = await Promise.all(["A", "B", "C", "D"].map((n) => app.signInAsGuest(n)));
    expect(((await (await answer(id, a!, "going")).json()) as { status: string }).status).toBe("going");
    expect(((await (await answer(id, b!, "going")).json()) as { status: string }).status).toBe("going");
    expect(((await (await answer(id, c!, "going")).json()) as { status: string }).status).toBe("waitlisted");
    const last = (await (await answer(id, d!, "going")).json()) as { status: string; counts: Record<string, number> };
    expect(last).toMatchObject({ status: "waitlisted", counts: { going: 3, waitlisted: 2 } });

    await answer(id, a!, "not_going");
    const userC = (await app.context.getSessionUser(c!))!;
    const userD = (await app.context.getSessionUser(d!))!;
    expect(await app.context.parties.rsvpOf(id, userC.id)).toBe("going");
    expect(await app.context.parties.rsvpOf(id, userD.id)).toBe("waitlisted");

    // Raising the capacity lets the rest in.
    await edit(json("PATCH", `/api/parties/${id}`, host, form({ capacity: 4 })), params(id));
    expect(await app.context.parties.rsvpOf(id, userD.id)).toBe("going");
    expect(await app.context.parties.counts(id)).toEqual({ going: 4, maybe: 0, notGoing: 1, waitlisted: 0 });
  });

  it("lists my parties: hosted and attended, upcoming first", async () => {
    const me = await app.signInAsMember("Planner");
    const meId = (await app.context.getSessionUser(me))!.id;
    const later = await create(me, { startsAtLocal: inDays(20), title: "Later" });
    const sooner = await create(me, { startsAtLocal: inDays(5), title: "Sooner" });
    const elsewhere = await create(host, { title: "Someone else's" });
    await answer(elsewhere, me, "maybe");
    const mine = await listMyParties({ parties: app.context.parties, userId: meId, now: new Date(), logger: app.context.logger });
    expect(mine.hosting.map((p) => p.id)).toEqual([sooner, later]);
    expect(mine.attending.map((p) => p.id)).toEqual([elsewhere]);
  });
});
