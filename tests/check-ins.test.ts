// Check-in settings and questions through the API, and the ticker that asks them: at the
// right local times (across midnight and a daylight-saving change), exactly once however many
// tickers run, and pushed live.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProfile } from '../src/domain/check-in-settings.ts';
import { createCheckInTicker } from '../src/jobs/check-in-ticker.ts';
import { createPubSub } from '../src/pubsub/pubsub.ts';
import { shareTestDatabase } from './utils/database.ts';
import { connectLive } from './utils/live-client.ts';
import { createTestApp, errorCode, ok, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';
import { pollUntil } from './utils/waiting.ts';

let clock = new Date('2026-01-15T07:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, { now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

const settingsQuery = `{ me { settings { enabled windowStart windowEnd intervalMinutes visibility } } }`;
const questionsQuery = `{ me { questions { id name text isDefault active intervalMinutes nextDueAt } } }`;
const updateSettings = `mutation($input: CheckInSettingsInput!) { updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility } }`;
const upsert = `mutation($input: QuestionInput!) { upsertQuestion(input: $input) { id name text active intervalMinutes nextDueAt } }`;

let counter = 0;
/** A new user signed up at `when` (the server's clock). */
async function person(when: string, extra: Record<string, unknown> = {}): Promise<TestUser> {
  clock = new Date(when);
  return signUp(t, `checkin_${++counter}`, extra);
}

const questionsOf = async (user: TestUser) => ok(await t.gql(questionsQuery, {}, { token: user.token })).me.questions as any[];

/** Ticks every `stepMinutes` from `from` to `to` (inclusive), returning the due times asked of `user`, in order. */
async function tickThrough(user: TestUser, from: string, to: string, stepMinutes = 10): Promise<string[]> {
  const asked: string[] = [];
  for (let at = new Date(from).getTime(); at <= new Date(to).getTime(); at += stepMinutes * 60_000) {
    clock = new Date(at);
    for (const prompt of await t.app.jobs.checkIns.tick(clock)) {
      if (prompt.userId === user.rawId) asked.push(prompt.dueAt.toISOString());
    }
  }
  return asked;
}

function expectBadInput(result: GraphQLResult, field: string) {
  expect(errorCode(result)).toBe('BAD_USER_INPUT');
  expect(result.errors![0]!.extensions!.field).toBe(field);
}

describe('check-in settings', () => {
  it('should start enabled, 09:00–22:00, every 120 minutes, visible to friends', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    expect(ok(await t.gql(settingsQuery, {}, { token: ann.token })).me.settings).toEqual({
      enabled: true,
      windowStart: '09:00',
      windowEnd: '22:00',
      intervalMinutes: 120,
      visibility: 'FRIENDS',
    });
  });

  it('should change only the fields given', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    const changed = ok(await t.gql(updateSettings, { input: { windowStart: '22:30', intervalMinutes: 45 } }, { token: ann.token }));
    expect(changed.updateCheckInSettings).toEqual({ enabled: true, windowStart: '22:30', windowEnd: '22:00', intervalMinutes: 45, visibility: 'FRIENDS' });
    ok(await t.gql(updateSettings, { input: { enabled: false, visibility: 'ONLY_ME' } }, { token: ann.token }));
    expect(ok(await t.gql(settingsQuery, {}, { token: ann.token })).me.settings).toEqual({
      enabled: false,
      windowStart: '22:30',
      windowEnd: '22:00',
      intervalMinutes: 45,
      visibility: 'ONLY_ME',
    });
  });

  it.each([
    [{ windowStart: '9:00' }, 'input.windowStart'],
    [{ windowStart: '24:00' }, 'input.windowStart'],
    [{ windowEnd: '12:60' }, 'input.windowEnd'],
    [{ windowEnd: 'noon' }, 'input.windowEnd'],
    [{ intervalMinutes: 29 }, 'input.intervalMinutes'],
    [{ intervalMinutes: 1441 }, 'input.intervalMinutes'],
  ])('should refuse %j as BAD_USER_INPUT naming the field, changing nothing', async (input, field) => {
    const ann = await person('2026-01-15T07:00:00Z');
    expectBadInput(await t.gql(updateSettings, { input: { ...input, enabled: false } }, { token: ann.token }), field);
    expect(ok(await t.gql(settingsQuery, {}, { token: ann.token })).me.settings.enabled).toBe(true);
  });

  it('should need a signed-in user', async () => {
    expect(errorCode(await t.gql(updateSettings, { input: { enabled: false } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(settingsQuery))).toBe('UNAUTHENTICATED');
  });

  it('should move the schedule when the window changes, and when the time zone does', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    expect((await questionsOf(ann))[0].nextDueAt).toBe('2026-01-15T09:00:00.000Z');
    ok(await t.gql(updateSettings, { input: { windowStart: '18:00' } }, { token: ann.token }));
    expect((await questionsOf(ann))[0].nextDueAt).toBe('2026-01-15T18:00:00.000Z');
    ok(await t.gql(`mutation { updateProfile(input: { timezone: "Asia/Tokyo" }) { timezone } }`, {}, { token: ann.token }));
    // One interval after sign-up is 09:00Z, which is 18:00 in Tokyo (UTC+9): inside the window there.
    expect((await questionsOf(ann))[0].nextDueAt).toBe('2026-01-15T09:00:00.000Z');
  });
});

describe('questions', () => {
  it('should give every account one default question, which stays active', async () => {
    const ann = await person('2026-01-15T07:00:00Z', { locale: 'ES' });
    const [question, ...others] = await questionsOf(ann);
    expect(others).toEqual([]);
    expect(question).toMatchObject({ name: 'default', text: '¿Qué estás haciendo?', isDefault: true, active: true, intervalMinutes: null });
    expectBadInput(await t.gql(upsert, { input: { id: question.id, name: 'default', text: 'x', active: false } }, { token: ann.token }), 'input.active');
    const edited = ok(await t.gql(upsert, { input: { id: question.id, name: 'doing', text: 'What now?' } }, { token: ann.token }));
    expect(edited.upsertQuestion).toMatchObject({ name: 'doing', text: 'What now?', active: true });
  });

  it('should allow four active custom questions and refuse a sixth active one, writing nothing', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    for (const n of [1, 2, 3, 4]) {
      clock = new Date(clock.getTime() + 1000); // made one after the other, so listed in that order
      ok(await t.gql(upsert, { input: { name: `q${n}`, text: `Question ${n}?` } }, { token: ann.token }));
    }
    expectBadInput(await t.gql(upsert, { input: { name: 'q5', text: 'Too many?' } }, { token: ann.token }), 'input.active');
    expect((await questionsOf(ann)).map((question) => question.name)).toEqual(['default', 'q1', 'q2', 'q3', 'q4']);
    // An inactive one may be kept; activating it needs a free place.
    const spare = ok(await t.gql(upsert, { input: { name: 'q5', text: 'Later?', active: false } }, { token: ann.token })).upsertQuestion;
    expectBadInput(await t.gql(upsert, { input: { id: spare.id, name: 'q5', text: 'Later?', active: true } }, { token: ann.token }), 'input.active');
    const first = (await questionsOf(ann))[1];
    ok(await t.gql(upsert, { input: { id: first.id, name: first.name, text: first.text, active: false } }, { token: ann.token }));
    ok(await t.gql(upsert, { input: { id: spare.id, name: 'q5', text: 'Later?', active: true } }, { token: ann.token }));
    expect((await questionsOf(ann)).filter((question) => question.active)).toHaveLength(5);
  });

  it('should let only four of six concurrent new questions in', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => t.gql(upsert, { input: { name: `race${n}`, text: `Race ${n}?` } }, { token: ann.token })),
    );
    expect(results.filter((result) => !result.errors).length).toBe(4);
    expect(results.filter((result) => result.errors).map(errorCode)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect((await questionsOf(ann)).filter((question) => question.active)).toHaveLength(5);
  });

  it('should keep names unique per person (CONFLICT) but not across people', async () => {
    const [ann, bob] = [await person('2026-01-15T07:00:00Z'), await person('2026-01-15T07:00:00Z')];
    ok(await t.gql(upsert, { input: { name: 'mood', text: 'How do you feel?' } }, { token: ann.token }));
    expect(errorCode(await t.gql(upsert, { input: { name: 'mood', text: 'Again?' } }, { token: ann.token }))).toBe('CONFLICT');
    ok(await t.gql(upsert, { input: { name: 'mood', text: 'How do you feel?' } }, { token: bob.token }));
  });

  it.each([
    [{ name: '', text: 'x' }, 'input.name'],
    [{ name: 'n'.repeat(101), text: 'x' }, 'input.name'],
    [{ name: 'n', text: '   ' }, 'input.text'],
    [{ name: 'n', text: 't'.repeat(501) }, 'input.text'],
    [{ name: 'n', text: 'x', intervalMinutes: 20 }, 'input.intervalMinutes'],
    [{ id: 'not-an-id', name: 'n', text: 'x' }, 'input.id'],
  ])('should refuse %j as BAD_USER_INPUT', async (input, field) => {
    const ann = await person('2026-01-15T07:00:00Z');
    expectBadInput(await t.gql(upsert, { input }, { token: ann.token }), field);
  });

  it("should not let anyone change another person's question", async () => {
    const [ann, bob] = [await person('2026-01-15T07:00:00Z'), await person('2026-01-15T07:00:00Z')];
    const [annDefault] = await questionsOf(ann);
    expect(errorCode(await t.gql(upsert, { input: { id: annDefault.id, name: 'mine', text: 'x' } }, { token: bob.token }))).toBe('NOT_FOUND');
    expect((await questionsOf(ann))[0].name).toBe('default');
    const seen = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: annDefault.id }, { token: bob.token });
    expect(seen.data?.node ?? null).toBeNull();
  });

  it('should keep, set and clear its own interval', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    const created = ok(await t.gql(upsert, { input: { name: 'water', text: 'Water?', intervalMinutes: 60 } }, { token: ann.token })).upsertQuestion;
    expect(created.intervalMinutes).toBe(60);
    const kept = ok(await t.gql(upsert, { input: { id: created.id, name: 'water', text: 'Water now?' } }, { token: ann.token })).upsertQuestion;
    expect(kept.intervalMinutes).toBe(60);
    const cleared = ok(await t.gql(upsert, { input: { id: created.id, name: 'water', text: 'Water?', intervalMinutes: null } }, { token: ann.token }));
    expect(cleared.upsertQuestion.intervalMinutes).toBeNull();
  });
});

