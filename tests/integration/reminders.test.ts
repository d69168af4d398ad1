import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import type { Database } from "@/server/db/client";
import { startInZone } from "@/server/invites/invite-card";
import type { Party } from "@/server/parties/party";
import { createPrismaPartyRepository } from "@/server/parties/prisma-party-repository";
import { createPrismaReminderRepository } from "@/server/reminders/prisma-reminder-repository";
import { CLAIM_LEASE_MS } from "@/server/reminders/reminder";
import { startReminderSweeper, type ReminderSweeper } from "@/server/reminders/reminder-sweeper";
import { createSmtpMailer } from "@/server/reminders/smtp-mailer";
import { subscribeToReminders } from "@/server/reminders/subscribe-to-reminders";
import { unsubscribeFromReminders } from "@/server/reminders/unsubscribe-from-reminders";
import { createPrismaUserRepository } from "@/server/users/prisma-user-repository";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../support/test-database";

const MIN = 60_000;
const HOUR = 60 * MIN;
const ORIGIN = "http://party.test";
const logger = pino({ level: "silent" });

/** The clock every sweeper of a test reads: moved by the test, never by time passing. */
function testClock(start: number) {
  let t = start;
  return { now: () => new Date(t), set: (ms: number) => (t = ms), advance: (ms: number) => (t += ms) };
}

