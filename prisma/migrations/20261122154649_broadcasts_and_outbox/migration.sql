-- CreateEnum
CREATE TYPE "BroadcastState" AS ENUM ('DRAFT', 'SENDING', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('IN_APP', 'TELEGRAM');

-- CreateEnum
CREATE TYPE "DeliveryKind" AS ENUM ('BROADCAST', 'MESSAGE', 'FRIEND_REQUEST', 'FRIEND_ACCEPTED', 'CHECK_IN');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'BLOCKED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "NotificationSubject" ADD VALUE 'MESSAGE';

-- AlterTable
ALTER TABLE "Notification" ALTER COLUMN "text" DROP NOT NULL;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "telegramBlockedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "createdById" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "state" "BroadcastState" NOT NULL DEFAULT 'SENDING',
    "recipientCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "position" BIGSERIAL NOT NULL,
    "kind" "DeliveryKind" NOT NULL,
    "channel" "Channel" NOT NULL,
    "userId" UUID NOT NULL,
    "chatId" TEXT,
    "broadcastId" UUID,
    "text" TEXT,
    "subjectType" "NotificationSubject",
    "subjectId" UUID,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claims" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "externalId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Broadcast_createdAt_id_idx" ON "Broadcast"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Delivery_channel_status_position_idx" ON "Delivery"("channel", "status", "position");

-- CreateIndex
CREATE INDEX "Delivery_chatId_status_position_idx" ON "Delivery"("chatId", "status", "position");

-- CreateIndex
CREATE INDEX "Delivery_broadcastId_status_idx" ON "Delivery"("broadcastId", "status");

-- CreateIndex
CREATE INDEX "Delivery_chatId_externalId_idx" ON "Delivery"("chatId", "externalId");

-- CreateIndex
CREATE INDEX "Delivery_userId_idx" ON "Delivery"("userId");

-- CreateIndex
CREATE INDEX "Delivery_subjectId_idx" ON "Delivery"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_position_key" ON "Delivery"("position");

-- CreateIndex
CREATE INDEX "Notification_subjectId_userId_idx" ON "Notification"("subjectId", "userId");

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A Telegram delivery always knows its chat.
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_telegram_chat" CHECK ("channel" <> 'TELEGRAM' OR "chatId" IS NOT NULL);
