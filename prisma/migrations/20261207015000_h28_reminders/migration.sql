-- CreateTable
CREATE TABLE "ReminderSubscription" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "timeZone" TEXT NOT NULL,
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sitting" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSubscription_unsubscribeToken_key" ON "ReminderSubscription"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "ReminderSubscription_email_idx" ON "ReminderSubscription"("email");

-- CreateIndex
CREATE INDEX "ReminderSubscription_userId_idx" ON "ReminderSubscription"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSubscription_partyId_userId_key" ON "ReminderSubscription"("partyId", "userId");

-- CreateIndex
CREATE INDEX "ReminderDelivery_status_nextAttemptAt_idx" ON "ReminderDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_subscriptionId_kind_sitting_key" ON "ReminderDelivery"("subscriptionId", "kind", "sitting");

-- AddForeignKey
ALTER TABLE "ReminderSubscription" ADD CONSTRAINT "ReminderSubscription_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSubscription" ADD CONSTRAINT "ReminderSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "ReminderSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;