describe.each(testDatabaseKinds())("e-mail reminders (%s database, real SMTP server)", (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let sink: SmtpSink;
  const sweepers: ReminderSweeper[] = [];
  // The party starts at START; Ana (a member, account e-mail) and Ben (a guest, party-only address) opt in, Cy does not.
  const START = Date.parse("2026-12-10T01:00:00Z");
  let clock: ReturnType<typeof testClock>;
  let party: Party;
  let ana: SessionUser;
  let ben: SessionUser;
  let benEmail: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await testDb?.destroy();
  });

  function sweeper(processId: string, db: Database = database): ReminderSweeper {
    const s = startReminderSweeper({
      reminders: createPrismaReminderRepository(db.prisma),
      mailer: createSmtpMailer({ smtpUrl: sink.url, from: "Ballard Watch Party <reminders@party.test>" }),
      origin: ORIGIN,
      processId,
      now: clock.now,
      logger,
      intervalMs: 0,
    });
    sweepers.push(s);
    return s;
  }

  beforeEach(async () => {
    sink.clear();
    clock = testClock(START - 3 * 24 * HOUR);
    const users = createPrismaUserRepository(database.prisma);
    const parties = createPrismaPartyRepository(database.prisma);
    const suffix = randomUUID().slice(0, 8);
    const host = (await users.createMember({ name: "Hana Host", email: `hana-${suffix}@example.test`, passwordHash: "x" }))!;
    const anaUser = (await users.createMember({ name: "Ana", email: `ana-${suffix}@example.test`, passwordHash: "x" }))!;
    const benUser = await users.createGuest({ name: "Ben" });
    const cyUser = await users.createGuest({ name: "Cy" });
    ana = { id: anaUser.id, name: "Ana", email: anaUser.email, kind: "member" };
    ben = { id: benUser.id, name: "Ben", email: null, kind: "guest" };
    party = await parties.create({
      title: `Harbor Division night ${suffix}`,
      description: "",
      hostId: host.id,
      startsAt: new Date(START),
      timeZone: "America/Los_Angeles",
      episodePlan: "single",
      episodeFrom: 3,
      episodeTo: 3,
      episodeMinutes: 50,
      capacity: null,
      visibility: "unlisted",
      inviteToken: `invite-${randomUUID()}`,
    });
    const reminders = createPrismaReminderRepository(database.prisma);
    const subscribe = (user: SessionUser, timeZone: string, email?: string) =>
      subscribeToReminders({
        parties,
        reminders,
        mailEnabled: true,
        user,
        partyId: party.id,
        input: { timeZone, invite: party.inviteToken, ...(email ? { email } : {}) },
        now: clock.now(),
      });
    await subscribe(ana, "Europe/Berlin");
    benEmail = `ben-${suffix}@example.test`;
    await subscribe(ben, "Asia/Tokyo", benEmail);
    expect(cyUser.id).toBeTruthy(); // Cy answered nothing and asked for nothing: never mailed.
  });

  afterEach(async () => {
    for (const s of sweepers.splice(0)) await s.stop().catch(() => undefined);
  });

  const mailsFor = (kindOfMail: string) => sink.accepted.filter((m) => m.reminder.startsWith(`${kindOfMail} `) && m.text.includes(party.title));
  const recipients = (kindOfMail: string) => mailsFor(kindOfMail).flatMap((m) => m.to).sort();

  it("mails the people who opted in, a day ahead and 15 minutes ahead, in their own zones, once each", async () => {
    const a = sweeper("A");
    clock.set(START - 25 * HOUR);
    expect((await a.sweepOnce()).sent).toBe(0);
    clock.set(START - 24 * HOUR + MIN);
    expect((await a.sweepOnce()).sent).toBe(2);
    expect(recipients("day")).toEqual([ana.email, benEmail].sort());
    const anaDay = mailsFor("day").find((m) => m.to.includes(ana.email!))!;
    expect(anaDay.subject).toBe(`Tomorrow: ${party.title}`);
    expect(anaDay.text).toContain(startInZone(new Date(START), "Europe/Berlin"));
    expect(anaDay.text).toContain(`${ORIGIN}/parties/${party.id}/room?invite=${party.inviteToken}`);
    expect(anaDay.listUnsubscribe).toMatch(new RegExp(`^<${ORIGIN}/api/reminders/unsubscribe/[A-Za-z0-9_-]+>$`));
    const benDay = mailsFor("day").find((m) => m.to[0]!.startsWith("ben-"))!;
    expect(benDay.text).toContain(startInZone(new Date(START), "Asia/Tokyo"));
    // Sweeping again, and later within the day window, sends nothing more.
    expect((await a.sweepOnce()).sent).toBe(0);
    clock.set(START - 13 * HOUR);
    expect((await a.sweepOnce()).sent).toBe(0);
    // Not before 16 minutes ahead…
    clock.set(START - 16 * MIN - 1000);
    expect((await a.sweepOnce()).sent).toBe(0);
    // …then once, between 16 and 14 minutes ahead.
    clock.set(START - 15 * MIN);
    expect((await a.sweepOnce()).sent).toBe(2);
    expect(mailsFor("soon").map((m) => m.subject)).toEqual([`Starting in 15 minutes: ${party.title}`, `Starting in 15 minutes: ${party.title}`]);
    clock.set(START - 14 * MIN - 1000);
    expect((await a.sweepOnce()).sent).toBe(0);
    expect(sink.accepted.filter((m) => m.text.includes(party.title))).toHaveLength(4);
  });

  it("sends no 15-minute reminder once its window has passed", async () => {
    const a = sweeper("A");
    clock.set(START - 14 * MIN + 1000);
    expect((await a.sweepOnce()).sent).toBe(0);
    expect(mailsFor("soon")).toHaveLength(0);
  });

  it("stops a person's reminders with the one-click link of their mail, for that party", async () => {
    const a = sweeper("A");
    clock.set(START - 24 * HOUR);
    await a.sweepOnce();
    const benDay = mailsFor("day").find((m) => m.to[0]!.startsWith("ben-"))!;
    const token = /unsubscribe\/([A-Za-z0-9_-]+)>/.exec(benDay.listUnsubscribe)![1]!;
    const reminders = createPrismaReminderRepository(database.prisma);
    expect(await unsubscribeFromReminders({ reminders, token })).toEqual({ unsubscribed: true });
    expect(await unsubscribeFromReminders({ reminders, token })).toEqual({ unsubscribed: false });
    clock.set(START - 15 * MIN);
    await a.sweepOnce();
    expect(recipients("soon")).toEqual([ana.email]);
  });

  it("re-plans a rescheduled party: the 15-minute reminder follows the new start, and no second day-ahead one", async () => {
    const a = sweeper("A");
    clock.set(START - 24 * HOUR);
    await a.sweepOnce();
    expect(mailsFor("day")).toHaveLength(2);
    // Moved two hours later.
    const parties = createPrismaPartyRepository(database.prisma);
    const { id: _id, hostName: _h, cohostIds: _c, inviteToken: _i, sequence: _s, cancelledAt: _x, createdAt: _cr, updatedAt: _u, hostId: _ho, ...fields } = party;
    const moved = new Date(START + 2 * HOUR);
    await parties.update(party.id, { ...fields, startsAt: moved });
    clock.set(START - 15 * MIN);
    expect((await a.sweepOnce()).sent).toBe(0);
    clock.set(moved.getTime() - 15 * MIN);
    expect((await a.sweepOnce()).sent).toBe(2);
    expect(mailsFor("soon").every((m) => m.text.includes(startInZone(moved, m.to[0] === ana.email ? "Europe/Berlin" : "Asia/Tokyo")))).toBe(true);
    expect(mailsFor("day")).toHaveLength(2);
  });

  it("sends a cancellation instead of reminders when the party is cancelled", async () => {
    const a = sweeper("A");
    clock.set(START - 24 * HOUR);
    await a.sweepOnce();
    const parties = createPrismaPartyRepository(database.prisma);
    clock.set(START - 20 * HOUR);
    await parties.cancel(party.id, clock.now());
    expect((await a.sweepOnce()).sent).toBe(2);
    expect(mailsFor("cancelled").map((m) => m.subject)).toEqual([`Cancelled: ${party.title}`, `Cancelled: ${party.title}`]);
    clock.set(START - 15 * MIN);
    expect((await a.sweepOnce()).sent).toBe(0);
    expect(mailsFor("soon")).toHaveLength(0);
    expect(mailsFor("cancelled")).toHaveLength(2);
  });

  it("retries a refused send with backoff, and sends it once", async () => {
    const a = sweeper("A");
    clock.set(START - 24 * HOUR);
    sink.failNext(3);
    const first = await a.sweepOnce();
    expect(first).toMatchObject({ sent: 0, retried: 2 });
    // Not before its backoff…
    clock.advance(1000);
    expect((await a.sweepOnce()).retried + (await a.sweepOnce()).sent).toBe(0);
    // …then tried again: one more refusal (the third), then both through.
    clock.advance(5_000);
    expect(await a.sweepOnce()).toMatchObject({ sent: 1, retried: 1 });
    clock.advance(10_000);
    expect(await a.sweepOnce()).toMatchObject({ sent: 1, retried: 0 });
    expect(mailsFor("day")).toHaveLength(2);
    expect(recipients("day")).toHaveLength(2);
  });

  it("a second process sweeping at the same moment sends nothing twice", async () => {
    let other = database;
    // On PostgreSQL the second process has connections of its own; the embedded database is one process's.
    if (kind === "postgres") other = await testDb.open();
    const a = sweeper("A");
    const b = sweeper("B", other);
    clock.set(START - 24 * HOUR);
    const results = await Promise.all([a.sweepOnce(), b.sweepOnce(), a.sweepOnce(), b.sweepOnce()]);
    // A sweep asked for while one runs is that same sweep: count each once.
    expect([...new Set(results)].reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect(await b.sweepOnce()).toMatchObject({ sent: 0 });
    expect(mailsFor("day")).toHaveLength(2);
    expect(new Set(recipients("day")).size).toBe(2);
  });

  it("a restart mid-sweep loses and duplicates nothing", async () => {
    // Process A claims both reminders and dies while the SMTP server has not yet accepted them.
    let dbA = database;
    if (kind === "postgres") dbA = await testDb.open();
    const a = startReminderSweeper({
      reminders: createPrismaReminderRepository(dbA.prisma),
      mailer: createSmtpMailer({ smtpUrl: sink.url, from: "reminders@party.test" }),
      origin: ORIGIN,
      processId: "A",
      now: clock.now,
      logger,
      intervalMs: 0,
    });
    clock.set(START - 24 * HOUR);
    sink.hold();
    const dying = a.sweepOnce().catch((error: unknown) => error);
    await sink.held(2);
    // The process is gone: its database connections with it, and its half-sent mails are never accepted.
    await dbA.close();
    sink.refuseHeld();
    await dying;
    expect(mailsFor("day")).toHaveLength(0);
    // The restarted process: on the embedded database, the same files opened again.
    const dbB = kind === "postgres" ? database : await testDb.open();
    const b = sweeper("B-restarted", dbB);
    // A's claims hold until their lease ends: nothing goes twice meanwhile…
    expect(await b.sweepOnce()).toMatchObject({ sent: 0 });
    // …and then nothing is lost.
    clock.advance(CLAIM_LEASE_MS + 1000);
    expect(await b.sweepOnce()).toMatchObject({ sent: 2 });
    expect(await b.sweepOnce()).toMatchObject({ sent: 0 });
    expect(new Set(recipients("day")).size).toBe(2);
    expect(mailsFor("day")).toHaveLength(2);
    if (kind === "embedded") database = dbB;
  });

  it("forgets a guest's address once the party is over", async () => {
    const a = sweeper("A");
    clock.set(START + 2 * HOUR);
    // (Earlier tests' parties, at the same start, are over too.)
    expect((await a.sweepOnce()).forgotten).toBeGreaterThanOrEqual(2);
    const rows = await database.prisma.reminderSubscription.findMany({ where: { partyId: party.id } });
    expect(rows).toEqual([]);
  });
});
