-- CreateEnum
CREATE TYPE "ReplayVisibility" AS ENUM ('MEMBERS', 'ANYONE');

-- AlterTable
ALTER TABLE "Party" ADD COLUMN     "replayVisibility" "ReplayVisibility" NOT NULL DEFAULT 'MEMBERS';


