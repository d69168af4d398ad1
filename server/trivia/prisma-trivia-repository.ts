import type { PrismaClient } from "../db/generated/client";
import { questionSchema } from "./question";
import { rankEntries, type DeckName, type LeaderboardEntry, type TriviaRepository } from "./trivia";

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
  return rankEntries([...byUser.values()]);
}

const resultSelect = { userId: true, playerName: true, points: true, correct: true, answer: true } as const;

export function createPrismaTriviaRepository(prisma: PrismaClient): TriviaRepository {
  return {
    async createRound(input) {
      return prisma.triviaRound.create({ data: input, select: { id: true } });
    },
    async saveResults(roundId, rows) {
      await prisma.triviaAnswer.createMany({
        data: rows.map((row) => ({ ...row, roundId, answer: row.answer ?? undefined })),
        skipDuplicates: true,
      });
    },
    async endRound(roundId, endedAt) {
      await prisma.triviaRound.update({ where: { id: roundId }, data: { endedAt } });
    },
    async rounds(partyId) {
      const rounds = await prisma.triviaRound.findMany({
        where: { partyId },
        orderBy: { startedAt: "desc" },
        include: { answers: { select: resultSelect } },
      });
      return rounds.map((round) => ({
        id: round.id,
        deck: round.deck as DeckName,
        questionCount: round.questionCount,
        secondsPerQuestion: round.secondsPerQuestion,
        startedAt: round.startedAt,
        endedAt: round.endedAt,
        leaderboard: totals(round.answers),
      }));
    },
    async partyLeaderboard(partyId) {
      return totals(await prisma.triviaAnswer.findMany({ where: { round: { partyId } }, select: resultSelect }));
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
