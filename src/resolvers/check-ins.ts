import { z } from 'zod';
import { builder } from '../builder.ts';
import { formatLocalTime } from '../domain/check-in-schedule.ts';
import { updateCheckInSettings, upsertQuestion } from '../domain/check-in-settings.ts';
import { Visibility as VisibilityValues, type User as UserRow } from '../generated/prisma/client.ts';
import { parseInput } from '../validation.ts';
import { globalIdSchema } from './global-ids.ts';
import { registerSubject } from './subjects.ts';
import { ViewerType } from './users.ts';

export const Visibility = builder.enumType(VisibilityValues, { name: 'Visibility', description: 'Who may read your activities.' });

type SettingsShape = Pick<UserRow, 'checkInEnabled' | 'checkInWindowStart' | 'checkInWindowEnd' | 'checkInIntervalMinutes' | 'activityVisibility'>;

const CheckInSettings = builder.objectRef<SettingsShape>('CheckInSettings').implement({
  description: 'When check-ins come, in your own time zone (User.timezone), and who sees your answers.',
  fields: (t) => ({
    enabled: t.exposeBoolean('checkInEnabled'),
    windowStart: t.string({ description: '"HH:MM" local time.', resolve: (settings) => formatLocalTime(settings.checkInWindowStart) }),
    windowEnd: t.string({
      description: '"HH:MM" local time; before windowStart the window crosses midnight; equal to it, the window is the whole day.',
      resolve: (settings) => formatLocalTime(settings.checkInWindowEnd),
    }),
    intervalMinutes: t.exposeInt('checkInIntervalMinutes', { description: 'Between two prompts of a question, 30–1440.' }),
    visibility: t.expose('activityVisibility', { type: Visibility }),
  }),
});

export const Question = builder.prismaNode('Question', {
  id: { field: 'id' },
  nullable: true,
  authScopes: (question, context) => question.userId === context.viewer?.user.id,
  fields: (t) => ({
    name: t.exposeString('name'),
    text: t.exposeString('text', { description: 'What the prompt asks.' }),
    isDefault: t.exposeBoolean('isDefault', { description: 'The question every account has; it cannot be deactivated.' }),
    active: t.exposeBoolean('active'),
    intervalMinutes: t.exposeInt('intervalMinutes', { nullable: true, description: 'Its own interval; null follows your settings.' }),
    nextDueAt: t.expose('nextDueAt', { type: 'DateTime', description: 'When it will next be asked (if still active and inside your window).' }),
  }),
});

export const CheckInPrompt = builder.prismaNode('CheckInPrompt', {
  id: { field: 'id' },
  nullable: true,
  authScopes: (prompt, context) => prompt.userId === context.viewer?.user.id || context.serviceGrants.has(prompt.id),
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The question as it was asked.' }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: 'When the first activity answered it.' }),
    question: t.field({
      type: Question,
      resolve: async (prompt, _args, context) => (await context.loaders.questionById.load(prompt.questionId))!,
    }),
  }),
});

registerSubject('PROMPT', CheckInPrompt, (context, id) => context.loaders.promptById.load(id));

/** How long an unanswered prompt stays the one a plain answer goes to. */
const currentPromptHours = 24;

builder.objectFields(ViewerType, (t) => ({
  settings: t.field({
    type: CheckInSettings,
    resolve: async ({ userId }, _args, context) => (await context.loaders.userById.load(userId))!,
  }),
  questions: t.prismaField({
    type: ['Question'],
    description: 'The default question first, then yours in the order you made them.',
    resolve: (query, { userId }, _args, context) =>
      context.prisma.question.findMany({ ...query, where: { userId }, orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }] }),
  }),
  currentPrompt: t.prismaField({
    type: 'CheckInPrompt',
    nullable: true,
    description: `Your newest unanswered prompt of the last ${currentPromptHours} hours: what a plain answer answers.`,
    resolve: (query, { userId }, _args, context) =>
      context.prisma.checkInPrompt.findFirst({
        ...query,
        where: { userId, answeredAt: null, dueAt: { gte: new Date(context.services.now().getTime() - currentPromptHours * 3_600_000) } },
        orderBy: [{ dueAt: 'desc' }, { id: 'desc' }],
      }),
  }),
}));

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected local time as "HH:MM", 00:00–23:59')
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));
const interval = z.number().int('must be a whole number of minutes').min(30, 'at least 30 minutes').max(1440, 'at most 1440 minutes (a day)');

const CheckInSettingsInput = builder.inputType('CheckInSettingsInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    enabled: t.boolean(),
    windowStart: t.string({ description: '"HH:MM" local time.' }),
    windowEnd: t.string({ description: '"HH:MM" local time; before windowStart crosses midnight; equal is all day.' }),
    intervalMinutes: t.int({ description: '30–1440.' }),
    visibility: t.field({ type: Visibility }),
  }),
});
const settingsSchema = z.object({
  enabled: z.boolean().nullish(),
  windowStart: localTime.nullish(),
  windowEnd: localTime.nullish(),
  intervalMinutes: interval.nullish(),
  visibility: z.enum(['ONLY_ME', 'FRIENDS', 'EVERYONE']).nullish(),
});

const QuestionInput = builder.inputType('QuestionInput', {
  description: 'Without id: a new question. With id: changes that question.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: true, description: '1–100 characters, unique among your questions.' }),
    text: t.string({ required: true, description: '1–500 characters.' }),
    active: t.boolean({ description: 'Default true for a new question.' }),
    intervalMinutes: t.int({ description: '30–1440; null follows your settings; omitted leaves it as it is.' }),
  }),
});
const questionSchema = z.object({
  id: globalIdSchema('Question').nullish(),
  name: z.string().trim().min(1, 'a name cannot be empty').max(100, 'a name is at most 100 characters'),
  text: z.string().trim().min(1, 'a question cannot be empty').max(500, 'a question is at most 500 characters'),
  active: z.boolean().nullish(),
  intervalMinutes: interval.nullish(),
});

builder.mutationFields((t) => ({
  updateCheckInSettings: t.field({
    type: CheckInSettings,
    description: 'Changes the fields given; your questions move to their next due time under the new settings.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: CheckInSettingsInput, required: true }) },
    resolve: (_root, { input }, context) => {
      const change = parseInput(settingsSchema, input);
      return updateCheckInSettings(
        context.prisma,
        context.viewer!.user.id,
        {
          enabled: change.enabled ?? undefined,
          windowStart: change.windowStart ?? undefined,
          windowEnd: change.windowEnd ?? undefined,
          intervalMinutes: change.intervalMinutes ?? undefined,
          visibility: change.visibility ?? undefined,
        },
        context.services.now(),
      );
    },
  }),
  upsertQuestion: t.prismaField({
    type: 'Question',
    description: 'Creates or changes a question. At most 4 custom questions are active beside the default one.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: QuestionInput, required: true }) },
    resolve: (_query, _root, { input }, context) => {
      const change = parseInput(questionSchema, input);
      return upsertQuestion(
        context.prisma,
        context.viewer!.user.id,
        {
          id: change.id ?? undefined,
          name: change.name,
          text: change.text,
          active: change.active ?? undefined,
          // Absent leaves it; an explicit null returns it to the settings' interval.
          intervalMinutes: input.intervalMinutes === undefined ? undefined : change.intervalMinutes ?? null,
        },
        context.services.now(),
      );
    },
  }),
}));
