import type { ArgType, SqlQueryable } from "@prisma/driver-adapter-utils";
import type { Database } from "../db/client";
import { groupCommit } from "../db/group-commit";
import { Prisma } from "../db/generated/client";
import { newId } from "../db/new-id";
import { chatMessage, chatNotification, NOTIFIED_NAME_FALLBACK, NOTIFY_PAYLOAD_LIMIT, reactionCounts } from "./chat-message";
import type { ChatMessage, RoomRepository } from "./room";

const messageInclude = {
  sender: { select: { name: true } },
  reactions: { select: { emoji: true } },
} as const;
type MessageRow = Prisma.ChatMessageGetPayload<{ include: typeof messageInclude }>;

function toMessage(row: MessageRow): ChatMessage {
  return chatMessage(row, row.sender.name, reactionCounts(row.reactions));
}

const SANCTION = { muted: "MUTED", removed: "REMOVED" } as const;

type NewMessage = Parameters<RoomRepository["appendMessage"]>[0];
const messageKey = (m: { partyId: string; senderId: string; clientId: string }) => `${m.partyId} ${m.senderId} ${m.clientId}`;

/** A stored row as the insert returns it: `createdAt` already as the ISO text the message carries. */
type InsertedRow = Omit<MessageRow, "sender" | "reactions" | "deletedAt" | "createdAt"> & { createdAt: string };
const INSERTED_COLUMNS = ["seq", "id", "partyId", "senderId", "clientId", "text", "episode", "positionMs", "spoiler", "createdAt"] as const;

/** A parameter's type for the driver: only arity matters for the text, integer and array values bound here. */
const argType = (value: unknown): ArgType => ({ scalarType: "unknown", arity: Array.isArray(value) ? "list" : "scalar" });

/**
 * Runs a statement through the driver adapter, without Prisma Client's query
 * interpreter (0.2–0.4 ms a batch on PGlite, docs/performance.md);
 * `columns` names the RETURNING list, in order.
 */
async function queryDriver<K extends string>(driver: SqlQueryable, query: Prisma.Sql, columns: readonly K[]): Promise<Array<Record<K, unknown>>> {
  const result = await driver.queryRaw({ sql: query.text, args: query.values, argTypes: query.values.map(argType) });
  return result.rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])) as Record<K, unknown>);
}

/** What the group commit does on top of storing, when several processes serve the rooms. */
export interface ChatCommitOptions {
  /**
   * The channel every process LISTENs on: each stored message (and a resend's
   * stored row) is sent there with pg_notify, by the statement that stores it,
   * and each party's messages are stored under its advisory lock.
   */
  notifyChannel: string;
}

/**
 * `chatNotification` of a stored row `s` (a new message: no reactions) with the
 * sender's name `name`, in SQL: the row as it was stored (`row_to_json`) and the
 * name, what `chatMessage` builds the message from.
 */
function notificationJson(name: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`json_build_object('partyId', s."partyId", 'senderName', ${name}, 'row', row_to_json(s))::text`;
}
const notificationSql = Prisma.sql`CASE WHEN octet_length(${notificationJson(Prisma.sql`n."name"`)}) < ${NOTIFY_PAYLOAD_LIMIT}
  THEN ${notificationJson(Prisma.sql`n."name"`)} ELSE ${notificationJson(Prisma.sql`left(n."name", ${NOTIFIED_NAME_FALLBACK})`)} END`;

/**
 * Stores new messages with one INSERT of column arrays, skipping resends and
 * messages to a cancelled party. Prisma's createManyAndReturn binds every
 * field of every row and costs far more per row on this hot path
 * (docs/performance.md). The party check is a per-row filter of the same
 * statement (one index lookup): no extra query, and rows keep arrival order.
 *
 * With `commit` (several processes) the same single statement, in autocommit,
 * also takes the batch's per-party advisory locks, in sorted key order (two
 * batches with parties in common cannot deadlock), and notifies each new row
 * in `seq` order. The locks are a materialised CTE read by an InitPlan of the
 * INSERT's filter: PostgreSQL runs it before the INSERT's first row, so
 * before `nextval` draws a `seq`, and holds the locks until COMMIT; while one
 * process stores a party's messages another waits before drawing its `seq`,
 * so a party's `seq` order is its commit order on every process
 * (tests/integration/cluster-chat-clock.test.ts fails without the locks).
 * The notifications are delivered when (and only if) the statement commits,
 * in commit order. One round trip, no interactive transaction: the locks are
 * held for one statement and its commit.
 */
