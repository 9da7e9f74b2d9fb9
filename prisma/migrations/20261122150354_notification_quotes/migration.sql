-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "messageId" UUID;

-- CreateIndex
CREATE INDEX "Notification_messageId_idx" ON "Notification"("messageId");
