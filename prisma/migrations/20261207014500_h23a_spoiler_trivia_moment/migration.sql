-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "spoiler" BOOLEAN NOT NULL DEFAULT false;


-- AlterTable
ALTER TABLE "TriviaRound" ADD COLUMN     "episode" INTEGER,
ADD COLUMN     "positionMs" INTEGER;