describe('the ticker', () => {
  it('should ask every two hours inside the window of the local day, and nothing outside it', async () => {
    // Signed up at 08:00 in Madrid (UTC+1 in January): first due 10:00 local, last 20:00.
    const ann = await person('2026-01-15T07:00:00Z', { timezone: 'Europe/Madrid' });
    const asked = await tickThrough(ann, '2026-01-15T07:00:00Z', '2026-01-16T08:30:00Z');
    expect(asked).toEqual([
      '2026-01-15T09:00:00.000Z',
      '2026-01-15T11:00:00.000Z',
      '2026-01-15T13:00:00.000Z',
      '2026-01-15T15:00:00.000Z',
      '2026-01-15T17:00:00.000Z',
      '2026-01-15T19:00:00.000Z',
      '2026-01-16T08:00:00.000Z', // 09:00 local, the next morning
    ]);
  });

  it('should ask through a window that crosses midnight', async () => {
    const ann = await person('2026-01-20T19:00:00Z');
    ok(await t.gql(updateSettings, { input: { windowStart: '22:00', windowEnd: '02:00', intervalMinutes: 60 } }, { token: ann.token }));
    const asked = await tickThrough(ann, '2026-01-20T19:00:00Z', '2026-01-21T21:00:00Z');
    expect(asked).toEqual(['2026-01-20T22:00:00.000Z', '2026-01-20T23:00:00.000Z', '2026-01-21T00:00:00.000Z', '2026-01-21T01:00:00.000Z']);
  });

  it('should keep a daily check-in at 09:00 local across the spring-forward weekend', async () => {
    // Made at 08:00 local on the 26th: first due a day later, then daily.
    const ann = await person('2026-03-26T07:00:00Z', { timezone: 'Europe/Madrid' });
    ok(await t.gql(updateSettings, { input: { windowStart: '09:00', windowEnd: '10:00', intervalMinutes: 1440 } }, { token: ann.token }));
    const asked = await tickThrough(ann, '2026-03-26T07:00:00Z', '2026-03-30T12:00:00Z', 15);
    // 09:00 CET is 08:00Z; from Sunday the 29th 09:00 CEST is 07:00Z.
    expect(asked).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('should ask nobody whose check-ins are off, and no inactive question', async () => {
    const ann = await person('2026-01-22T07:00:00Z');
    ok(await t.gql(upsert, { input: { name: 'off', text: 'Never?', active: false } }, { token: ann.token }));
    ok(await t.gql(updateSettings, { input: { enabled: false } }, { token: ann.token }));
    expect(await tickThrough(ann, '2026-01-22T07:00:00Z', '2026-01-22T23:00:00Z', 30)).toEqual([]);
  });

  it('should give a question with its own interval its own rhythm', async () => {
    const ann = await person('2026-01-23T08:00:00Z');
    const water = ok(await t.gql(upsert, { input: { name: 'water', text: 'Water?', intervalMinutes: 60 } }, { token: ann.token })).upsertQuestion;
    const prompts: { questionId: string; dueAt: string }[] = [];
    for (let at = new Date('2026-01-23T08:00:00Z').getTime(); at <= new Date('2026-01-23T12:00:00Z').getTime(); at += 10 * 60_000) {
      clock = new Date(at);
      for (const prompt of await t.app.jobs.checkIns.tick(clock)) {
        if (prompt.userId === ann.rawId) prompts.push({ questionId: prompt.questionId, dueAt: prompt.dueAt.toISOString() });
      }
    }
    const waterId = decodeGlobalID(water.id).id;
    expect(prompts.filter((prompt) => prompt.questionId === waterId).map((prompt) => prompt.dueAt)).toEqual([
      '2026-01-23T09:00:00.000Z',
      '2026-01-23T10:00:00.000Z',
      '2026-01-23T11:00:00.000Z',
      '2026-01-23T12:00:00.000Z',
    ]);
    expect(prompts.filter((prompt) => prompt.questionId !== waterId).map((prompt) => prompt.dueAt)).toEqual([
      '2026-01-23T10:00:00.000Z',
      '2026-01-23T12:00:00.000Z',
    ]);
  });

  it('should create each prompt exactly once with two tickers running at once, and after a restart', async () => {
    const people = await Promise.all(Array.from({ length: 30 }, () => person('2026-02-02T07:00:00Z')));
    const ids = new Set(people.map((user) => user.rawId));
    // A second instance: its own connection pool (on PostgreSQL) and its own ticker.
    const shared = await shareTestDatabase(t);
    const pubsub = createPubSub();
    const other = createCheckInTicker({ prisma: shared.db.prisma, pubsub, log: pino({ level: 'silent' }), batchSize: 7 });
    try {
      const due = new Date('2026-02-02T09:00:30Z');
      const [mine, theirs] = await Promise.all([t.app.jobs.checkIns.tick(due), other.tick(due)]);
      const created = [...mine, ...theirs].filter((prompt) => ids.has(prompt.userId));
      expect(created).toHaveLength(30);
      expect(new Set(created.map((prompt) => prompt.userId))).toEqual(ids);
      // A restarted instance ticking the same moment again finds nothing left to do.
      const restarted = createCheckInTicker({ prisma: shared.db.prisma, pubsub, log: pino({ level: 'silent' }) });
      expect((await restarted.tick(due)).filter((prompt) => ids.has(prompt.userId))).toEqual([]);
      const stored = await t.db.prisma.checkInPrompt.count({ where: { userId: { in: [...ids] } } });
      expect(stored).toBe(30);
    } finally {
      await pubsub.close();
      await shared.drop();
    }
  });

  it('should push a due check-in live and note it, and link the answer to it', async () => {
    const ann = await person('2026-02-05T07:00:00Z');
    const { port } = await t.app.server.start(0, '127.0.0.1');
    const live = connectLive(`ws://127.0.0.1:${port}/graphql`, ann.token);
    try {
      const events = live.subscribe(`subscription {
        myEvents { __typename ... on CheckInDue { prompt { id text dueAt } } ... on NotificationAdded { notification { kind text subject { id } } } }
      }`);
      // myEvents has no replay: a friend's messages show when the stream is live (bounded).
      const friend = await person('2026-02-05T07:00:00Z');
      await befriend(t, friend, ann);
      const direct = ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: ann.handle }, { token: friend.token }));
      for (let probe = 0; events.results.length === 0 && probe < 200; probe++) {
        const input = { conversationId: direct.openDirectConversation.id, text: `probe ${probe}` };
        ok(await t.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, { input }, { token: friend.token }));
        await Promise.race([events.waitFor(1), new Promise((resolve) => setImmediate(resolve))]);
      }
      const before = events.results.length;
      clock = new Date('2026-02-05T09:00:00Z');
      await t.app.jobs.checkIns.tick(clock);
      const checkIn = (event: any) => event.__typename === 'CheckInDue' || event.notification?.kind === 'CHECK_IN';
      for (let count = before + 1; events.results.slice(before).map((result) => result.data.myEvents).filter(checkIn).length < 2; count++) {
        await events.waitFor(count);
      }
      const byType = Object.fromEntries(
        events.results.map((result) => result.data.myEvents).filter(checkIn).map((event) => [event.__typename, event]),
      );
      const prompt = byType.CheckInDue.prompt;
      expect(prompt).toMatchObject({ text: 'What are you doing?', dueAt: '2026-02-05T09:00:00.000Z' });
      expect(byType.NotificationAdded.notification).toEqual({ kind: 'CHECK_IN', text: 'What are you doing?', subject: { id: prompt.id } });

      const current = ok(await t.gql(`{ me { currentPrompt { id answeredAt } } }`, {}, { token: ann.token })).me.currentPrompt;
      expect(current).toEqual({ id: prompt.id, answeredAt: null });
      const answer = ok(
        await t.gql(`mutation($input: RecordActivityInput!) { recordActivity(input: $input) { text prompt { id answeredAt } } }`, {
          input: { text: 'Writing tests', promptId: prompt.id },
        }, { token: ann.token }),
      ).recordActivity;
      expect(answer).toEqual({ text: 'Writing tests', prompt: { id: prompt.id, answeredAt: '2026-02-05T09:00:00.000Z' } });
      expect(ok(await t.gql(`{ me { currentPrompt { id } } }`, {}, { token: ann.token })).me.currentPrompt).toBeNull();
    } finally {
      await live.close();
      await t.app.server.stop();
    }
  });
});

