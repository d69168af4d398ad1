import { Prisma, type PrismaClient } from "../db/generated/client";
import { groupCommit } from "../db/group-commit";
import { newId } from "../db/new-id";
import { MOMENT_INDEX_BASE } from "./moments";
import { questionSchema } from "./question";
import type { AnswerInput } from "./round";
import { rankByScore } from "./scoring";
import type { DeckName, LeaderboardEntry, LiveRoundRow, LockedRound, ResultRow, Submission, TriviaRepository } from "./trivia";

type Db = PrismaClient | Prisma.TransactionClient;

type Totals = { userId: string; name: string; score: number; correct: number; answered: number };

function totals(rows: Array<{ userId: string; playerName: string; points: number; correct: boolean; answer: unknown }>): LeaderboardEntry[] {
  const byUser = new Map<string, Totals>();
  for (const row of rows) {
    const entry = byUser.get(row.userId) ?? { userId: row.userId, name: row.playerName, score: 0, correct: 0, answered: 0 };
    entry.name = row.playerName;
    entry.score += row.points;
    entry.correct += row.correct ? 1 : 0;
    entry.answered += row.answer === null ? 0 : 1;
    byUser.set(row.userId, entry);
  }
  return rankByScore([...byUser.values()]);
}

/**
 * A question's results go in one row of TriviaQuestionResults (a JSON array,
 * one entry per player): closing a 5,000-player question writes one row, not
 * 5,000 (docs/performance.md). A pinned moment's results, stored one person at
 * a time, are rows of TriviaAnswer. Both are read through the view TriviaResultRow.
 */
async function insertResults(db: Db, roundId: string, rows: ResultRow[]): Promise<void> {
  const questions = new Map<number, ResultRow[]>();
  const moments: ResultRow[] = [];
  for (const row of rows) {
    if (row.questionIndex >= MOMENT_INDEX_BASE) moments.push(row);
    else {
      // Appended in place: copying the list for each row was quadratic (5,000 players: ~12 million copies).
      const list = questions.get(row.questionIndex);
      if (list) list.push(row);
      else questions.set(row.questionIndex, [row]);
    }
  }
  for (const [questionIndex, results] of questions) {
    const entries = results.map((r) => [r.userId, r.playerName, r.answer, r.correct, r.points, r.elapsedMs]);
    await db.$executeRaw`
      INSERT INTO "TriviaQuestionResults" ("roundId", "questionIndex", "questionId", "results")
      VALUES (${roundId}, ${questionIndex}::int, ${results[0]!.questionId}, ${JSON.stringify(entries)}::jsonb)
      ON CONFLICT DO NOTHING`;
  }
  for (const r of moments) {
    await db.$executeRaw`
      INSERT INTO "TriviaAnswer" ("roundId", "questionIndex", "questionId", "userId", "playerName", "answer", "correct", "points", "elapsedMs")
      VALUES (${roundId}, ${r.questionIndex}::int, ${r.questionId}, ${r.userId}, ${r.playerName},
              ${r.answer === null ? null : JSON.stringify(r.answer)}::jsonb, ${r.correct}, ${r.points}::int, ${r.elapsedMs}::int)
      ON CONFLICT DO NOTHING`;
  }
}

type StoredResult = ResultRow & { roundId: string };

/** A JSON column as a raw query returns it (parsed, or its text). */
const json = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

/** Stored results, one per player and question, of the rounds `where` picks (SQL on the view's columns). */
async function resultRowsWhere(db: Db, where: Prisma.Sql): Promise<StoredResult[]> {
  const rows = await db.$queryRaw<StoredResult[]>`
    SELECT "roundId", "questionIndex", "questionId", "userId", "playerName", "answer", "correct", "points", "elapsedMs"
    FROM "TriviaResultRow" WHERE ${where}`;
  return rows.map((r) => ({ ...r, answer: r.answer === null ? null : (json(r.answer) as AnswerInput) }));
}

async function readResults(db: Db, roundId: string, questionIndex: number): Promise<ResultRow[]> {
  return resultRowsWhere(db, Prisma.sql`"roundId" = ${roundId} AND "questionIndex" = ${questionIndex}::int`);
}

/** The rounds' results, by round. */
async function resultsOfRounds(db: Db, roundIds: string[]): Promise<Map<string, StoredResult[]>> {
  const byRound = new Map<string, StoredResult[]>(roundIds.map((id) => [id, []]));
  if (roundIds.length === 0) return byRound;
  for (const row of await resultRowsWhere(db, Prisma.sql`"roundId" = ANY(${roundIds}::text[])`)) byRound.get(row.roundId)?.push(row);
  return byRound;
}

