// The diary screen in a real browser: writing entries and answering check-ins, a friend's
// entries arriving live, the check-in settings and questions, and paging back through entries.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../src/pubsub/topics.ts';
import { ok } from './utils/test-app.ts';
import { launchBrowser, newPerson, screenshot, sessionOf, signInInBrowser, signUpInBrowser, startWebApp, watchListeners, type WebApp } from './utils/browser.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let web: WebApp;
let browser: Browser;
let listening: (topic: Topic, user: TestUser) => Promise<void>;

beforeAll(async () => {
  web = await startWebApp();
  listening = watchListeners(web.api.t.pubsub);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function openDiary(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click();
  await page.getByRole('heading', { name: 'Current prompt' }).waitFor();
}

async function record(user: TestUser, text: string): Promise<void> {
  ok(await web.api.t.gql(`mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`, { input: { text } }, { token: user.token }));
}

async function updateSettings(user: TestUser, input: Record<string, unknown>): Promise<void> {
  ok(await web.api.t.gql(`mutation($input: CheckInSettingsInput!) { updateCheckInSettings(input: $input) { enabled } }`, { input }, { token: user.token }));
}

const entryTexts = (list: ReturnType<Page['getByRole']>) => list.getByRole('listitem').locator('.diary-entry-text').allTextContents();

describe('writing and reading', () => {
  it("should list a new entry under My entries and show a friend's new entry live in the feed, once", async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'diary_ann', 'Ann');
    const ann = await sessionOf(page);
    const bob = await signUp(web.api.t, 'diary_bob');
    await befriend(web.api.t, bob, ann);
    await updateSettings(bob, { visibility: 'FRIENDS' });
    await record(bob, 'Old news from Bob');

    await openDiary(page);
    const mine = page.getByRole('list', { name: 'My entries' });
    const feed = page.getByRole('list', { name: "Friends' feed" });
    await feed.getByText('Old news from Bob').waitFor();
    await page.getByLabel('Write an entry').fill('Morning run by the river');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await mine.getByText('Morning run by the river').waitFor();
    expect(await entryTexts(mine)).toEqual(['Morning run by the river']);
    expect(await page.getByLabel('Write an entry').inputValue()).toBe('');

    await listening('feed', ann);
    await record(bob, 'Coffee at noon');
    await feed.getByText('Coffee at noon').waitFor();
    expect(await entryTexts(feed)).toEqual(['Coffee at noon', 'Old news from Bob']);
    expect(await feed.getByRole('listitem').first().locator('.diary-entry-meta').textContent()).toMatch(/^DIARY_BOB @diary_bob · /);

    // Saving another entry refetches the feed, which now lists the live entry too: still once.
    const feedRefetched = page.waitForResponse((response) => response.request().postData()?.includes('query DiaryFeed') ?? false);
    await page.getByLabel('Write an entry').fill('Lunch outside');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await feedRefetched;
    await mine.getByText('Lunch outside').waitFor();
    expect(await entryTexts(mine)).toEqual(['Lunch outside', 'Morning run by the river']);
    expect(await entryTexts(feed)).toEqual(['Coffee at noon', 'Old news from Bob']);
    await screenshot(page, 'diary');
    await context.close();
  });

  it('should refuse an empty entry in the form, saying why', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'diary_empty');
    await openDiary(page);
    await page.getByLabel('Write an entry').fill('   ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Please write something first.');
    expect(await page.getByRole('list', { name: 'My entries' }).getByRole('listitem').count()).toBe(0);
    await context.close();
  });

  it('should stop an entry at the 2000 characters the API takes, and keep one it refuses, saying why', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'diary_long');
    await openDiary(page);
    const box = page.getByLabel('Write an entry');
    await box.fill('a'.repeat(2001));
    expect((await box.inputValue()).length).toBe(2000);

    // The API has the last word: with the box's limit lifted, its refusal shows and the text stays.
    await box.evaluate((element) => element.removeAttribute('maxlength'));
    await box.fill('b'.repeat(2001));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Please check this: text: an entry is at most 2000 characters');
    expect(await box.inputValue()).toBe('b'.repeat(2001));
    expect(await page.getByRole('list', { name: 'My entries' }).getByRole('listitem').count()).toBe(0);
    await context.close();
  });

  it('should show a check-in that comes due while the diary is open, and file the answer under it', async () => {
    const cat = await signUp(web.api.t, 'diary_cat');
    // A window of the whole day, so a tick at any hour asks.
    await updateSettings(cat, { windowStart: '00:00', windowEnd: '00:00' });
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, cat.handle);
    await openDiary(page);
    await page.getByLabel('Write an entry').waitFor();

    await listening('user', cat);
    const due = await web.api.t.app.jobs.checkIns.tick(new Date(Date.now() + 24 * 3_600_000));
    expect(due.map((prompt) => prompt.userId)).toContain(cat.rawId);
    await page.getByLabel('Your answer').fill('Reading on the balcony');
    expect(await page.locator('.diary-question strong').textContent()).toBe('What are you doing?');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const mine = page.getByRole('list', { name: 'My entries' });
    await mine.getByText('Reading on the balcony').waitFor();
    expect(await mine.getByRole('listitem').first().locator('.diary-entry-prompt').textContent()).toBe('Answering: What are you doing?');
    // Answered, it gives way to a free entry.
    await page.getByLabel('Write an entry').waitFor();
    await context.close();
  });

  it('should page back through older entries with Show more, newest first', async () => {
    const dot = await signUp(web.api.t, 'diary_dot');
    for (let n = 1; n <= 12; n += 1) await record(dot, `Entry ${n}`);
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, dot.handle);
    await openDiary(page);
    const mine = page.getByRole('list', { name: 'My entries' });
    await mine.getByText('Entry 12').waitFor();
    expect(await entryTexts(mine)).toEqual(['Entry 12', 'Entry 11', 'Entry 10', 'Entry 9', 'Entry 8', 'Entry 7', 'Entry 6', 'Entry 5', 'Entry 4', 'Entry 3']);
    await page.getByRole('region', { name: 'My entries' }).getByRole('button', { name: 'Show more' }).click();
    await mine.getByText('Entry 1', { exact: true }).waitFor();
    expect(await entryTexts(mine)).toEqual(Array.from({ length: 12 }, (_, index) => `Entry ${12 - index}`));
    expect(await page.getByRole('region', { name: 'My entries' }).getByRole('button', { name: 'Show more' }).count()).toBe(0);
    expect(await page.getByText('12 entries').count()).toBe(1);
    await context.close();
  });
});

