// The admin screen in a real browser: writing a broadcast and seeing how many it will reach as
// the audience changes, sending it and following its progress to the end, cancelling one the
// bot has not finished, the history page by page, the service's stats, and that nobody else
// gets in.
import { join } from 'node:path';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, screenshot, screenshotDir, signInInBrowser, signUpInBrowser, startWebApp, type WebApp } from './utils/browser.ts';
import { ok, serviceKey, type TestApp } from './utils/test-app.ts';
import { directConversation, signUp, type TestUser } from './utils/users.ts';

const adminHandle = 'web_admin';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Audience = { locales?: string[]; activeWithinDays?: number; telegramLinkedOnly?: boolean };

/** A token of the admin, who signed up in the browser. */
async function adminToken(t: TestApp): Promise<string> {
  const data = ok(await t.gql(`mutation($h: String!) { signIn(input: { handle: $h, password: "password-123" }) { accessToken } }`, { h: adminHandle }));
  return data.signIn.accessToken;
}

/** How many people the API says the audience holds. */
async function audienceSize(t: TestApp, token: string, audience?: Audience): Promise<number> {
  const data = ok(await t.gql(`mutation($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount } }`, { input: { text: 'count', audience } }, { token }));
  return data.previewBroadcast.recipientCount;
}

type BroadcastView = { id: string; text: string; state: string; progress: { sent: number; pending: number; cancelled: number; total: number } };
async function history(t: TestApp, token: string, first = 100): Promise<BroadcastView[]> {
  const data = ok(
    await t.gql(`query($first: Int) { broadcasts(first: $first) { edges { node { id text state progress { sent pending cancelled total } } } } }`, { first }, { token }),
  );
  return data.broadcasts.edges.map((edge: { node: BroadcastView }) => edge.node);
}

/** The broadcasts someone was notified of (global ids). */
async function broadcastsNotified(t: TestApp, token: string): Promise<string[]> {
  const data = ok(
    await t.gql(`{ me { notifications(first: 50) { edges { node { kind subject { ... on Broadcast { id } } } } } } }`, {}, { token }),
  );
  return data.me.notifications.edges
    .map((edge: { node: { kind: string; subject: { id?: string } | null } }) => edge.node)
    .filter((node: { kind: string }) => node.kind === 'BROADCAST')
    .map((node: { subject: { id: string } }) => node.subject.id);
}

async function openAdmin(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'New broadcast' }).waitFor();
}

const people = (count: number) => (count === 1 ? '1 person' : `${count} people`);
const previewLine = (page: Page) => page.locator('.admin-preview');
const progressBar = (page: Page) => page.getByRole('progressbar', { name: 'Broadcast progress' });
const progressRegion = (page: Page) => page.getByRole('region', { name: 'Progress' });
const historyItems = (page: Page) => page.getByRole('region', { name: 'History' }).getByRole('listitem');

/** The value shown beside a name in a list of figures ("Pending" → "3"). */
const figure = (scope: Locator, name: string) => scope.locator('dt', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }).locator('xpath=following-sibling::dd');

/** Waits until the preview says it will reach exactly `count` people (it asks 400 ms after the last change). */
async function expectReach(page: Page, count: number): Promise<void> {
  await expect.poll(() => previewLine(page).textContent()).toMatch(new RegExp(`^Will reach ${people(count)}\\b`));
}

/** How many times the page asked each operation over HTTP, by name. */
function countOperations(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on('request', (request) => {
    const body = request.postData();
    if (request.method() !== 'POST' || !body || !request.url().endsWith('/graphql')) return;
    const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(JSON.parse(body).query)?.[1];
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return counts;
}

/** The progress streams the page opens over its socket (broadcast ids, once per subscribe) and how many counts each pushed. */
function watchProgressStreams(page: Page): { opened: string[]; pushes: Map<string, number> } {
  const opened: string[] = [];
  const pushes = new Map<string, number>();
  const broadcastOf = new Map<string, string>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload));
      if (message.type !== 'subscribe' || !message.payload.query.includes('AdminBroadcastProgress')) return;
      opened.push(message.payload.variables.id);
      broadcastOf.set(message.id, message.payload.variables.id);
    });
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload));
      const broadcastId = broadcastOf.get(message.id);
      if (message.type === 'next' && broadcastId) pushes.set(broadcastId, (pushes.get(broadcastId) ?? 0) + 1);
    });
  });
  return { opened, pushes };
}

