import { builder } from '../builder.ts';
import { adminStats, type AdminStats } from '../domain/admin-stats.ts';

const Stats = builder.objectRef<AdminStats>('Stats').implement({
  description: 'The service at a glance (admins only).',
  fields: (t) => ({
    users: t.exposeInt('users'),
    activeLast7Days: t.exposeInt('activeLast7Days', { description: 'Signed in or refreshed a session in the last 7 days.' }),
    newLast7Days: t.exposeInt('newLast7Days'),
    telegramLinked: t.exposeInt('telegramLinked'),
    messagesLast24h: t.exposeInt('messagesLast24h'),
    activitiesLast24h: t.exposeInt('activitiesLast24h'),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: Stats,
    authScopes: { admin: true },
    resolve: (_root, _args, context) => adminStats(context.prisma, context.services.now()),
  }),
);