async function insertMessages(driver: SqlQueryable, inputs: NewMessage[], commit: ChatCommitOptions | undefined): Promise<InsertedRow[]> {
  const column = <T>(pick: (input: NewMessage) => T) => inputs.map(pick);
  const ids = column(() => newId());
  const locks = commit
    ? Prisma.sql`(SELECT count(*) FROM locks) >= 0 AND`
    : Prisma.empty;
  const isoTime = (row: Prisma.Sql) => Prisma.sql`to_char(${row}"createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;
  const insert = Prisma.sql`
    INSERT INTO "ChatMessage" ("id", "partyId", "senderId", "clientId", "text", "episode", "positionMs", "spoiler")
    SELECT * FROM unnest(
      ${ids}::text[],
      ${column((m) => m.partyId)}::text[],
      ${column((m) => m.senderId)}::text[],
      ${column((m) => m.clientId)}::text[],
      ${column((m) => m.text)}::text[],
      ${column((m) => m.episode)}::int[],
      ${column((m) => m.positionMs)}::int[],
      ${column((m) => m.spoiler ?? false)}::boolean[]
    ) AS m ("id", "partyId", "senderId", "clientId", "text", "episode", "positionMs", "spoiler")
    WHERE ${locks} (SELECT p."cancelledAt" IS NULL FROM "Party" p WHERE p."id" = m."partyId")
    ON CONFLICT ("partyId", "senderId", "clientId") DO NOTHING
    RETURNING "seq", "id", "partyId", "senderId", "clientId", "text", "episode", "positionMs", "spoiler", ${isoTime(Prisma.empty)}`;
  if (!commit) return (await queryDriver(driver, insert, INSERTED_COLUMNS)) as InsertedRow[];
  // A volatile function of the select list runs after ORDER BY: locks in key order, notifications in seq order.
  const stored = Prisma.sql`
    WITH locks AS MATERIALIZED (
      SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(p, 0) AS k FROM unnest(${[...new Set(column((m) => m.partyId))]}::text[]) AS p) AS keys
      ORDER BY k
    ), stored AS (${insert})
    SELECT s."seq", s."id", s."partyId", s."senderId", s."clientId", s."text", s."episode", s."positionMs", s."spoiler", s."createdAt",
      pg_notify(${commit.notifyChannel}, ${notificationSql})::text AS "notified"
    FROM stored s JOIN unnest(${ids}::text[], ${column((m) => m.senderName)}::text[]) AS n ("id", "name") ON n."id" = s."id"
    ORDER BY s."seq"`;
  return (await queryDriver(driver, stored, INSERTED_COLUMNS)) as InsertedRow[];
}

/** Notifies resends (rows committed before) in order, in autocommit. */
async function notifyMessages(driver: SqlQueryable, channel: string, payloads: string[]): Promise<void> {
  if (payloads.length === 0) return;
  await queryDriver(driver, Prisma.sql`
    SELECT pg_notify(${channel}, n.payload)::text FROM unnest(${payloads}::text[]) WITH ORDINALITY AS n(payload, i) ORDER BY n.i`, []);
}

type Outcome = { message: ChatMessage; created: boolean } | null;

/**
 * Group commit for chat: messages that arrive while the database is busy are
 * stored together in one INSERT … RETURNING (in arrival order, so `seq` keeps
 * that order). Each caller still waits for its own row to be stored. A resend
 * (same clientId) is skipped by the insert and answered with the stored row,
 * which is notified again with `commit`: the row was committed before (ON
 * CONFLICT waits for an insert in progress to end).
 */
function createMessageBatcher(
  { prisma, driver }: Pick<Database, "prisma" | "driver">,
  commit: ChatCommitOptions | undefined,
  inFlight: number,
): RoomRepository["appendMessage"] {
  return groupCommit<NewMessage, Outcome>(async (batch) => {
    const rows = await insertMessages(driver, batch, commit);
    const stored = new Map(rows.map((row) => [messageKey(row), row]));
    const outcomes: Outcome[] = [];
    const resent: string[] = [];
    for (const input of batch) {
      const row = stored.get(messageKey(input));
      if (row) {
        stored.delete(messageKey(input));
        // The sender's name comes with the input: no join on the hot path.
        outcomes.push({ message: chatMessage(row, input.senderName), created: true });
        continue;
      }
      const { partyId, senderId, clientId } = input;
      const existing = await prisma.chatMessage.findUnique({
        where: { partyId_senderId_clientId: { partyId, senderId, clientId } },
        include: messageInclude,
      });
      // Neither stored nor there before: the party is cancelled.
      outcomes.push(existing ? { message: toMessage(existing), created: false } : null);
      if (existing) {
        const { sender, reactions, deletedAt: _deleted, ...row } = existing;
        resent.push(chatNotification({ partyId, row: { ...row, createdAt: row.createdAt.toISOString() }, senderName: sender.name, reactions: reactionCounts(reactions) }));
      }
    }
    if (commit) await notifyMessages(driver, commit.notifyChannel, resent);
    return outcomes;
  }, { inFlight });
}

export function createPrismaRoomRepository(
  database: Pick<Database, "prisma" | "driver">,
  options: {
    commit?: ChatCommitOptions;
    /**
     * How many chat batches may be stored at once (group-commit.ts; default 1).
     * More than one only in one process on a PostgreSQL server: one party's
     * messages are then stored one at a time by the outbox (chat-delivery.ts),
     * so its `seq` order stays its commit order, and other parties' messages
     * do not wait for a batch on another connection.
     */
    chatBatchesInFlight?: number;
  } = {},
): RoomRepository {
  const { prisma } = database;
  /** Read only when a conditional write did nothing, to say why. */
  const partyIsOpen = async (partyId: string) =>
    (await prisma.party.findUnique({ where: { id: partyId }, select: { cancelledAt: true } }))?.cancelledAt === null;

  return {
    async loadClock(partyId) {
      const row = await prisma.partyClock.findUnique({ where: { partyId } });
      if (!row) return null;
      const { episode, playing, positionMs, atServerMs, rate, version } = row;
      return { clock: { episode, playing, positionMs, atServerMs, rate, version }, controlMode: row.controlMode === "EVERYONE" ? "everyone" : "hosts" };
    },
    // Compare-and-set: one upsert that selects its row from the party only while it is not cancelled,
    // inserts when there is no clock yet and updates only the version it was computed from.
    async saveClock(partyId, clock, controlMode, expectedVersion) {
      const mode = controlMode === "everyone" ? "EVERYONE" : "HOSTS";
      const saved = await prisma.$executeRaw`
        INSERT INTO "PartyClock" ("partyId", "episode", "playing", "positionMs", "atServerMs", "rate", "version", "controlMode", "updatedAt")
        SELECT p."id", ${clock.episode}::int, ${clock.playing}::boolean, ${clock.positionMs}::float8, ${clock.atServerMs}::float8,
               ${clock.rate}::float8, ${clock.version}::int, ${mode}::"ControlMode", CURRENT_TIMESTAMP
        FROM "Party" p WHERE p."id" = ${partyId} AND p."cancelledAt" IS NULL
        ON CONFLICT ("partyId") DO UPDATE SET
          "episode" = EXCLUDED."episode", "playing" = EXCLUDED."playing", "positionMs" = EXCLUDED."positionMs",
          "atServerMs" = EXCLUDED."atServerMs", "rate" = EXCLUDED."rate", "version" = EXCLUDED."version",
          "controlMode" = EXCLUDED."controlMode", "updatedAt" = EXCLUDED."updatedAt"
        WHERE "PartyClock"."version" = ${expectedVersion}::int`;
      if (saved > 0) return "saved";
      return (await partyIsOpen(partyId)) ? "conflict" : "party-closed";
    },
    appendMessage: createMessageBatcher(database, options.commit, options.commit ? 1 : (options.chatBatchesInFlight ?? 1)),
    async recentMessages(partyId, limit) {
      const rows = await prisma.chatMessage.findMany({
        where: { partyId, deletedAt: null },
        orderBy: { seq: "desc" },
        take: limit,
        include: messageInclude,
      });
      return rows.reverse().map(toMessage);
    },
    async messagesAfter(partyId, afterSeq, limit) {
      const rows = await prisma.chatMessage.findMany({
        where: { partyId, deletedAt: null, seq: { gt: afterSeq } },
        orderBy: { seq: "asc" },
        take: limit,
        include: messageInclude,
      });
      return rows.map(toMessage);
    },
    async deleteMessage(partyId, messageId) {
      const { count } = await prisma.chatMessage.updateMany({
        where: { partyId, id: messageId, deletedAt: null, party: { cancelledAt: null } },
        data: { deletedAt: new Date() },
      });
      if (count > 0) return "deleted";
      return (await partyIsOpen(partyId)) ? "no-message" : "party-closed";
    },
    // One statement checks the party (not cancelled) and the message (of this party, not deleted).
    async addReaction({ partyId, messageId, userId, emoji, episode, positionMs }) {
      const added = await prisma.$executeRaw`
        INSERT INTO "ChatReaction" ("id", "partyId", "messageId", "userId", "emoji", "episode", "positionMs")
        SELECT ${newId()}, p."id", ${messageId}::text, ${userId}, ${emoji}, ${episode}::int, ${positionMs}::int
        FROM "Party" p
        WHERE p."id" = ${partyId} AND p."cancelledAt" IS NULL
          AND (${messageId}::text IS NULL OR EXISTS (
            SELECT 1 FROM "ChatMessage" m WHERE m."id" = ${messageId}::text AND m."partyId" = p."id" AND m."deletedAt" IS NULL
          ))`;
      if (added > 0) return "added";
      return (await partyIsOpen(partyId)) ? "no-message" : "party-closed";
    },
    async moments(partyId) {
      const rows = await prisma.$queryRaw<Array<{ episode: number; minute: number; count: bigint | number }>>`
        SELECT episode, minute, COUNT(*) AS count FROM (
          SELECT "episode", FLOOR("positionMs" / 60000)::int AS minute FROM "ChatMessage" WHERE "partyId" = ${partyId} AND "deletedAt" IS NULL
          UNION ALL
          SELECT "episode", FLOOR("positionMs" / 60000)::int AS minute FROM "ChatReaction" WHERE "partyId" = ${partyId}
        ) AS points GROUP BY episode, minute ORDER BY episode, minute`;
      return rows.map((r) => ({ episode: Number(r.episode), minute: Number(r.minute), count: Number(r.count) }));
    },
    async replayMessages(partyId, limit) {
      const rows = await prisma.chatMessage.findMany({
        where: { partyId, deletedAt: null },
        orderBy: [{ episode: "asc" }, { positionMs: "asc" }, { seq: "asc" }],
        take: limit,
        include: messageInclude,
      });
      return rows.map(toMessage);
    },
    async replayReactions(partyId, limit) {
      return prisma.chatReaction.findMany({
        where: { partyId, OR: [{ messageId: null }, { message: { deletedAt: null } }] },
        orderBy: [{ episode: "asc" }, { positionMs: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        take: limit,
        select: { id: true, messageId: true, emoji: true, episode: true, positionMs: true },
      });
    },
    async sanctions(partyId, userId) {
      const rows = await prisma.partySanction.findMany({ where: { partyId, userId } });
      return { muted: rows.some((r) => r.kind === "MUTED"), removed: rows.some((r) => r.kind === "REMOVED") };
    },
    async sanctionsIn(partyId) {
      const rows = await prisma.partySanction.findMany({ where: { partyId } });
      const all = new Map<string, { muted: boolean; removed: boolean }>();
      for (const row of rows) {
        const one = all.get(row.userId) ?? { muted: false, removed: false };
        all.set(row.userId, { muted: one.muted || row.kind === "MUTED", removed: one.removed || row.kind === "REMOVED" });
      }
      return all;
    },
    async setSanction(partyId, userId, kind, on) {
      const key = { partyId, userId, kind: SANCTION[kind] };
      if (on) await prisma.partySanction.upsert({ where: { partyId_userId_kind: key }, create: key, update: {} });
      else await prisma.partySanction.deleteMany({ where: key });
    },
  };
}