describe('the admin screen, with people on the web only', () => {
  let web: WebApp;
  let amy: TestUser;
  let boris: TestUser;
  let bea: TestUser;
  let eva: TestUser;

  beforeAll(async () => {
    web = await startWebApp({ ADMIN_HANDLES: adminHandle });
    amy = await signUp(web.api.t, 'web_amy', { locale: 'EN' });
    boris = await signUp(web.api.t, 'web_boris', { locale: 'RU' });
    bea = await signUp(web.api.t, 'web_bea', { locale: 'RU' });
    eva = await signUp(web.api.t, 'web_eva', { locale: 'ES' });
  });

  afterAll(async () => {
    await web?.close();
  });

  it('should preview the reach, send a broadcast to everyone, show it done at 100% and notify every person', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);
    const token = await adminToken(web.api.t);

    await expect.poll(() => previewLine(page).textContent()).toMatch(/Write the text/);
    await page.getByLabel('Broadcast text').fill('Maintenance tonight at 22:00');
    const everyone = await audienceSize(web.api.t, token);
    expect(everyone).toBe(5);
    await expectReach(page, everyone);

    await page.getByRole('button', { name: 'Send broadcast' }).click();
    await page.getByText(`Send this to ${people(everyone)}?`).waitFor();
    await page.getByRole('button', { name: 'Confirm send' }).click();

    // Everyone is on the web only: the in-app deliveries are the whole ledger, sent at once.
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe('100');
    await progressRegion(page).getByRole('status').filter({ hasText: 'Done' }).waitFor();
    expect(await figure(progressRegion(page), 'Sent').textContent()).toBe(String(everyone));
    expect(await figure(progressRegion(page), 'Pending').textContent()).toBe('0');
    expect(await page.getByLabel('Broadcast text').inputValue()).toBe('');

    const [sent] = await history(web.api.t, token);
    expect(sent).toMatchObject({ text: 'Maintenance tonight at 22:00', state: 'DONE', progress: { sent: everyone, pending: 0 } });
    await expect.poll(() => historyItems(page).allTextContents()).toEqual([expect.stringMatching(/^Maintenance tonight at 22:00DONE.*to 5 people5 sent$/)]);
    await screenshot(page, 'admin-done');

    for (const user of [amy, boris, bea, eva]) expect(await broadcastsNotified(web.api.t, user.token), user.handle).toEqual([sent!.id]);
    expect(await broadcastsNotified(web.api.t, token)).toEqual([sent!.id]);
    await context.close();
  });

  it('should count again as the audience changes: languages, recent activity, Telegram', async () => {
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);
    const token = await adminToken(web.api.t);
    // Eva has not been seen for a month.
    await web.api.t.db.prisma.user.update({ where: { id: decodeGlobalID(eva.id).id }, data: { lastActiveAt: new Date(Date.now() - 30 * 86_400_000) } });

    // Typing asks once, after the last keystroke, not once a key.
    const asked = countOperations(page);
    await page.getByLabel('Broadcast text').pressSequentially('Привет!');
    await expectReach(page, await audienceSize(web.api.t, token));
    expect(asked.get('AdminPreviewBroadcast')).toBe(1);

    await page.getByLabel('RU', { exact: true }).check();
    const russian = await audienceSize(web.api.t, token, { locales: ['RU'] });
    expect(russian).toBe(2);
    await expectReach(page, russian);

    await page.getByLabel('ES', { exact: true }).check();
    const russianOrSpanish = await audienceSize(web.api.t, token, { locales: ['RU', 'ES'] });
    expect(russianOrSpanish).toBe(3);
    await expectReach(page, russianOrSpanish);

    await page.getByLabel('Active within days').fill('7');
    const recent = await audienceSize(web.api.t, token, { locales: ['RU', 'ES'], activeWithinDays: 7 });
    expect(recent).toBe(2);
    await expectReach(page, recent);

    await page.getByLabel('Telegram-linked only').check();
    await expectReach(page, 0);

    // The API's own limits come back as an alert beside the form.
    await page.getByLabel('Telegram-linked only').uncheck();
    await page.getByLabel('Active within days').fill('0');
    await page.getByRole('alert').filter({ hasText: /day/ }).waitFor();

    // An empty text is caught before anything is sent.
    await page.getByLabel('Broadcast text').fill('   ');
    await page.getByRole('button', { name: 'Send broadcast' }).click();
    await page.getByRole('alert').filter({ hasText: 'write the text' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirm send' }).count()).toBe(0);
    await context.close();
  });

  it('should list the history newest first, 20 at a time, and show the progress of one picked from it', async () => {
    const token = await adminToken(web.api.t);
    for (let n = 1; n <= 21; n += 1) {
      ok(await web.api.t.gql(`mutation($text: String!) { sendBroadcast(input: { text: $text, audience: { locales: [ES] } }) { id } }`, { text: `Paged ${n}` }, { token }));
    }
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);

    const texts = () => page.locator('.admin-history-text').allTextContents();
    await expect.poll(texts).toEqual(Array.from({ length: 20 }, (_, i) => `Paged ${21 - i}`));
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(texts).toEqual([...Array.from({ length: 21 }, (_, i) => `Paged ${21 - i}`), 'Maintenance tonight at 22:00']);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    await page.getByRole('button', { name: /^Maintenance tonight at 22:00/ }).click();
    await progressRegion(page).getByText('Maintenance tonight at 22:00').waitFor();
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe('100');
    expect(await figure(progressRegion(page), 'Sent').textContent()).toBe('5');
    await context.close();
  });

  it('should keep the newest count when the answer to an older question comes last', async () => {
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);
    // Every text the preview line shows, in order.
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { previewTexts: string[] }).previewTexts = shown;
      new MutationObserver(() => {
        const text = document.querySelector('.admin-preview')?.textContent;
        if (text && text !== shown.at(-1)) shown.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // The answer to the first question is held back until a newer one has been answered.
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let previews = 0;
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('AdminPreviewBroadcast')) return route.fallback();
      previews += 1;
      if (previews > 1) return route.fallback();
      const response = await route.fetch();
      await firstHeld;
      await route.fulfill({ response });
    });

    await page.getByLabel('Broadcast text').fill('Hello');
    await expect.poll(() => previews).toBe(1);
    await page.getByLabel('RU', { exact: true }).check();
    await expectReach(page, 2);
    const firstAnswered = page.waitForResponse((response) => response.request().postData()?.includes('AdminPreviewBroadcast') ?? false);
    releaseFirst();
    await firstAnswered;
    // One more question, answered after the held one: by then the held answer has been dealt with.
    await page.getByLabel('ES', { exact: true }).check();
    await expectReach(page, 3);
    const shown = await page.evaluate(() => (window as unknown as { previewTexts: string[] }).previewTexts);
    expect(shown.filter((text) => text.startsWith('Will reach'))).toEqual(['Will reach 2 people', 'Will reach 3 people']);
    await context.close();
  });

  it('should show the API refusing a broadcast the form let through, and send nothing', async () => {
    const token = await adminToken(web.api.t);
    const before = await history(web.api.t, token);
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);

    // The form stops at Telegram's 4096 characters; past that guard, the API is the one to refuse.
    const text = page.getByLabel('Broadcast text');
    await text.evaluate((box) => box.removeAttribute('maxlength'));
    await text.fill('x'.repeat(4097));
    const refused = page.getByRole('alert').filter({ hasText: 'text: at most 4096 characters' });
    await refused.waitFor();
    await page.getByRole('button', { name: 'Send broadcast' }).click();
    await page.getByRole('button', { name: 'Confirm send' }).click();
    // The preview's alert, and now the send's.
    await expect.poll(() => refused.count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Confirm send' }).isEnabled()).toBe(true);
    expect(await text.inputValue()).toHaveLength(4097);
    await progressRegion(page).getByText('Send a broadcast, or choose one from the history').waitFor();
    expect(await history(web.api.t, token)).toEqual(before);
    await context.close();
  });

  it('should show the stats as numbers and as a chart, and read them again on Refresh', async () => {
    const token = await adminToken(web.api.t);
    const conversationId = await directConversation(web.api.t, amy, boris);
    ok(await web.api.t.gql(`mutation($id: ID!) { sendMessage(input: { conversationId: $id, text: "hi" }) { id } }`, { id: conversationId }, { token: amy.token }));

    const { context, page } = await newPerson(browser, { phone: true });
    await signInInBrowser(page, web.origin, adminHandle);
    await page.goto(`${web.origin}/admin`);
    const stats = page.getByRole('region', { name: 'Stats' });
    await figure(stats, 'Users').waitFor();

    // Something happens while the screen is open; Refresh shows it.
    ok(await web.api.t.gql(`mutation { recordActivity(input: { text: "Ran 5 km" }) { id } }`, {}, { token: bea.token }));
    await stats.getByRole('button', { name: 'Refresh' }).click();
    const expected = ok(await web.api.t.gql(`{ stats { users activeLast7Days newLast7Days telegramLinked messagesLast24h activitiesLast24h } }`, {}, { token })).stats;
    expect(expected).toMatchObject({ users: 5, newLast7Days: 5, telegramLinked: 0, messagesLast24h: 1, activitiesLast24h: 1 });
    await expect.poll(() => figure(stats, 'Activities (24 h)').textContent()).toBe('1');
    const shown = {
      users: await figure(stats, 'Users').textContent(),
      activeLast7Days: await figure(stats, 'Active (7 days)').textContent(),
      newLast7Days: await figure(stats, 'New (7 days)').textContent(),
      telegramLinked: await figure(stats, 'Telegram-linked').textContent(),
      messagesLast24h: await figure(stats, 'Messages (24 h)').textContent(),
      activitiesLast24h: await figure(stats, 'Activities (24 h)').textContent(),
    };
    expect(shown).toEqual(Object.fromEntries(Object.entries(expected).map(([name, value]) => [name, String(value)])));

    const chart = stats.getByRole('img');
    expect(await chart.getAttribute('aria-label')).toBe(
      `Service stats. users: ${expected.users}, active in the last 7 days: ${expected.activeLast7Days}, new in the last 7 days: ${expected.newLast7Days}, ` +
        `linked to Telegram: 0, messages in the last 24 hours: 1, activities in the last 24 hours: 1`,
    );
    expect(await chart.locator('.admin-chart-label').allTextContents()).toEqual(['Users', 'Active (7 days)', 'New (7 days)', 'Telegram-linked', 'Messages (24 h)', 'Activities (24 h)']);
    expect(await chart.locator('.admin-chart-value').allTextContents()).toEqual(Object.values(expected).map(String));
    // Bars are drawn to scale: the largest value fills the track, zero draws nothing.
    const widths = await chart.locator('.admin-chart-bar').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('width'))));
    expect(widths).toHaveLength(6);
    expect(widths[0]).toBe(Math.max(...widths));
    expect(widths[3]).toBe(0);
    expect(widths[4]).toBeLessThan(widths[0]!);

    await page.getByRole('heading', { name: 'History' }).waitFor();
    await screenshot(page, 'admin-phone');
    await stats.screenshot({ path: join(screenshotDir, 'admin-phone-stats.png') });
    await context.close();
  });

  it('should give no Admin link to someone else, and send them away from /admin', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'web_nobody');
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(links).not.toContain('Admin');
    expect(links.length).toBeGreaterThan(0);

    await page.goto(`${web.origin}/admin`);
    await page.waitForURL((url) => url.pathname !== '/admin');
    expect(new URL(page.url()).pathname).toBe('/conversations');
    expect(await page.getByRole('heading', { name: 'New broadcast' }).count()).toBe(0);
    await context.close();
  });
});

