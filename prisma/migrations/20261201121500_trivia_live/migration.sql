-- The live state of a trivia round moves from one process's memory into its
-- row, so that any process can move it on (docs/architecture.md, "Who runs a
-- trivia round"). Written by hand around `prisma migrate diff`: the partial
-- indexes at the end are not expressible in schema.prisma.

-- Rounds left without an end by a restart under the in-memory runner can never
-- continue (their state is gone): they end now, their stored results kept.
UPDATE "TriviaRound" SET "endedAt" = CURRENT_TIMESTAMP WHERE "endedAt" IS NULL;

-- AlterTable (earlier rounds count as finished: "podium", nothing live)
ALTER TABLE "TriviaRound" ADD COLUMN     "deadlineMs" DOUBLE PRECISION,
ADD COLUMN     "live" JSONB,
ADD COLUMN     "phase" TEXT NOT NULL DEFAULT 'podium',
ADD COLUMN     "questionIndex" INTEGER NOT NULL DEFAULT -1,
ADD COLUMN     "questions" JSONB,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "TriviaRound" ALTER COLUMN "phase" DROP DEFAULT;

-- CreateTable
CREATE TABLE "TriviaSubmission" (
    "roundId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "elapsedMs" INTEGER NOT NULL,

    CONSTRAINT "TriviaSubmission_pkey" PRIMARY KEY ("roundId","questionIndex","userId")
);

-- AddForeignKey
ALTER TABLE "TriviaSubmission" ADD CONSTRAINT "TriviaSubmission_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TriviaRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One running round per party, whichever process starts it: a second start is a unique violation.
CREATE UNIQUE INDEX "TriviaRound_running_partyId_key" ON "TriviaRound"("partyId") WHERE "endedAt" IS NULL;

-- The sweep's query: running rounds whose next deadline has passed.
CREATE INDEX "TriviaRound_running_deadlineMs_idx" ON "TriviaRound"("deadlineMs") WHERE "endedAt" IS NULL AND "deadlineMs" IS NOT NULL;