const readSubmissions = (db: Db, roundId: string, questionIndex: number): Promise<Submission[]> =>
  db.triviaSubmission.findMany({ where: { roundId, questionIndex }, select: { userId: true, answer: true, elapsedMs: true } });

const liveSelect = { id: true, partyId: true, phase: true, questionIndex: true, version: true, questions: true, live: true } as const;

/** The party's shown round: the running one, or the last finished one until it is cleared. */
const shownRound = (partyId: string) => ({ partyId, live: { not: Prisma.DbNull } }) as const;

type NewAnswer = Parameters<TriviaRepository["submitAnswer"]>[0];
type AnswerKey = { roundId: string; questionIndex: number; userId: string };
const answerKey = (a: AnswerKey) => `${a.roundId} ${a.questionIndex} ${a.userId}`;

/**
 * Answers that arrive while the database is busy go in one INSERT of column
 * arrays (group commit, like chat's). The statement takes a share lock on each
 * round's row and inserts only for a round still showing that question: a
 * close (which holds the row `FOR UPDATE` while it scores) waits for answers
 * being stored, and answers arriving during a close wait for it and are then
 * refused, so no stored answer is left unscored.
 */
async function storeAnswers(prisma: PrismaClient, inputs: NewAnswer[]): Promise<Array<"stored" | "duplicate" | "closed">> {
  const column = <T>(pick: (a: NewAnswer) => T) => inputs.map(pick);
  const roundIds = [...new Set(column((a) => a.roundId))];
  const stored = await prisma.$queryRaw<AnswerKey[]>`
    WITH open AS MATERIALIZED (
      SELECT "id", "questionIndex" FROM "TriviaRound"
      WHERE "id" = ANY(${roundIds}::text[]) AND "phase" = 'question' AND "endedAt" IS NULL
      FOR SHARE
    )
    INSERT INTO "TriviaSubmission" ("roundId", "questionIndex", "userId", "answer", "elapsedMs")
    SELECT a."roundId", a."questionIndex", a."userId", a."answer", a."elapsedMs"
    FROM unnest(
      ${column((a) => a.roundId)}::text[],
      ${column((a) => a.questionIndex)}::int[],
      ${column((a) => a.userId)}::text[],
      ${column((a) => JSON.stringify(a.answer))}::jsonb[],
      ${column((a) => a.elapsedMs)}::int[]
    ) AS a ("roundId", "questionIndex", "userId", "answer", "elapsedMs")
    JOIN open o ON o."id" = a."roundId" AND o."questionIndex" = a."questionIndex"
    ON CONFLICT DO NOTHING
    RETURNING "roundId", "questionIndex", "userId"`;
  const fresh = new Set(stored.map(answerKey));
  const missing = inputs.filter((a) => !fresh.has(answerKey(a)));
  // Not stored: already answered (a conflict; also a second answer in this batch), or the question has closed.
  const answered = new Set(stored.map(answerKey));
  if (missing.length > 0) {
    const rows = await prisma.$queryRaw<AnswerKey[]>`
      SELECT s."roundId", s."questionIndex", s."userId" FROM "TriviaSubmission" s
      JOIN unnest(
        ${missing.map((a) => a.roundId)}::text[],
        ${missing.map((a) => a.questionIndex)}::int[],
        ${missing.map((a) => a.userId)}::text[]
      ) AS m ("roundId", "questionIndex", "userId")
      ON s."roundId" = m."roundId" AND s."questionIndex" = m."questionIndex" AND s."userId" = m."userId"`;
    for (const row of rows) answered.add(answerKey(row));
  }
  return inputs.map((a) => {
    const key = answerKey(a);
    if (fresh.delete(key)) return "stored";
    return answered.has(key) ? "duplicate" : "closed";
  });
}

function lockedRound(tx: Prisma.TransactionClient, row: Omit<LockedRound, "load" | "submissions" | "results">): LockedRound {
  return {
    ...row,
    load: async () => (await tx.triviaRound.findUniqueOrThrow({ where: { id: row.id }, select: liveSelect })) as LiveRoundRow,
    submissions: (questionIndex) => readSubmissions(tx, row.id, questionIndex),
    results: (questionIndex) => readResults(tx, row.id, questionIndex),
  };
}

type LockedRow = { id: string; partyId: string; phase: string; questionIndex: number; version: number; deadlineMs: number | null };

