import type { PrismaClient } from "../db/generated/client";
import { partyInclude, toParty } from "../parties/prisma-party-repository";
import type { ClaimedReminder, ReminderKind, ReminderRepository, ReminderSubscription } from "./reminder";

const DAY_MS = 24 * 60 * 60_000;
/** A party's reminders are all within a day of a sitting; a little more for clocks and sweeps. */
const PLAN_HORIZON_MS = DAY_MS + 60 * 60_000;

const utc = (at: Date) => at.getTime() / 1000;

function toSubscription(row: ReminderSubscription): ReminderSubscription {
  return { id: row.id, partyId: row.partyId, userId: row.userId, email: row.email, timeZone: row.timeZone, unsubscribeToken: row.unsubscribeToken };
}

export function createPrismaReminderRepository(prisma: PrismaClient): ReminderRepository {
  const notOver = (now: Date) => ({ party: { endsAt: { gt: now } } });
  return {
    async find(partyId, userId) {
      const row = await prisma.reminderSubscription.findUnique({ where: { partyId_userId: { partyId, userId } } });
      return row ? toSubscription(row) : null;
    },
    async subscribe(input) {
      const row = await prisma.reminderSubscription.upsert({
        where: { partyId_userId: { partyId: input.partyId, userId: input.userId } },
        create: input,
        update: { email: input.email, timeZone: input.timeZone },
      });
      return toSubscription(row);
    },
    countForPerson(userId, now, exceptPartyId) {
      return prisma.reminderSubscription.count({ where: { userId, partyId: { not: exceptPartyId }, ...notOver(now) } });
    },
    countForEmail(email, now, exceptPartyId) {
      return prisma.reminderSubscription.count({ where: { email, partyId: { not: exceptPartyId }, ...notOver(now) } });
    },
    async unsubscribe(partyId, userId) {
      const { count } = await prisma.reminderSubscription.deleteMany({ where: { partyId, userId } });
      return count > 0;
    },
    async findByToken(token) {
      const row = await prisma.reminderSubscription.findUnique({ where: { unsubscribeToken: token }, include: { party: { select: { title: true } } } });
      return row ? { subscription: toSubscription(row), partyTitle: row.party.title } : null;
    },
    async unsubscribeByToken(token) {
      const { count } = await prisma.reminderSubscription.deleteMany({ where: { unsubscribeToken: token } });
      return count > 0;
    },

    async candidates(now) {
      const rows = await prisma.party.findMany({
        where: {
          endsAt: { gt: now },
          reminderSubscriptions: { some: {} },
          OR: [{ cancelledAt: null, startsAt: { lte: new Date(now.getTime() + PLAN_HORIZON_MS) } }, { cancelledAt: { not: null } }],
        },
        include: { ...partyInclude, reminderSubscriptions: { select: { id: true } } },
      });
      return rows.map((row) => ({ party: toParty(row), subscriptionIds: row.reminderSubscriptions.map((s) => s.id) }));
    },
    async plan(reminders, now) {
      if (reminders.length === 0) return 0;
      const { count } = await prisma.reminderDelivery.createMany({
        data: reminders.map((r) => ({ ...r, status: "pending", nextAttemptAt: now })),
        skipDuplicates: true,
      });
      return count;
    },
    async claim({ processId, now, leaseMs, limit }) {
      // One statement: the due rows no other sweep holds are locked (skipping those
      // another transaction has locked right now) and leased to this process.
      const claimed = await prisma.$queryRaw<Array<{ id: string }>>`
        UPDATE "ReminderDelivery" SET
          "claimedBy" = ${processId},
          "claimedUntil" = to_timestamp(${utc(new Date(now.getTime() + leaseMs))}::float8) AT TIME ZONE 'UTC',
          "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "ReminderDelivery"
          WHERE "status" = 'pending'
            AND "nextAttemptAt" <= to_timestamp(${utc(now)}::float8) AT TIME ZONE 'UTC'
            AND ("claimedUntil" IS NULL OR "claimedUntil" <= to_timestamp(${utc(now)}::float8) AT TIME ZONE 'UTC')
          ORDER BY "dueAt"
          LIMIT ${limit}::int
          FOR UPDATE SKIP LOCKED)
        RETURNING "id"`;
      if (claimed.length === 0) return [];
      const rows = await prisma.reminderDelivery.findMany({
        where: { id: { in: claimed.map((c) => c.id) } },
        include: { subscription: { include: { user: { select: { name: true, email: true } }, party: { include: partyInclude } } } },
        orderBy: { dueAt: "asc" },
      });
      return rows.map(
        (row): ClaimedReminder => ({
          id: row.id,
          kind: row.kind as ReminderKind,
          sitting: row.sitting,
          startsAt: row.startsAt,
          notAfter: row.notAfter,
          attempts: row.attempts,
          subscription: toSubscription(row.subscription),
          to: row.subscription.email ?? row.subscription.user.email,
          recipientName: row.subscription.user.name,
          party: toParty(row.subscription.party),
        }),
      );
    },
    async settle(id, processId, outcome) {
      const held = { id, claimedBy: processId, status: "pending" };
      const released = { claimedBy: null, claimedUntil: null };
      const data =
        outcome.status === "sent"
          ? { status: "sent", sentAt: outcome.at, lastError: null, ...released }
          : outcome.status === "retry"
            ? { nextAttemptAt: outcome.at, lastError: outcome.error.slice(0, 500), ...released }
            : { status: outcome.status, lastError: outcome.error.slice(0, 500), ...released };
      const { count } = await prisma.reminderDelivery.updateMany({ where: held, data });
      return count === 1;
    },
    async drop(id, processId) {
      const { count } = await prisma.reminderDelivery.deleteMany({ where: { id, claimedBy: processId, status: "pending" } });
      return count === 1;
    },
    async release(processId) {
      const { count } = await prisma.reminderDelivery.updateMany({ where: { claimedBy: processId, status: "pending" }, data: { claimedBy: null, claimedUntil: null } });
      return count;
    },
    async forgetFinished(now) {
      const { count } = await prisma.reminderSubscription.deleteMany({ where: { party: { endsAt: { lte: now } } } });
      return count;
    },
  };
}