describe('check-in settings and questions', () => {
  it('should keep changed settings after a reload, and refuse a too-short interval naming the field, saving nothing', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'diary_eve');
    await openDiary(page);
    await page.getByLabel('Window start').fill('07:30');
    await page.getByLabel('Window end').fill('21:00');
    await page.getByLabel('Interval (minutes)').fill('90');
    await page.getByLabel('Who can see my entries').selectOption({ label: 'Everyone' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    await page.reload();
    await page.getByLabel('Window start').waitFor();
    const values = async () => ({
      start: await page.getByLabel('Window start').inputValue(),
      end: await page.getByLabel('Window end').inputValue(),
      interval: await page.getByLabel('Interval (minutes)').inputValue(),
      visibility: await page.getByLabel('Who can see my entries').inputValue(),
    });
    expect(await values()).toEqual({ start: '07:30', end: '21:00', interval: '90', visibility: 'EVERYONE' });

    await page.getByLabel('Window start').fill('06:00');
    await page.getByLabel('Interval (minutes)').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Please check this: Interval (minutes): at least 30 minutes');
    // Refused, the form keeps what was typed, to be corrected, and no longer says it saved.
    expect({ start: await page.getByLabel('Window start').inputValue(), interval: await page.getByLabel('Interval (minutes)').inputValue() }).toEqual({ start: '06:00', interval: '5' });
    expect(await page.getByRole('status').filter({ hasText: 'Settings saved.' }).count()).toBe(0);

    await page.reload();
    await page.getByLabel('Window start').waitFor();
    expect(await values()).toEqual({ start: '07:30', end: '21:00', interval: '90', visibility: 'EVERYONE' });
    await context.close();
  });

  it('should add a question, change it, and name the field of a bad interval', async () => {
    const { context, page } = await newPerson(browser, { phone: true });
    await signUpInBrowser(page, web.origin, 'diary_fay');
    await openDiary(page);
    const questions = page.getByRole('list', { name: 'Questions' });
    await questions.getByText('What are you doing?').waitFor();

    await page.getByText('Add a question').click();
    const form = page.getByRole('form', { name: 'New question' });
    await form.getByLabel('Name', { exact: true }).fill('water');
    await form.getByLabel('Question', { exact: true }).fill('Drank some water?');
    await form.getByLabel('Interval (minutes, optional)').fill('10');
    await form.getByRole('button', { name: 'Add question' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('Please check this: Interval (minutes, optional): at least 30 minutes');
    await form.getByLabel('Interval (minutes, optional)').fill('60');
    await form.getByRole('button', { name: 'Add question' }).click();
    await questions.getByText('Drank some water?').waitFor();
    expect(await questions.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('default'),
      'waterDrank some water?Active · every 60 minEdit',
    ]);

    await questions.getByRole('button', { name: 'Edit water' }).click();
    const edit = page.getByRole('form', { name: 'Edit question water' });
    await edit.getByLabel('Question', { exact: true }).fill('Had a glass of water?');
    // A refused change leaves the form open with what was typed.
    await edit.getByLabel('Interval (minutes, optional)').fill('20');
    await edit.getByRole('button', { name: 'Save question' }).click();
    expect(await edit.getByRole('alert').textContent()).toBe('Please check this: Interval (minutes, optional): at least 30 minutes');
    expect(await edit.getByLabel('Question', { exact: true }).inputValue()).toBe('Had a glass of water?');
    await edit.getByLabel('Active').uncheck();
    await edit.getByLabel('Interval (minutes, optional)').fill('');
    await edit.getByRole('button', { name: 'Save question' }).click();
    await questions.getByText('Had a glass of water?').waitFor();
    expect(await questions.getByRole('listitem').nth(1).textContent()).toBe('waterHad a glass of water?Inactive · interval from your settingsEdit');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'diary-phone');
    await context.close();
  });
});
