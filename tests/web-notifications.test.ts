// The notifications screen and the profile in a real browser: notifications arriving live with
// the navigation's unread badge, marking them read, opening what they are about, paging; and
// the profile, where Telegram (the other way notifications reach you) is linked.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../src/pubsub/topics.ts';
import { ok, serviceKey } from './utils/test-app.ts';
import { launchBrowser, newPerson, screenshot, sessionOf, signInInBrowser, signUpInBrowser, startWebApp, watchListeners, type WebApp } from './utils/browser.ts';
import { directConversation, signUp, type TestUser } from './utils/users.ts';

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

async function requestFriendship(from: TestUser, to: TestUser): Promise<void> {
  ok(await web.api.t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { id } }`, { h: to.handle }, { token: from.token }));
}

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const badge = (page: Page) => navigation(page).locator('.badge');
const notifications = (page: Page) => page.getByRole('list', { name: 'Notifications' });

async function sendMessage(author: TestUser, conversationId: string, text: string): Promise<void> {
  ok(await web.api.t.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, { input: { conversationId, text } }, { token: author.token }));
}

/** How many times the page has asked for the notifications' first page (or a later one) so far. */
function countListQueries(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.postData()?.includes('query NotificationsPage')) count += 1;
  });
  return () => count;
}

async function openNotifications(page: Page): Promise<void> {
  await navigation(page).getByRole('link', { name: 'Notifications' }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
}

describe('notifications', () => {
  it('should show a friend request live, once, with an unread badge that Mark all as read clears', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'notif_ann', 'Ann');
    const ann = await sessionOf(page);
    const listQueries = countListQueries(page);
    await openNotifications(page);
    await page.getByText('No notifications yet.').waitFor();
    expect(await badge(page).count()).toBe(0);

    await listening('user', ann);
    const bob = await signUp(web.api.t, 'notif_bob');
    await requestFriendship(bob, ann);
    const item = notifications(page).getByRole('listitem');
    await item.getByRole('link', { name: 'NOTIF_BOB (@notif_bob) sent you a friend request' }).waitFor();
    await badge(page).filter({ hasText: '1' }).waitFor();
    expect(await item.count()).toBe(1);
    // The event carries all a friend request needs (it leads to the friends screen): no refetch.
    expect(listQueries()).toBe(1);
    expect(await item.getAttribute('class')).toBe('notification unread');
    expect(await item.getByRole('button', { name: 'Mark read' }).count()).toBe(1);
    await screenshot(page, 'notifications');

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => badge(page).count()).toBe(0);
    expect(await item.getAttribute('class')).toBe('notification');
    expect(await item.getByRole('button', { name: 'Mark read' }).count()).toBe(0);
    await context.close();
  });

  it('should mark one read, list only unread ones, and open the conversation or the friends screen', async () => {
    const [ann, eve, cal] = await Promise.all(['notif_ann2', 'notif_eve', 'notif_cal'].map((handle) => signUp(web.api.t, handle)));
    // Eve: a friend request (read once Ann accepts it) and a message; Cal: a friend request.
    const conversationId = await directConversation(web.api.t, eve!, ann!);
    ok(await web.api.t.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, { input: { conversationId, text: 'Hi Ann!' } }, { token: eve!.token }));
    await requestFriendship(cal!, ann!);

    const { context, page } = await newPerson(browser, { phone: true });
    await signInInBrowser(page, web.origin, ann!.handle);
    await openNotifications(page);
    const items = notifications(page).getByRole('listitem');
    await items.nth(2).waitFor();
    expect(await items.locator('.notification-text').allTextContents()).toEqual([
      'NewNOTIF_CAL (@notif_cal) sent you a friend request',
      'NewNOTIF_EVE: Hi Ann!',
      'NOTIF_EVE (@notif_eve) sent you a friend request',
    ]);
    await badge(page).filter({ hasText: '2' }).waitFor();

    await page.getByLabel('Unread only').check();
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    await items.first().getByRole('button', { name: 'Mark read' }).click();
    await badge(page).filter({ hasText: '1' }).waitFor();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.locator('.notification-text').allTextContents()).toEqual(['NewNOTIF_EVE: Hi Ann!']);
    await screenshot(page, 'notifications-phone');

    await page.getByLabel('Unread only').uncheck();
    await items.nth(2).waitFor();
    expect(await items.evaluateAll((elements) => elements.map((element) => element.className))).toEqual([
      'notification',
      'notification unread',
      'notification',
    ]);

    await items.getByRole('link', { name: 'NOTIF_EVE: Hi Ann!' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/conversations/'));
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/conversations/${conversationId}`);
    // Opening it read it.
    await expect.poll(() => badge(page).count()).toBe(0);

    await openNotifications(page);
    await items.getByRole('link', { name: 'NOTIF_EVE (@notif_eve) sent you a friend request' }).click();
    await page.waitForURL((url) => url.pathname === '/friends');
    await context.close();
  });

  it('should lead a message that arrives live to its conversation, fetching the list again only for a new notification', async () => {
    const [ann, eve] = await Promise.all(['notif_ann3', 'notif_eve3'].map((handle) => signUp(web.api.t, handle)));
    const conversationId = await directConversation(web.api.t, eve!, ann!);
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, ann!.handle);
    const listQueries = countListQueries(page);
    await openNotifications(page);
    const items = notifications(page).getByRole('listitem');
    await items.getByText('NOTIF_EVE3 (@notif_eve3) sent you a friend request').waitFor();
    const path = `/conversations/${encodeURIComponent(conversationId)}`;

    await listening('user', ann!);
    // New: only its subject says where it leads, so the first page is fetched again for it.
    await sendMessage(eve!, conversationId, 'First news');
    const first = items.getByRole('link', { name: 'NOTIF_EVE3: First news' });
    await first.waitFor();
    expect(await first.getAttribute('href')).toBe(path);
    expect(listQueries()).toBe(2);

    // The same notification, updated: it keeps where it leads, with no fetch.
    await sendMessage(eve!, conversationId, 'Second news');
    const second = items.getByRole('link', { name: 'NOTIF_EVE3: Second news' });
    await second.waitFor();
    expect(await second.getAttribute('href')).toBe(path);
    expect(await items.count()).toBe(2);
    expect(listQueries()).toBe(2);
    await context.close();
  });

  it('should keep a notification unread and say why when marking it read is refused or cannot reach the server', async () => {
    const [ann, gil] = await Promise.all(['notif_ann4', 'notif_gil'].map((handle) => signUp(web.api.t, handle)));
    await requestFriendship(gil!, ann!);
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, ann!.handle);
    await openNotifications(page);
    const item = notifications(page).getByRole('listitem');
    await item.getByText('NOTIF_GIL (@notif_gil) sent you a friend request').waitFor();
    await badge(page).filter({ hasText: '1' }).waitFor();

    const isMarkRead = (postData: string | null) => postData?.includes('mutation NotificationsMarkRead') ?? false;
    await page.route('**/graphql', (route) =>
      isMarkRead(route.request().postData())
        ? route.fulfill({ json: { data: null, errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfter: 3 } }] } })
        : route.continue(),
    );
    await item.getByRole('button', { name: 'Mark read' }).click();
    expect(await item.getByRole('alert').textContent()).toBe('Too many requests. Try again in 3 s.');
    expect(await item.getAttribute('class')).toBe('notification unread');

    await page.unroute('**/graphql');
    await page.route('**/graphql', (route) => (isMarkRead(route.request().postData()) ? route.abort() : route.continue()));
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    const listAlert = page.getByRole('region', { name: 'Notifications' }).locator(':scope > [role=alert]');
    expect(await listAlert.textContent()).toBe('Cannot reach the server. Check your connection; we keep trying.');
    expect(await item.getAttribute('class')).toBe('notification unread');
    expect(await badge(page).textContent()).toBe('1');

    // Back online, the same button works, and its alert goes.
    await page.unroute('**/graphql');
    await item.getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => badge(page).count()).toBe(0);
    expect(await item.getAttribute('class')).toBe('notification');
    expect(await item.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('should page back with Show more and add what arrives live on top, once', async () => {
    const ann = await signUp(web.api.t, 'notif_many');
    const requesters = await Promise.all(Array.from({ length: 31 }, (_, index) => signUp(web.api.t, `notif_req${index}`)));
    for (const requester of requesters) await requestFriendship(requester, ann);

    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, ann.handle);
    await openNotifications(page);
    const items = notifications(page).getByRole('listitem');
    await items.nth(29).waitFor();
    expect(await items.count()).toBe(30);

    await listening('user', ann);
    const late = await signUp(web.api.t, 'notif_late');
    await requestFriendship(late, ann);
    await items.getByText('NOTIF_LATE (@notif_late) sent you a friend request').waitFor();
    await page.getByRole('button', { name: 'Show more' }).click();
    await items.getByText('NOTIF_REQ0 (@notif_req0) sent you a friend request').waitFor();
    const texts = await items.locator('.notification-text a').allTextContents();
    expect(texts).toHaveLength(32);
    expect(new Set(texts).size).toBe(32);
    expect(texts[0]).toContain('notif_late');
    expect(texts.at(-1)).toContain('notif_req0');
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    await context.close();
  });
});

