import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { createPrismaPartyRepository } from "@/server/parties/prisma-party-repository";
import { createPrismaReminderRepository } from "@/server/reminders/prisma-reminder-repository";
import { CLAIM_LEASE_MS } from "@/server/reminders/reminder";
import type { SweepResult } from "@/server/reminders/reminder-sweeper";
import { createPrismaUserRepository } from "@/server/users/prisma-user-repository";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const ENTRY = path.join(import.meta.dirname, "../support/reminder-sweep-process.ts");
const HOUR = 3_600_000;
const START = Date.parse("2026-12-20T19:00:00Z");

/** Several server processes share reminders only on a PostgreSQL server (the embedded database is one process's). */
describe.skipIf(!process.env.TEST_DATABASE_URL)("reminders across OS processes (PostgreSQL, real SMTP server)", () => {
  let testDb: TestDatabase;
  let database: Database;
  let sink: SmtpSink;
  const children: ChildProcess[] = [];

  function sweepProcess(processId: string, nowMs: number): { child: ChildProcess; result: Promise<SweepResult | null> } {
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: (testDb.target as { url: string }).url, SMTP_URL: sink.url, NOW_MS: String(nowMs), PROCESS_ID: processId },
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    const result = new Promise<SweepResult | null>((resolve) => child.once("exit", () => resolve(out.trim() ? (JSON.parse(out.trim()) as SweepResult) : null)));
    return { child, result };
  }

  async function partyWithOptIns(count: number): Promise<string> {
    const users = createPrismaUserRepository(database.prisma);
    const parties = createPrismaPartyRepository(database.prisma);
    const reminders = createPrismaReminderRepository(database.prisma);
    const host = (await users.createMember({ name: "Host", email: `host-${randomUUID()}@example.test`, passwordHash: "x" }))!;
    const title = `Process party ${randomUUID().slice(0, 8)}`;
    const party = await parties.create({
      title, description: "", hostId: host.id, startsAt: new Date(START), timeZone: "UTC", episodePlan: "single",
      episodeFrom: 1, episodeTo: 1, episodeMinutes: 50, capacity: null, visibility: "public", inviteToken: `invite-${randomUUID()}`,
    });
    for (let i = 0; i < count; i += 1) {
      const guest = await users.createGuest({ name: `Guest ${i}` });
      await reminders.subscribe({ partyId: party.id, userId: guest.id, email: `g${i}-${randomUUID().slice(0, 6)}@example.test`, timeZone: "UTC", unsubscribeToken: randomUUID().replace(/-/g, "") });
    }
    return title;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase("postgres");
    database = await testDb.open();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await sink?.close();
    await testDb?.destroy();
  });

  it("two processes sweeping at once send each reminder once", async () => {
    const title = await partyWithOptIns(12);
    const [a, b] = [sweepProcess("P1", START - 24 * HOUR), sweepProcess("P2", START - 24 * HOUR)];
    const results = await Promise.all([a.result, b.result]);
    expect(results.reduce((n, r) => n + (r?.sent ?? 0), 0)).toBe(12);
    const mails = sink.accepted.filter((m) => m.text.includes(title));
    expect(mails).toHaveLength(12);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(12);
    // A third sweep later sends nothing again.
    expect((await sweepProcess("P3", START - 23 * HOUR).result)?.sent).toBe(0);
  });

  it("a process killed mid-sweep loses nothing, and its restart duplicates nothing", async () => {
    const title = await partyWithOptIns(3);
    sink.hold();
    const dying = sweepProcess("P-dies", START - 24 * HOUR + 1000);
    await sink.held(3);
    dying.child.kill("SIGKILL");
    await dying.result;
    sink.refuseHeld();
    expect(sink.accepted.filter((m) => m.text.includes(title))).toHaveLength(0);
    // Restarted at once: the dead process's claims still hold, nothing goes twice…
    expect((await sweepProcess("P-restarted", START - 24 * HOUR + 2000).result)?.sent).toBe(0);
    // …and once their lease is over, each reminder goes once.
    expect((await sweepProcess("P-restarted-2", START - 24 * HOUR + 2000 + CLAIM_LEASE_MS).result)?.sent).toBe(3);
    const mails = sink.accepted.filter((m) => m.text.includes(title));
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(3);
  });
});
