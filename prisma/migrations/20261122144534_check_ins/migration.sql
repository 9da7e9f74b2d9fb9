-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('ONLY_ME', 'FRIENDS', 'EVERYONE');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('FRIEND_REQUEST', 'FRIEND_ACCEPTED', 'NEW_MESSAGE', 'BROADCAST', 'CHECK_IN');

-- CreateEnum
CREATE TYPE "NotificationSubject" AS ENUM ('USER', 'CONVERSATION', 'PROMPT', 'BROADCAST');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "activityVisibility" "Visibility" NOT NULL DEFAULT 'FRIENDS',
ADD COLUMN     "checkInEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "checkInIntervalMinutes" INTEGER NOT NULL DEFAULT 120,
ADD COLUMN     "checkInWindowEnd" INTEGER NOT NULL DEFAULT 1320,
ADD COLUMN     "checkInWindowStart" INTEGER NOT NULL DEFAULT 540;

-- CreateTable
CREATE TABLE "Question" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "intervalMinutes" INTEGER,
    "nextDueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInPrompt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "CheckInPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "authorId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "promptId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "text" TEXT NOT NULL,
    "subjectType" "NotificationSubject",
    "subjectId" UUID,
    "actorId" UUID,
    "count" INTEGER NOT NULL DEFAULT 1,
    "unreadKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Question_active_nextDueAt_idx" ON "Question"("active", "nextDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Question_userId_name_key" ON "Question"("userId", "name");

-- CreateIndex
CREATE INDEX "CheckInPrompt_userId_dueAt_idx" ON "CheckInPrompt"("userId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInPrompt_questionId_dueAt_key" ON "CheckInPrompt"("questionId", "dueAt");

-- CreateIndex
CREATE INDEX "Activity_authorId_createdAt_id_idx" ON "Activity"("authorId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Activity_createdAt_idx" ON "Activity"("createdAt");

-- CreateIndex
CREATE INDEX "Activity_promptId_idx" ON "Activity"("promptId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_unreadKey_key" ON "Notification"("unreadKey");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInPrompt" ADD CONSTRAINT "CheckInPrompt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInPrompt" ADD CONSTRAINT "CheckInPrompt_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "CheckInPrompt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Ranges the API validates, kept by the database too.
ALTER TABLE "User" ADD CONSTRAINT "User_checkInWindow_range" CHECK ("checkInWindowStart" BETWEEN 0 AND 1439 AND "checkInWindowEnd" BETWEEN 0 AND 1439);
ALTER TABLE "User" ADD CONSTRAINT "User_checkInInterval_range" CHECK ("checkInIntervalMinutes" BETWEEN 30 AND 1440);
ALTER TABLE "Question" ADD CONSTRAINT "Question_interval_range" CHECK ("intervalMinutes" IS NULL OR "intervalMinutes" BETWEEN 30 AND 1440);

-- Accounts made before check-ins existed get their default question (as src/domain/questions.ts
-- gives new accounts); it comes due on the first tick inside their window.
INSERT INTO "Question" ("userId", "name", "text", "isDefault")
SELECT id, 'default',
       CASE locale WHEN 'RU' THEN 'Чем вы сейчас заняты?' WHEN 'ES' THEN '¿Qué estás haciendo?' ELSE 'What are you doing?' END,
       true
FROM "User";
