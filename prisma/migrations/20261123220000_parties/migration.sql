-- CreateEnum
CREATE TYPE "EpisodePlan" AS ENUM ('SINGLE', 'BINGE', 'WEEKLY');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('PUBLIC', 'UNLISTED');

-- CreateEnum
CREATE TYPE "RsvpStatus" AS ENUM ('GOING', 'MAYBE', 'NOT_GOING', 'WAITLISTED');

-- CreateTable
CREATE TABLE "Party" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "hostId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "episodePlan" "EpisodePlan" NOT NULL,
    "episodeFrom" INTEGER NOT NULL,
    "episodeTo" INTEGER NOT NULL,
    "episodeMinutes" INTEGER NOT NULL,
    "capacity" INTEGER,
    "visibility" "Visibility" NOT NULL,
    "inviteToken" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartyCohost" (
    "partyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "PartyCohost_pkey" PRIMARY KEY ("partyId","userId")
);

-- CreateTable
CREATE TABLE "Rsvp" (
    "partyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "RsvpStatus" NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rsvp_pkey" PRIMARY KEY ("partyId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Party_inviteToken_key" ON "Party"("inviteToken");

-- CreateIndex
CREATE INDEX "Party_visibility_endsAt_idx" ON "Party"("visibility", "endsAt");

-- CreateIndex
CREATE INDEX "Party_hostId_idx" ON "Party"("hostId");

-- CreateIndex
CREATE INDEX "PartyCohost_userId_idx" ON "PartyCohost"("userId");

-- CreateIndex
CREATE INDEX "Rsvp_userId_idx" ON "Rsvp"("userId");

-- CreateIndex
CREATE INDEX "Rsvp_partyId_status_askedAt_idx" ON "Rsvp"("partyId", "status", "askedAt");

-- AddForeignKey
ALTER TABLE "Party" ADD CONSTRAINT "Party_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartyCohost" ADD CONSTRAINT "PartyCohost_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartyCohost" ADD CONSTRAINT "PartyCohost_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