describe('the profile', () => {
  it('should save name, language and time zone, refuse an unknown zone, and link Telegram with a code', async () => {
    const pat = await signUp(web.api.t, 'prof_pat');
    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, pat.handle);
    await navigation(page).getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Display name').fill('Patricia Q');
    await page.getByLabel('Language').selectOption('ES');
    await page.getByLabel('Time zone').fill('Europe/Madrid');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const me = async () => ok(await web.api.t.gql(`{ me { user { displayName locale timezone } } }`, {}, { token: pat.token })).me.user;
    expect(await me()).toEqual({ displayName: 'Patricia Q', locale: 'ES', timezone: 'Europe/Madrid' });

    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save profile' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/^Please check this: Time zone: "Mars\/Olympus" is not an IANA time zone/);
    expect((await me()).timezone).toBe('Europe/Madrid');
    // Refused, the form keeps what was typed, to be corrected, and no longer says it saved.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Mars/Olympus');
    expect(await page.getByLabel('Display name').inputValue()).toBe('Patricia Q');
    expect(await page.getByRole('status').filter({ hasText: 'Profile saved.' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Link Telegram' }).click();
    const code = (await page.locator('.profile-code').textContent())!;
    expect(code).toMatch(/\S{4,}/);
    const link = page.getByRole('link', { name: /^https:\/\/t\.me\// });
    expect(await link.getAttribute('href')).toBe(`https://t.me/ChorusBot?start=${encodeURIComponent(code)}`);
    await screenshot(page, 'profile');

    // The bot presents the code; asked to look again, the page says it is linked.
    ok(
      await web.api.t.gql(
        `mutation($input: LinkTelegramInput!) { linkTelegram(input: $input) { accessToken } }`,
        { input: { code, telegramId: '777001', chatId: '777001', firstName: 'Pat' } },
        { serviceKey },
      ),
    );
    await page.getByRole('button', { name: 'I have linked it' }).click();
    await page.getByText('Telegram linked.').waitFor();
    expect(await page.getByRole('button', { name: 'Link Telegram' }).count()).toBe(0);
    await context.close();
  });
});
