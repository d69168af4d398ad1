import type { Prisma, PrismaClient } from "../db/generated/client";
import type { Party, PartyFields, PartyRepository, RsvpCounts, RsvpEntry } from "./party";
import { decideRsvp, placesToFill, tallyRsvps, type RsvpStatus } from "./rsvp-rules";
import { partyEndsAt } from "./schedule";

const PLAN = { single: "SINGLE", binge: "BINGE", weekly: "WEEKLY" } as const;
const STATUS = { going: "GOING", maybe: "MAYBE", not_going: "NOT_GOING", waitlisted: "WAITLISTED" } as const;
const fromEnum = <T extends string>(value: string) => value.toLowerCase() as T;

export const partyInclude = { host: { select: { name: true } }, cohosts: { select: { userId: true } } } as const;
type PartyRow = Prisma.PartyGetPayload<{ include: typeof partyInclude }>;
type Tx = Prisma.TransactionClient;

export function toParty(row: PartyRow): Party {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    hostId: row.hostId,
    hostName: row.host.name,
    cohostIds: row.cohosts.map((c) => c.userId),
    startsAt: row.startsAt,
    timeZone: row.timeZone,
    episodePlan: fromEnum(row.episodePlan),
    episodeFrom: row.episodeFrom,
    episodeTo: row.episodeTo,
    episodeMinutes: row.episodeMinutes,
    capacity: row.capacity,
    visibility: fromEnum(row.visibility),
    replayVisibility: fromEnum(row.replayVisibility),
    inviteToken: row.inviteToken,
    sequence: row.sequence,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toColumns(fields: Omit<PartyFields, "hostId">) {
  return {
    title: fields.title,
    description: fields.description,
    startsAt: fields.startsAt,
    endsAt: partyEndsAt(fields),
    timeZone: fields.timeZone,
    episodePlan: PLAN[fields.episodePlan],
    episodeFrom: fields.episodeFrom,
    episodeTo: fields.episodeTo,
    episodeMinutes: fields.episodeMinutes,
    capacity: fields.capacity,
    visibility: fields.visibility === "public" ? ("PUBLIC" as const) : ("UNLISTED" as const),
    ...(fields.replayVisibility ? { replayVisibility: fields.replayVisibility === "anyone" ? ("ANYONE" as const) : ("MEMBERS" as const) } : {}),
  };
}

/** Moves the longest-waiting people to "going" while there is room; returns who moved. */
async function promoteFromWaitlist(tx: Tx, partyId: string, capacity: number | null): Promise<string[]> {
  const [going, waiting] = await Promise.all([
    tx.rsvp.count({ where: { partyId, status: "GOING" } }),
    tx.rsvp.findMany({ where: { partyId, status: "WAITLISTED" }, orderBy: { askedAt: "asc" }, select: { userId: true } }),
  ]);
  const promoted = waiting.slice(0, placesToFill(capacity, going, waiting.length)).map((w) => w.userId);
  if (promoted.length > 0) {
    await tx.rsvp.updateMany({ where: { partyId, userId: { in: promoted } }, data: { status: "GOING" } });
  }
  return promoted;
}

/** Serialises RSVP changes to one party (a row lock on PostgreSQL; PGlite has one connection anyway). */
async function lockParty(tx: Tx, partyId: string): Promise<{ capacity: number | null; hostId: string } | null> {
  const rows = await tx.$queryRaw<Array<{ capacity: number | null; hostId: string }>>`SELECT "capacity", "hostId" FROM "Party" WHERE "id" = ${partyId} FOR UPDATE`;
  return rows[0] ?? null;
}

export function createPrismaPartyRepository(prisma: PrismaClient): PartyRepository {
  async function countsFor(partyIds: string[]): Promise<Map<string, RsvpCounts>> {
    const groups = await prisma.rsvp.groupBy({ by: ["partyId", "status"], where: { partyId: { in: partyIds } }, _count: { _all: true } });
    return new Map(
      partyIds.map((id) => [
        id,
        tallyRsvps(groups.filter((g) => g.partyId === id).map((g) => ({ status: fromEnum<RsvpStatus>(g.status), count: g._count._all }))),
      ]),
    );
  }

  const find = async (id: string) => {
    const row = await prisma.party.findUnique({ where: { id }, include: partyInclude });
    return row ? toParty(row) : null;
  };

  return {
    async create(fields) {
      const row = await prisma.party.create({
        // The host goes to their own party: they hold the first place from the start.
        data: { ...toColumns(fields), hostId: fields.hostId, inviteToken: fields.inviteToken, rsvps: { create: { userId: fields.hostId, status: "GOING" } } },
        include: partyInclude,
      });
      return toParty(row);
    },
    findById: find,
    async update(id, fields) {
      const row = await prisma.$transaction(async (tx) => {
        await lockParty(tx, id);
        const updated = await tx.party.update({
          where: { id },
          data: { ...toColumns(fields), sequence: { increment: 1 } },
          include: partyInclude,
        });
        await promoteFromWaitlist(tx, id, updated.capacity);
        return updated;
      });
      return toParty(row);
    },
    async cancel(id, at) {
      const row = await prisma.party.update({
        where: { id },
        data: { cancelledAt: at, sequence: { increment: 1 } },
        include: partyInclude,
      });
      return toParty(row);
    },
    async addCohost(partyId, userId) {
      await prisma.partyCohost.upsert({
        where: { partyId_userId: { partyId, userId } },
        create: { partyId, userId },
        update: {},
      });
    },
    async counts(partyId) {
      return (await countsFor([partyId])).get(partyId)!;
    },
    countsFor,
    async attendees(partyId): Promise<RsvpEntry[]> {
      const rows = await prisma.rsvp.findMany({
        where: { partyId },
        include: { user: { select: { name: true, kind: true } } },
        orderBy: { askedAt: "asc" },
      });
      return rows.map((r) => ({
        userId: r.userId,
        name: r.user.name,
        kind: fromEnum<RsvpEntry["kind"]>(r.user.kind),
        status: fromEnum<RsvpStatus>(r.status),
      }));
    },
    async rsvpOf(partyId, userId) {
      const row = await prisma.rsvp.findUnique({ where: { partyId_userId: { partyId, userId } } });
      return row ? fromEnum<RsvpStatus>(row.status) : null;
    },
    async setRsvp(partyId, userId, choice) {
      return prisma.$transaction(async (tx) => {
        const party = await lockParty(tx, partyId);
        if (!party) throw new Error(`party ${partyId} vanished during an RSVP`);
        const [current, goingCount] = await Promise.all([
          tx.rsvp.findUnique({ where: { partyId_userId: { partyId, userId } } }),
          tx.rsvp.count({ where: { partyId, status: "GOING" } }),
        ]);
        const decision = decideRsvp(
          { capacity: party.capacity, goingCount, current: current ? fromEnum<RsvpStatus>(current.status) : null, isHost: party.hostId === userId },
          choice,
        );
        const status = STATUS[decision.status];
        const asksAgain = decision.status === "going" || decision.status === "waitlisted";
        const keepsPlace = current?.status === "GOING" || current?.status === "WAITLISTED";
        await tx.rsvp.upsert({
          where: { partyId_userId: { partyId, userId } },
          create: { partyId, userId, status },
          update: { status, ...(asksAgain && !keepsPlace ? { askedAt: new Date() } : {}) },
        });
        const promoted = decision.promoteNext ? await promoteFromWaitlist(tx, partyId, party.capacity) : [];
        return { status: decision.status, promoted };
      });
    },
    async listUpcomingPublic(now, limit) {
      const rows = await prisma.party.findMany({
        where: { visibility: "PUBLIC", cancelledAt: null, endsAt: { gt: now } },
        orderBy: { startsAt: "asc" },
        take: limit,
        include: partyInclude,
      });
      return rows.map(toParty);
    },
    async listForUser(userId) {
      const [hosting, attending] = await Promise.all([
        prisma.party.findMany({
          where: { OR: [{ hostId: userId }, { cohosts: { some: { userId } } }] },
          orderBy: { startsAt: "asc" },
          include: partyInclude,
        }),
        prisma.party.findMany({
          where: {
            hostId: { not: userId },
            cohosts: { none: { userId } },
            rsvps: { some: { userId, status: { in: ["GOING", "MAYBE", "WAITLISTED"] } } },
          },
          orderBy: { startsAt: "asc" },
          include: partyInclude,
        }),
      ]);
      return { hosting: hosting.map(toParty), attending: attending.map(toParty) };
    },
  };
}
