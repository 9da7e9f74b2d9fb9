import type { Locale, PrismaClient, Question, User, Visibility } from '../generated/prisma/client.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { rescheduleFrom, type Schedule } from './check-in-schedule.ts';
import type { Transaction } from './transaction.ts';

/** The default question plus this many active custom ones. */
export const maxActiveCustomQuestions = 4;

type SettingsRow = Pick<User, 'timezone' | 'checkInWindowStart' | 'checkInWindowEnd' | 'checkInIntervalMinutes'>;

/** A new account's settings: the column defaults in schema.prisma. */
const defaultSettings: SettingsRow = { timezone: 'UTC', checkInWindowStart: 540, checkInWindowEnd: 1320, checkInIntervalMinutes: 120 };

const defaultQuestionTexts: Record<Locale, string> = {
  EN: 'What are you doing?',
  RU: 'Чем вы сейчас заняты?',
  ES: '¿Qué estás haciendo?',
};

/**
 * The question every account starts with, in its language, first due one interval after the
 * account was made. The migration that introduced questions gave existing accounts the same one.
 */
export function defaultQuestion(locale: Locale, timezone: string, now: Date): Pick<Question, 'name' | 'text' | 'isDefault' | 'nextDueAt' | 'createdAt'> {
  const schedule = scheduleOf({ ...defaultSettings, timezone }, null);
  return { name: 'default', text: defaultQuestionTexts[locale], isDefault: true, nextDueAt: rescheduleFrom(now, now, schedule), createdAt: now };
}

/** A question's schedule: the user's window and zone, and its own interval or the user's. */
export function scheduleOf(user: SettingsRow, questionInterval: number | null): Schedule {
  return {
    timeZone: user.timezone,
    window: { start: user.checkInWindowStart, end: user.checkInWindowEnd },
    intervalMinutes: questionInterval ?? user.checkInIntervalMinutes,
  };
}

export interface SettingsChange {
  enabled?: boolean;
  windowStart?: number;
  windowEnd?: number;
  intervalMinutes?: number;
  visibility?: Visibility;
}

/**
 * Locks the user's row: settings and question changes of one user take turns. NO KEY UPDATE,
 * since the key never changes: rows that merely refer to the user (a prompt the ticker writes
 * while it holds the questions this then waits for) must not wait for it, or the two deadlock.
 */
async function lockUser(tx: Transaction, userId: string): Promise<User> {
  const [user] = await tx.$queryRaw<User[]>`SELECT * FROM "User" WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
  if (!user) throw notFound('The user');
  return user;
}

/**
 * Moves the user's active questions to their next due time under the current settings. Their
 * rows are locked first, so a ticker holding one finishes its prompt before this reads the
 * time it was last asked.
 */
async function rescheduleQuestions(tx: Transaction, user: User, now: Date, onlyId?: string): Promise<void> {
  const questions = await tx.$queryRaw<(Pick<Question, 'id' | 'intervalMinutes' | 'createdAt'> & { lastDueAt: Date | null })[]>`
    SELECT q.id, q."intervalMinutes", q."createdAt",
           (SELECT max(p."dueAt") FROM "CheckInPrompt" p WHERE p."questionId" = q.id) AS "lastDueAt"
    FROM "Question" q
    WHERE q."userId" = ${user.id}::uuid AND q.active AND (${onlyId ?? null}::uuid IS NULL OR q.id = ${onlyId ?? null}::uuid)
    FOR UPDATE OF q`;
  for (const question of questions) {
    const nextDueAt = rescheduleFrom(question.lastDueAt ?? question.createdAt, now, scheduleOf(user, question.intervalMinutes));
    await tx.question.update({ where: { id: question.id }, data: { nextDueAt } });
  }
}

export async function updateCheckInSettings(prisma: PrismaClient, userId: string, change: SettingsChange, now: Date): Promise<User> {
  return prisma.$transaction(async (tx) => {
    await lockUser(tx, userId);
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        checkInEnabled: change.enabled,
        checkInWindowStart: change.windowStart,
        checkInWindowEnd: change.windowEnd,
        checkInIntervalMinutes: change.intervalMinutes,
        activityVisibility: change.visibility,
      },
    });
    await rescheduleQuestions(tx, user, now);
    return user;
  });
}

export interface ProfileChange {
  displayName?: string;
  locale?: Locale;
  timezone?: string;
  telegramNotifications?: boolean;
}

/** Changes a profile; a new time zone moves the user's check-ins with them, in the same transaction. */
export async function updateProfile(prisma: PrismaClient, userId: string, change: ProfileChange, now: Date): Promise<User> {
  return prisma.$transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    const user = await tx.user.update({ where: { id: userId }, data: change });
    if (user.timezone !== before.timezone) await rescheduleQuestions(tx, user, now);
    return user;
  });
}

export interface QuestionChange {
  /** Absent: a new question. */
  id?: string;
  name: string;
  text: string;
  /** Absent: active for a new question, unchanged for an existing one. */
  active?: boolean;
  /** null: follow the user's interval. Absent: unchanged (null for a new question). */
  intervalMinutes?: number | null;
}

/**
 * Creates or changes one of the user's questions. The default question stays active; at most
 * four custom questions are active at once (BAD_USER_INPUT beyond); names are unique per user
 * (CONFLICT).
 */
export async function upsertQuestion(prisma: PrismaClient, userId: string, change: QuestionChange, now: Date): Promise<Question> {
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await lockUser(tx, userId);
      const existing = change.id ? await tx.question.findFirst({ where: { id: change.id, userId } }) : null;
      if (change.id && !existing) throw notFound('The question');
      if (existing?.isDefault && change.active === false) throw badInput('input.active', 'the default question cannot be deactivated');

      const active = change.active ?? existing?.active ?? true;
      const activatesCustom = active && !existing?.isDefault && !existing?.active;
      if (activatesCustom) {
        const activeCustom = await tx.question.count({ where: { userId, active: true, isDefault: false } });
        if (activeCustom >= maxActiveCustomQuestions) {
          throw badInput('input.active', `at most ${maxActiveCustomQuestions} custom questions can be active besides the default one; deactivate one first`);
        }
      }
      const fields = { name: change.name, text: change.text, active, intervalMinutes: change.intervalMinutes };
      const question = existing
        ? await tx.question.update({ where: { id: existing.id }, data: fields })
        : await tx.question.create({ data: { ...fields, userId, createdAt: now } });
      if (question.active) await rescheduleQuestions(tx, user, now, question.id);
      return tx.question.findUniqueOrThrow({ where: { id: question.id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`You already have a question named "${change.name}".`);
    throw error;
  }
}
