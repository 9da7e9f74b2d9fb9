-- AlterTable
ALTER TABLE "User" ADD COLUMN     "telegramNotifications" BOOLEAN NOT NULL DEFAULT true;
