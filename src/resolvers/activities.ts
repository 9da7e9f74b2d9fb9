import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { activitiesPage, diaryStats, feedPage, feedReadersOf, recordActivity, type ActivityKey } from '../domain/activities.ts';
import type { PageWindow } from '../domain/friend-lists.ts';
import type { Activity as ActivityRow } from '../generated/prisma/client.ts';
import { feedStream } from '../live/feed-stream.ts';
import { publishActivity } from '../live/publish.ts';
import { renewLoaders, viewerStreamOptions } from '../request-context.ts';
import { parseInput } from '../validation.ts';
import { CheckInPrompt } from './check-ins.ts';
import { decodeKeyCursor, encodeCursor } from './cursors.ts';
import { globalIdSchema } from './global-ids.ts';
import { User, ViewerType } from './users.ts';

export const Activity = builder.prismaNode('Activity', {
  id: { field: 'id' },
  nullable: true,
  // However it is reached (a list, node(id), a subscription), an activity obeys its author's visibility.
  authScopes: async (activity, context) => (context.viewer ? context.loaders.activityAccess.load(activity.authorId) : false),
  fields: (t) => ({
    text: t.exposeString('text'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    author: t.field({ type: User, resolve: async (activity, _args, context) => (await context.loaders.userById.load(activity.authorId))! }),
    prompt: t.field({
      type: CheckInPrompt,
      nullable: true,
      description: 'The check-in it answered; shown to its author only (others see promptText).',
      resolve: (activity, _args, context) =>
        activity.promptId && activity.authorId === context.viewer?.user.id ? context.loaders.promptById.load(activity.promptId) : null,
    }),
    promptText: t.string({
      nullable: true,
      description: 'The question it answered, if it answered one.',
      resolve: async (activity, _args, context) => (activity.promptId ? (await context.loaders.promptById.load(activity.promptId))?.text ?? null : null),
    }),
  }),
});

const ActivityConnection = builder.connectionObject({ type: Activity, name: 'ActivityConnection' }, { name: 'ActivityEdge' });

const DiaryStats = builder
  .objectRef<{ entries: number; distinctDays: number; currentStreak: number }>('DiaryStats')
  .implement({
    description: 'Counts over your own diary, by the days of your time zone.',
    fields: (t) => ({
      entries: t.exposeInt('entries'),
      distinctDays: t.exposeInt('distinctDays', { description: 'Days with at least one entry.' }),
      currentStreak: t.exposeInt('currentStreak', { description: 'Consecutive days with an entry, ending today (or yesterday, while today has none yet).' }),
    }),
  });

/** A newest-first page of activities; `load` gets the decoded keyset window; cursors are tagged with `list`. */
function activityConnection(
  list: 'activities' | 'feed',
  args: { first?: number | null; last?: number | null; after?: string | null; before?: string | null },
  load: (page: PageWindow<ActivityKey>) => Promise<ActivityRow[]>,
) {
  const decode = (cursor: string | undefined, argument: string): ActivityKey | null => decodeKeyCursor(list, cursor, argument, ['instant', 'uuid']);
  return resolveCursorConnection(
    { args, toCursor: (activity: ActivityRow) => encodeCursor(list, [activity.createdAt.toISOString(), activity.id]) },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      load({ after: decode(after, 'after'), before: decode(before, 'before'), limit, inverted }),
  );
}

const emptyConnection = { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };

builder.prismaObjectFields('User', (t) => ({
  activities: t.connection(
    {
      type: Activity,
      authScopes: { loggedIn: true },
      description: "Newest first, as the user's visibility allows: empty for anyone who may not read them.",
      resolve: async (user, args, context) => {
        if (!(await context.loaders.activityAccess.load(user.id))) return emptyConnection;
        return activityConnection('activities', args, (page) => activitiesPage(context.prisma, user.id, page));
      },
    },
    ActivityConnection,
  ),
}));

builder.objectFields(ViewerType, (t) => ({
  feed: t.connection(
    {
      type: Activity,
      description: "Your friends' activities, newest first (those who keep theirs to themselves are left out).",
      resolve: (viewer, args, context) => activityConnection('feed', args, (page) => feedPage(context.prisma, viewer.userId, page)),
    },
    ActivityConnection,
  ),
  diaryStats: t.field({
    type: DiaryStats,
    resolve: async ({ userId }, _args, context) => {
      const user = (await context.loaders.userById.load(userId))!;
      return diaryStats(context.prisma, userId, user.timezone, context.services.now());
    },
  }),
}));

const RecordActivityInput = builder.inputType('RecordActivityInput', {
  fields: (t) => ({
    text: t.string({ required: true, description: '1–2000 characters.' }),
    promptId: t.id({ description: 'One of your prompts, which this answers.' }),
  }),
});
const recordActivitySchema = z.object({
  text: z.string().trim().min(1, 'an entry cannot be empty').max(2000, 'an entry is at most 2000 characters'),
  promptId: globalIdSchema('CheckInPrompt').nullish(),
});

/** Offers a new activity to the live feeds of its readers, after the write committed. */
async function announceActivity(context: Context, activity: ActivityRow): Promise<void> {
  try {
    await publishActivity(context.pubsub, activity.id, await feedReadersOf(context.prisma, activity.authorId));
  } catch (error) {
    context.log.warn({ err: error, activityId: activity.id }, 'could not push an activity to live feeds; it is stored and listed');
  }
}

builder.mutationField('recordActivity', (t) =>
  t.prismaField({
    type: 'Activity',
    description: 'Adds an entry to your diary, answering one of your prompts when promptId is given.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: RecordActivityInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const { text, promptId } = parseInput(recordActivitySchema, input);
      const activity = await recordActivity(context.prisma, context.viewer!.user.id, text, promptId ?? null, context.services.now());
      // Awaited (it never throws), so one author's activities reach live feeds in the order recorded.
      await announceActivity(context, activity);
      return activity;
    },
  }),
);

builder.subscriptionField('feedEvents', (t) =>
  t.field({
    type: Activity,
    authScopes: { loggedIn: true },
    description: "Your friends' new activities as they are recorded, as their visibility allows.",
    subscribe: (_root, _args, context) => feedStream(viewerStreamOptions(context)),
    resolve: (activity: ActivityRow, _args, context) => {
      renewLoaders(context);
      return activity;
    },
  }),
);
