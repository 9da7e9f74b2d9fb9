-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "telegramId" TEXT;