describe('the admin screen, with people the bot must reach on Telegram', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp({ ADMIN_HANDLES: adminHandle });
  });
  afterAll(async () => {
    await web?.close();
  });

  let telegramId = 7_770_000;
  async function telegramUser(t: TestApp): Promise<void> {
    telegramId += 1;
    const input = { telegramId: String(telegramId), chatId: String(telegramId), firstName: 'Tele' };
    ok(await t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: input }, { serviceKey }));
  }
  const claim = async (t: TestApp, limit: number): Promise<{ id: string }[]> =>
    ok(await t.gql(`mutation($l: Int!) { claimDeliveries(input: { channel: TELEGRAM, limit: $l }) { id } }`, { l: limit }, { serviceKey })).claimDeliveries;

  it('should follow a broadcast live while the bot sends, and cancel what is still pending', async () => {
    const t = web.api.t;
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);
    await signUp(t, 'web_only');
    for (let n = 0; n < 3; n += 1) await telegramUser(t);
    const token = await adminToken(t);

    await page.getByLabel('Broadcast text').fill('New version of the bot is out');
    await page.getByLabel('Telegram-linked only').check();
    const linked = await audienceSize(t, token, { telegramLinkedOnly: true });
    expect(linked).toBe(3);
    await expectReach(page, linked);
    expect(await previewLine(page).textContent()).toBe('Will reach 3 people (3 also on Telegram)');
    await page.getByRole('button', { name: 'Send broadcast' }).click();
    await page.getByRole('button', { name: 'Confirm send' }).click();

    // Three in-app deliveries are sent at once; three wait for the bot: half done.
    const progress = progressRegion(page);
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe('50');
    expect(await figure(progress, 'Pending').textContent()).toBe('3');
    expect(await figure(progress, 'ETA').textContent()).toBe('waiting for the bot');
    await progress.getByRole('status').filter({ hasText: 'Sending' }).waitFor();

    // The bot sends one: the live stream moves the bar and has a rate to tell the time left by.
    const [first] = await claim(t, 1);
    ok(await t.gql(`mutation($r: [DeliveryReportInput!]!) { reportDeliveries(input: { reports: $r }) }`, { r: [{ id: first!.id, outcome: 'SENT', externalId: '501' }] }, { serviceKey }));
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe('66');
    expect(await figure(progress, 'Sent').textContent()).toBe('4');
    expect(await figure(progress, 'Pending').textContent()).toBe('2');
    await expect.poll(() => figure(progress, 'Rate').textContent()).toMatch(/^0\.\d+\/s$|^1\/s$/);
    await expect.poll(() => figure(progress, 'ETA').textContent()).toMatch(/^about \d+ (s|min)$/);
    await expect.poll(() => historyItems(page).allTextContents()).toEqual([expect.stringMatching(/SENDING.*4 sent · 2 pending$/)]);
    await screenshot(page, 'admin');

    await page.getByRole('button', { name: 'Cancel broadcast' }).click();
    await progress.getByRole('status').filter({ hasText: 'Cancelled' }).waitFor();
    expect(await progressBar(page).getAttribute('aria-valuenow')).toBe('66');
    expect(await figure(progress, 'Cancelled').textContent()).toBe('2');
    expect(await figure(progress, 'Pending').textContent()).toBe('0');
    expect(await page.getByRole('button', { name: 'Cancel broadcast' }).count()).toBe(0);
    await expect.poll(() => historyItems(page).allTextContents()).toEqual([expect.stringMatching(/CANCELLED.*4 sent · 2 cancelled$/)]);

    const [cancelled] = await history(t, token);
    expect(cancelled).toMatchObject({ state: 'CANCELLED', progress: { total: 6, sent: 4, pending: 0, cancelled: 2 } });
    // Nothing is left for the bot, and the bar stays where sending stopped.
    expect(await claim(t, 10)).toEqual([]);
    expect(await progressBar(page).getAttribute('aria-valuenow')).toBe('66');
    await context.close();
  });

  it('should settle when the broadcast is cancelled elsewhere, on one progress stream, reading the broadcast again only then', async () => {
    const t = web.api.t;
    const { context, page } = await newPerson(browser);
    const streams = watchProgressStreams(page);
    const asked = countOperations(page);
    await signInInBrowser(page, web.origin, adminHandle);
    await openAdmin(page);
    const token = await adminToken(t);

    await page.getByLabel('Broadcast text').fill('Quiet hours start at 23:00');
    await page.getByLabel('Telegram-linked only').check();
    await expectReach(page, 3);
    await page.getByRole('button', { name: 'Send broadcast' }).click();
    await page.getByRole('button', { name: 'Confirm send' }).click();
    const progress = progressRegion(page);
    await progress.getByRole('status').filter({ hasText: 'Sending' }).waitFor();
    const [sent] = await history(t, token);
    expect(sent).toMatchObject({ text: 'Quiet hours start at 23:00', state: 'SENDING' });
    // A few ticks while the bot has sent nothing.
    await expect.poll(() => streams.pushes.get(sent!.id) ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    // Another admin (or another tab) cancels it: the stream says so one last time and ends.
    ok(await t.gql(`mutation($id: ID!) { cancelBroadcast(input: { broadcastId: $id }) { id } }`, { id: sent!.id }, { token }));
    await progress.getByRole('status').filter({ hasText: 'Cancelled' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel broadcast' }).count()).toBe(0);
    expect(await figure(progress, 'Pending').textContent()).toBe('0');
    expect(await figure(progress, 'Cancelled').textContent()).toBe('3');
    expect(await progressBar(page).getAttribute('aria-valuenow')).toBe('50');
    await expect.poll(() => historyItems(page).first().textContent()).toMatch(/^Quiet hours start at 23:00CANCELLED.*3 sent · 3 cancelled$/);

    // The panel and the history shared one stream, and read the broadcast once more when it ended, not on every tick.
    expect(streams.opened.filter((id) => id === sent!.id)).toHaveLength(1);
    expect(asked.get('AdminBroadcast')).toBe(2);
    await context.close();
  });
});