describe('a settings change meeting a tick', () => {
  // The tick locks a person's questions, then writes a prompt, whose foreign key needs a share
  // lock on the person's row; a settings change locks that row, then waits for the questions.
  // Only PostgreSQL runs the two at once (PGlite takes them in turn, showing the plain outcome).
  it('should let both finish when a time zone changes while a prompt is being written for the same person', async () => {
    const ann = await person('2026-01-15T07:00:00Z');
    const [question] = await questionsOf(ann);
    const questionId = decodeGlobalID(question.id).id;
    const other = await shareTestDatabase(t);
    try {
      let questionsLocked!: () => void;
      const locked = new Promise<void>((resolve) => (questionsLocked = resolve));
      let writePrompt!: () => void;
      const gate = new Promise<void>((resolve) => (writePrompt = resolve));
      const tick = t.db.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT id FROM "Question" WHERE "userId" = ${ann.rawId}::uuid FOR UPDATE`;
          questionsLocked();
          await gate;
          await tx.$executeRaw`
            INSERT INTO "CheckInPrompt" ("userId", "questionId", text, "dueAt") VALUES (${ann.rawId}::uuid, ${questionId}::uuid, 'Now?', ${clock})`;
        },
        { timeout: 20_000 },
      );
      if (t.url) await locked;
      const change = updateProfile(other.db.prisma, ann.rawId, { timezone: 'Asia/Tokyo' }, clock);
      if (t.url) {
        // The change holds the person's row and waits for the questions.
        const waiting = async () =>
          (await t.db.prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n > 0;
        await pollUntil(10_000, 'the change to wait for the questions', waiting);
      }
      writePrompt();
      const [ticked, changed] = await Promise.allSettled([tick, change]);
      expect([ticked.status, changed.status]).toEqual(['fulfilled', 'fulfilled']);
      expect(await t.db.prisma.checkInPrompt.count({ where: { questionId } })).toBe(1);
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: ann.rawId } })).timezone).toBe('Asia/Tokyo');
    } finally {
      await other.drop();
    }
  });
});
