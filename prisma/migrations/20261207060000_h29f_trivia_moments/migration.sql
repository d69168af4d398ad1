-- CreateTable
CREATE TABLE "TriviaMomentShown" (
    "roundId" TEXT NOT NULL,
    "pinId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "shownAtMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TriviaMomentShown_pkey" PRIMARY KEY ("roundId","pinId","userId")
);

-- AddForeignKey
ALTER TABLE "TriviaMomentShown" ADD CONSTRAINT "TriviaMomentShown_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TriviaRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
