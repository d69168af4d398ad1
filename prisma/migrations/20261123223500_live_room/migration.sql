-- CreateEnum
CREATE TYPE "ControlMode" AS ENUM ('HOSTS', 'EVERYONE');

-- CreateEnum
CREATE TYPE "Sanction" AS ENUM ('MUTED', 'REMOVED');

-- CreateTable
CREATE TABLE "PartyClock" (
    "partyId" TEXT NOT NULL,
    "episode" INTEGER NOT NULL,
    "playing" BOOLEAN NOT NULL,
    "positionMs" DOUBLE PRECISION NOT NULL,
    "atServerMs" DOUBLE PRECISION NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL,
    "controlMode" "ControlMode" NOT NULL DEFAULT 'HOSTS',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartyClock_pkey" PRIMARY KEY ("partyId")
);

-- CreateTable
CREATE TABLE "ChatMessage" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "episode" INTEGER NOT NULL,
    "positionMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ChatMessage_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "ChatReaction" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "messageId" TEXT,
    "userId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "episode" INTEGER NOT NULL,
    "positionMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatReaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartySanction" (
    "partyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "Sanction" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartySanction_pkey" PRIMARY KEY ("partyId","userId","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChatMessage_id_key" ON "ChatMessage"("id");

-- CreateIndex
CREATE INDEX "ChatMessage_partyId_seq_idx" ON "ChatMessage"("partyId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ChatMessage_partyId_senderId_clientId_key" ON "ChatMessage"("partyId", "senderId", "clientId");

-- CreateIndex
CREATE INDEX "ChatReaction_partyId_episode_idx" ON "ChatReaction"("partyId", "episode");

-- AddForeignKey
ALTER TABLE "PartyClock" ADD CONSTRAINT "PartyClock_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatReaction" ADD CONSTRAINT "ChatReaction_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChatMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartySanction" ADD CONSTRAINT "PartySanction_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;