export function createPrismaTriviaRepository(prisma: PrismaClient): TriviaRepository {
  return {
    // The round's row is selected from the party only while it is not cancelled. It has no
    // live state (results are stored with saveResults): the runner starts rounds with startLiveRound.
    async createRound({ partyId, deck, questionCount, secondsPerQuestion, startedById }) {
      const rows = await prisma.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "TriviaRound" ("id", "partyId", "deck", "questionCount", "secondsPerQuestion", "startedById", "phase")
        SELECT ${newId()}, p."id", ${deck}, ${questionCount}::int, ${secondsPerQuestion}::int, ${startedById}, 'lobby'
        FROM "Party" p WHERE p."id" = ${partyId} AND p."cancelledAt" IS NULL
        RETURNING "id"`;
      return rows[0] ?? null;
    },
    saveResults: (roundId, rows) => insertResults(prisma, roundId, rows),
    async endRound(roundId, endedAt) {
      await prisma.triviaRound.update({ where: { id: roundId }, data: { endedAt } });
    },
    async startLiveRound({ id, partyId, deck, questionCount, secondsPerQuestion, startedById, round, questions, moment }) {
      return prisma.$transaction(async (tx) => {
        // The last finished round leaves the room's view.
        await tx.triviaRound.updateMany({ where: { ...shownRound(partyId), endedAt: { not: null } }, data: { live: Prisma.DbNull } });
        // The partial unique index on running rounds is the arbiter: a second start inserts nothing.
        const inserted = await tx.$queryRaw<Array<{ id: string }>>`
          INSERT INTO "TriviaRound" ("id", "partyId", "deck", "questionCount", "secondsPerQuestion", "startedById",
                                     "phase", "questionIndex", "version", "deadlineMs", "questions", "live", "episode", "positionMs")
          SELECT ${id}, p."id", ${deck}, ${questionCount}::int, ${secondsPerQuestion}::int, ${startedById},
                 ${round.phase}, ${round.questionIndex}::int, 0, ${round.deadlineMs}::float8,
                 ${JSON.stringify(questions)}::jsonb, ${JSON.stringify(round.live)}::jsonb,
                 ${moment?.episode ?? null}::int, ${moment === null || moment === undefined ? null : Math.round(moment.positionMs)}::int
          FROM "Party" p WHERE p."id" = ${partyId} AND p."cancelledAt" IS NULL
          ON CONFLICT ("partyId") WHERE "endedAt" IS NULL DO NOTHING
          RETURNING "id"`;
        if (inserted.length > 0) return "started" as const;
        const party = await tx.party.findUnique({ where: { id: partyId }, select: { cancelledAt: true } });
        return party && party.cancelledAt === null ? ("running" as const) : ("cancelled" as const);
      });
    },
    async transition(target, step) {
      return prisma.$transaction(
        async (tx) => {
          const rows =
            "partyId" in target
              ? await tx.$queryRaw<LockedRow[]>`
                  SELECT "id", "partyId", "phase", "questionIndex", "version", "deadlineMs" FROM "TriviaRound"
                  WHERE "partyId" = ${target.partyId} AND "live" IS NOT NULL
                  ORDER BY "startedAt" DESC LIMIT 1
                  FOR UPDATE`
              : // A round another process is moving on right now is skipped, not waited for.
                await tx.$queryRaw<LockedRow[]>`
                  SELECT "id", "partyId", "phase", "questionIndex", "version", "deadlineMs" FROM "TriviaRound"
                  WHERE "endedAt" IS NULL AND "deadlineMs" IS NOT NULL AND "deadlineMs" < ${target.overdueBefore}::float8
                  ORDER BY "deadlineMs" LIMIT 1
                  FOR UPDATE SKIP LOCKED`;
          const row = rows[0];
          const { write, value } = await step(row ? lockedRound(tx, row) : null);
          if (!row || !write) return { value, version: null };
          const { round, results, endedAt } = write;
          if (results) await insertResults(tx, row.id, results);
          const version = row.version + 1;
          // Raw: the live JSON (players of a 1,000-player round, ~100 kB) goes in as one text parameter.
          await tx.$executeRaw`
            UPDATE "TriviaRound" SET
              "phase" = ${round.phase}, "questionIndex" = ${round.questionIndex}::int, "version" = ${version}::int,
              "deadlineMs" = ${endedAt ? null : round.deadlineMs}::float8,
              "live" = ${round.live === null ? null : JSON.stringify(round.live)}::jsonb,
              "endedAt" = COALESCE(to_timestamp(${endedAt ? endedAt.getTime() / 1000 : null}::float8) AT TIME ZONE 'UTC', "endedAt")
            WHERE "id" = ${row.id}`;
          return { value, version };
        },
        // Answers arriving at once may keep the pool busy: wait for a connection rather than fail.
        { maxWait: 10_000, timeout: 15_000 },
      );
    },
    async findLiveRound(partyId) {
      const row = await prisma.triviaRound.findFirst({ where: shownRound(partyId), orderBy: { startedAt: "desc" }, select: liveSelect });
      return row as (LiveRoundRow & { version: number }) | null;
    },
    liveVersion: (partyId) => prisma.triviaRound.findFirst({ where: shownRound(partyId), orderBy: { startedAt: "desc" }, select: { id: true, version: true } }),
    questionResults: (roundId, questionIndex) => readResults(prisma, roundId, questionIndex),
    submitAnswer: groupCommit((batch: NewAnswer[]) => storeAnswers(prisma, batch)),
    async countSubmissions(roundId, questionIndex, among) {
      const [row] = await prisma.$queryRaw<Array<{ total: bigint | number; among: bigint | number }>>`
        SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE "userId" = ANY(${among}::text[])) AS among
        FROM "TriviaSubmission" WHERE "roundId" = ${roundId} AND "questionIndex" = ${questionIndex}::int`;
      return { total: Number(row?.total ?? 0), among: Number(row?.among ?? 0) };
    },
    findSubmission: (roundId, questionIndex, userId) =>
      prisma.triviaSubmission.findUnique({
        where: { roundId_questionIndex_userId: { roundId, questionIndex, userId } },
        select: { userId: true, answer: true, elapsedMs: true },
      }),
    async recordMomentShown({ roundId, pinId, userId, shownAtMs }) {
      // First report wins: a second one (another tab, the panel and the room) keeps the first instant.
      const [row] = await prisma.$queryRaw<Array<{ shownAtMs: number }>>`
        WITH inserted AS (
          INSERT INTO "TriviaMomentShown" ("roundId", "pinId", "userId", "shownAtMs")
          VALUES (${roundId}, ${pinId}, ${userId}, ${shownAtMs}::float8)
          ON CONFLICT DO NOTHING
          RETURNING "shownAtMs"
        )
        SELECT "shownAtMs" FROM inserted
        UNION ALL
        SELECT "shownAtMs" FROM "TriviaMomentShown" WHERE "roundId" = ${roundId} AND "pinId" = ${pinId} AND "userId" = ${userId}
        LIMIT 1`;
      if (row) return Number(row.shownAtMs);
      // A report from another connection was being stored at the same instant: its instant counts.
      const stored = await prisma.triviaMomentShown.findUniqueOrThrow({ where: { roundId_pinId_userId: { roundId, pinId, userId } }, select: { shownAtMs: true } });
      return stored.shownAtMs;
    },
    async momentShownAt(roundId, pinId, userId) {
      const row = await prisma.triviaMomentShown.findUnique({ where: { roundId_pinId_userId: { roundId, pinId, userId } }, select: { shownAtMs: true } });
      return row?.shownAtMs ?? null;
    },
    async rounds(partyId) {
      const rounds = await prisma.triviaRound.findMany({ where: { partyId }, orderBy: { startedAt: "desc" } });
      const results = await resultsOfRounds(prisma, rounds.map((r) => r.id));
      return rounds.map((round) => ({
        id: round.id,
        deck: round.deck as DeckName,
        questionCount: round.questionCount,
        secondsPerQuestion: round.secondsPerQuestion,
        startedAt: round.startedAt,
        endedAt: round.endedAt,
        leaderboard: totals(results.get(round.id)!),
      }));
    },
    async replayRounds(partyId, limit) {
      const rounds = await prisma.triviaRound.findMany({
        where: { partyId },
        orderBy: { startedAt: "asc" },
        take: limit,
        select: {
          id: true,
          startedAt: true,
          episode: true,
          positionMs: true,
          questions: true,
        },
      });
      const results = await resultsOfRounds(prisma, rounds.map((r) => r.id));
      return rounds.map((r) => ({
        id: r.id,
        startedAt: r.startedAt,
        moment: r.episode === null || r.positionMs === null ? null : { episode: r.episode, positionMs: r.positionMs },
        questions: r.questions,
        results: results.get(r.id)!.map(({ questionIndex, userId, playerName, answer, correct, points }) => ({ questionIndex, userId, playerName, answer, correct, points })),
      }));
    },
    async partyLeaderboard(partyId) {
      return totals(await resultRowsWhere(prisma, Prisma.sql`"roundId" IN (SELECT "id" FROM "TriviaRound" WHERE "partyId" = ${partyId})`));
    },
    async findDeck(partyId) {
      const row = await prisma.triviaDeck.findUnique({ where: { partyId } });
      if (!row) return null;
      return { title: row.title, questions: questionSchema.array().parse(row.questions), updatedAt: row.updatedAt };
    },
    async saveDeck(partyId, deck) {
      const data = { title: deck.title, questions: deck.questions };
      const row = await prisma.triviaDeck.upsert({ where: { partyId }, create: { partyId, ...data }, update: data });
      return { title: row.title, questions: deck.questions, updatedAt: row.updatedAt };
    },
  };
}
