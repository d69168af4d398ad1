-- CreateTable
CREATE TABLE "TriviaRound" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "deck" TEXT NOT NULL,
    "questionCount" INTEGER NOT NULL,
    "secondsPerQuestion" INTEGER NOT NULL,
    "startedById" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "TriviaRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TriviaAnswer" (
    "roundId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "playerName" TEXT NOT NULL,
    "answer" JSONB,
    "correct" BOOLEAN NOT NULL,
    "points" INTEGER NOT NULL,
    "elapsedMs" INTEGER,

    CONSTRAINT "TriviaAnswer_pkey" PRIMARY KEY ("roundId","questionIndex","userId")
);

-- CreateTable
CREATE TABLE "TriviaDeck" (
    "partyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TriviaDeck_pkey" PRIMARY KEY ("partyId")
);

-- CreateIndex
CREATE INDEX "TriviaRound_partyId_startedAt_idx" ON "TriviaRound"("partyId", "startedAt");

-- AddForeignKey
ALTER TABLE "TriviaRound" ADD CONSTRAINT "TriviaRound_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriviaAnswer" ADD CONSTRAINT "TriviaAnswer_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TriviaRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriviaDeck" ADD CONSTRAINT "TriviaDeck_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;


