// The Friends screen in a real browser: requests that arrive live, answering them, search with
// the right action per relation, suggestions from friends of friends, and long lists by page.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, screenshot, signInInBrowser, signUpInBrowser, startWebApp, type WebApp } from './utils/browser.ts';
import { ok } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  web = await startWebApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Opens the Friends screen from the navigation (no page load). */
async function openFriends(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Friends' }).click();
  await page.getByRole('heading', { name: 'Your friends' }).waitFor();
}

function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name });
}

/** The row of the list in `where` that shows @handle. */
function rowOf(where: Locator, handle: string): Locator {
  return where.getByRole('listitem').filter({ hasText: `@${handle}` });
}

/** The handles a section lists, in order. */
async function handlesIn(where: Locator): Promise<string[]> {
  const texts = await where.getByRole('listitem').allInnerTexts();
  return texts.flatMap((text) => text.match(/@[a-z0-9_]+/)?.[0] ?? []);
}

async function search(page: Page, term: string): Promise<Locator> {
  await page.getByLabel('Search people').fill(term);
  await page.getByLabel('Search people').press('Enter');
  return page.getByRole('list', { name: 'Search results' });
}

async function friendshipSeenBy(viewer: TestUser, handle: string): Promise<string> {
  const data = ok(await web.api.t.gql(`query($h: String!) { user(handle: $h) { friendship } }`, { h: handle }, { token: viewer.token }));
  return data.user.friendship;
}

describe('friend requests', () => {
  it('should show a request live on the other side, and both lists once it is accepted', async () => {
    const ann = await newPerson(browser);
    const bob = await newPerson(browser);
    await signUpInBrowser(ann.page, web.origin, 'wf_ann', 'Ann Lee');
    await signUpInBrowser(bob.page, web.origin, 'wf_bob', 'Bob Day');

    // Bob's screen is open before the request exists; a marker shows it is never reloaded.
    await openFriends(bob.page);
    await bob.page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    const bobsIncoming = section(bob.page, 'Incoming requests');
    await bobsIncoming.getByText('No requests waiting for you.').waitFor();

    await openFriends(ann.page);
    const results = await search(ann.page, 'wf_bob');
    const bobInResults = rowOf(results, 'wf_bob');
    await bobInResults.getByRole('button', { name: 'Add friend' }).click();
    await bobInResults.getByRole('button', { name: 'Cancel request' }).waitFor();
    await rowOf(section(ann.page, 'Outgoing requests'), 'wf_bob').waitFor();

    const request = rowOf(bobsIncoming, 'wf_ann');
    await request.waitFor();
    expect(await request.textContent()).toContain('Ann Lee');
    await request.getByRole('button', { name: 'Accept' }).click();
    await bobsIncoming.getByText('No requests waiting for you.').waitFor();
    const bobsFriends = section(bob.page, 'Your friends');
    await rowOf(bobsFriends, 'wf_ann').waitFor();
    expect(await handlesIn(bobsFriends)).toEqual(['@wf_ann']);
    expect(await rowOf(bobsFriends, 'wf_ann').textContent()).toContain('1 friend');
    expect(await bob.page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);

    // Ann hears of the acceptance live too: Bob moves from her outgoing requests to her friends.
    const annsFriends = section(ann.page, 'Your friends');
    await rowOf(annsFriends, 'wf_bob').waitFor();
    expect(await handlesIn(annsFriends)).toEqual(['@wf_bob']);
    await section(ann.page, 'Outgoing requests').getByText('You have no requests waiting for an answer.').waitFor();
    await bobInResults.getByText('Friends', { exact: true }).waitFor();
    await screenshot(ann.page, 'friends');

    await rowOf(annsFriends, 'wf_bob').getByRole('button', { name: 'Message' }).click();
    await expect.poll(() => new URL(ann.page.url()).pathname).toMatch(/^\/conversations\/[^/]+$/);

    await ann.context.close();
    await bob.context.close();
  });

  it('should remove a declined or cancelled request, and say why an answer to a withdrawn one failed', async () => {
    const t = web.api.t;
    const pia = await signUp(t, 'wf_pia');
    const quinn = await signUp(t, 'wf_quinn');
    const rae = await signUp(t, 'wf_rae');
    const sam = await signUp(t, 'wf_sam');
    for (const asker of [quinn, sam]) {
      ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { id } }`, { h: pia.handle }, { token: asker.token }));
    }
    ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { id } }`, { h: rae.handle }, { token: pia.token }));

    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, 'wf_pia');
    await openFriends(page);
    const incoming = section(page, 'Incoming requests');
    await rowOf(incoming, 'wf_quinn').waitFor();
    // Newest first.
    expect(await handlesIn(incoming)).toEqual(['@wf_sam', '@wf_quinn']);

    await rowOf(incoming, 'wf_quinn').getByRole('button', { name: 'Decline' }).click();
    await rowOf(incoming, 'wf_quinn').waitFor({ state: 'detached' });
    expect(await handlesIn(incoming)).toEqual(['@wf_sam']);
    expect(await friendshipSeenBy(quinn, 'wf_pia')).toBe('NONE');

    const outgoing = section(page, 'Outgoing requests');
    await rowOf(outgoing, 'wf_rae').getByRole('button', { name: 'Cancel' }).click();
    await outgoing.getByText('You have no requests waiting for an answer.').waitFor();
    expect(await friendshipSeenBy(rae, 'wf_pia')).toBe('NONE');

    // Sam takes the request back while it is on screen: accepting it says what happened.
    ok(await t.gql(`mutation($h: String!) { cancelFriendRequest(input: { handle: $h }) { id } }`, { h: pia.handle }, { token: sam.token }));
    await rowOf(incoming, 'wf_sam').getByRole('button', { name: 'Accept' }).click();
    expect(await rowOf(incoming, 'wf_sam').getByRole('alert').textContent()).toMatch(/^Not found: /);
    await context.close();
  });

  it('should offer the action that fits each relation in search, and find a blocked person to unblock', async () => {
    const t = web.api.t;
    const vic = await signUp(t, 'ws_vic');
    const fay = await signUp(t, 'ws_fay', { displayName: 'Fay Friend' });
    const ria = await signUp(t, 'ws_ria', { displayName: 'Ria Requested' });
    const tom = await signUp(t, 'ws_tom', { displayName: 'Tom Them' });
    await signUp(t, 'ws_uma', { displayName: 'Uma Unknown' });
    const gus = await signUp(t, 'ws_gus', { displayName: 'Gus Gone' });
    await befriend(t, vic, fay);
    await befriend(t, vic, gus);
    ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { id } }`, { h: ria.handle }, { token: vic.token }));
    ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { id } }`, { h: vic.handle }, { token: tom.token }));

    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, 'ws_vic');
    await openFriends(page);
    const results = await search(page, 'ws_');
    await rowOf(results, 'ws_vic').waitFor();
    expect(await handlesIn(results)).toEqual(['@ws_fay', '@ws_gus', '@ws_ria', '@ws_tom', '@ws_uma', '@ws_vic']);
    const buttonsOf = (handle: string) => rowOf(results, handle).getByRole('button').allTextContents();
    expect(await rowOf(results, 'ws_fay').getByText('Friends', { exact: true }).count()).toBe(1);
    expect(await buttonsOf('ws_fay')).toEqual([]);
    expect(await buttonsOf('ws_ria')).toEqual(['Cancel request', 'Block']);
    expect(await buttonsOf('ws_tom')).toEqual(['Accept', 'Block']);
    expect(await buttonsOf('ws_uma')).toEqual(['Add friend', 'Block']);
    expect(await buttonsOf('ws_vic')).toEqual([]);

    await rowOf(results, 'ws_uma').getByRole('button', { name: 'Block' }).click();
    await rowOf(results, 'ws_uma').waitFor({ state: 'detached' });
    const blocked = await search(page, '@ws_uma');
    await rowOf(blocked, 'ws_uma').getByRole('button', { name: 'Unblock' }).click();
    await rowOf(blocked, 'ws_uma').getByRole('button', { name: 'Add friend' }).waitFor();
    expect(await buttonsOf('ws_uma')).toEqual(['Add friend', 'Block']);

    // Remove and Block from the friends list.
    const friends = section(page, 'Your friends');
    expect(await handlesIn(friends)).toEqual(['@ws_fay', '@ws_gus']);
    await rowOf(friends, 'ws_gus').getByRole('button', { name: 'Remove' }).click();
    await rowOf(friends, 'ws_gus').waitFor({ state: 'detached' });
    expect(await friendshipSeenBy(gus, 'ws_vic')).toBe('NONE');
    await rowOf(friends, 'ws_fay').getByRole('button', { name: 'Block' }).click();
    await friends.getByText(/^No friends yet/).waitFor();
    expect(await friendshipSeenBy(fay, 'ws_vic')).toBe('BLOCKED');
    await search(page, 'ws_fay');
    await rowOf(results, 'ws_fay').getByRole('button', { name: 'Unblock' }).waitFor();
    expect(await buttonsOf('ws_fay')).toEqual(['Unblock']);
    await context.close();
  });
});

describe('refused and repeated actions', () => {
  it('should show a refused action on its row only, replace it with the next outcome, and give the buttons back', async () => {
    const t = web.api.t;
    const zed = await signUp(t, 'wr_zed');
    const ida = await signUp(t, 'wr_ida');
    const jon = await signUp(t, 'wr_jon');
    await befriend(t, zed, ida);
    await befriend(t, zed, jon);

    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, 'wr_zed');
    await openFriends(page);
    const friends = section(page, 'Your friends');
    const jonsRow = rowOf(friends, 'wr_jon');
    await jonsRow.waitFor();

    // Jon ends the friendship while Zed's list still shows him (a removal sends no news).
    ok(await t.gql(`mutation($h: String!) { removeFriend(input: { handle: $h }) { id } }`, { h: zed.handle }, { token: jon.token }));

    await jonsRow.getByRole('button', { name: 'Message' }).click();
    expect(await jonsRow.getByRole('alert').textContent()).toBe('Not allowed: You can only start a conversation with a friend.');
    expect(new URL(page.url()).pathname).toBe('/friends');
    expect(await friends.getByRole('alert').count()).toBe(1);
    expect(await rowOf(friends, 'wr_ida').getByRole('alert').count()).toBe(0);
    expect(await jonsRow.getByRole('button', { disabled: false }).allTextContents()).toEqual(['Message', 'Remove', 'Block']);

    // The next refusal replaces the first: the row tells what its last try did.
    await jonsRow.getByRole('button', { name: 'Remove' }).click();
    await jonsRow.getByRole('alert').getByText(/^Not found: /).waitFor();
    expect(await friends.getByRole('alert').count()).toBe(1);
    expect(await jonsRow.getByRole('button', { disabled: false }).allTextContents()).toEqual(['Message', 'Remove', 'Block']);
    expect(await friendshipSeenBy(ida, 'wr_zed')).toBe('FRIENDS');
    await context.close();
  });

  it('should send one request for a double click, with the buttons waiting until it is answered', async () => {
    const t = web.api.t;
    await signUp(t, 'wd_kim');
    const lou = await signUp(t, 'wd_lou');

    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, 'wd_kim');
    await openFriends(page);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.postDataJSON()?.operationName === 'FriendsSendRequest') sent.push(request.url());
    });
    // The request is held until the test has seen the waiting buttons.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName === 'FriendsSendRequest') await answered;
      await route.continue();
    });

    const results = await search(page, 'wd_lou');
    const lousRow = rowOf(results, 'wd_lou');
    await lousRow.getByRole('button', { name: 'Add friend' }).dblclick();
    await expect.poll(() => sent.length).toBe(1);
    expect(await lousRow.getByRole('button', { disabled: true }).allTextContents()).toEqual(['Add friend', 'Block']);
    answer();

    await lousRow.getByRole('button', { name: 'Cancel request' }).waitFor();
    expect(sent).toHaveLength(1);
    expect(await lousRow.getByRole('alert').count()).toBe(0);
    expect(await friendshipSeenBy(lou, 'wd_kim')).toBe('REQUESTED_BY_THEM');
    await context.close();
  });
});

describe('discover', () => {
  it('should suggest friends of friends by friends in common, and ask one with a single click', async () => {
    const t = web.api.t;
    const fin = await signUp(t, 'wf_fin', { displayName: 'Fin' });
    const cal = await signUp(t, 'wf_cal', { displayName: 'Cal Common' });
    const dot = await signUp(t, 'wf_dot', { displayName: 'Dot' });
    const eve = await signUp(t, 'wf_eve', { displayName: 'Eve' });
    const hal = await signUp(t, 'wf_hal', { displayName: 'Hal Half' });
    for (const [a, b] of [
      [cal, dot],
      [cal, eve],
      [fin, dot],
      [fin, eve],
      [hal, eve],
    ] as const) {
      await befriend(t, a, b);
    }

    const { context, page } = await newPerson(browser, { phone: true });
    await signInInBrowser(page, web.origin, 'wf_fin');
    await openFriends(page);
    const discover = section(page, 'Discover');
    await rowOf(discover, 'wf_cal').waitFor();
    expect(await handlesIn(discover)).toEqual(['@wf_cal', '@wf_hal']);
    const calCard = rowOf(discover, 'wf_cal');
    expect(await calCard.textContent()).toContain('2 mutual friends · via Dot, Eve');
    expect(await rowOf(discover, 'wf_hal').textContent()).toContain('1 mutual friend · via Eve');
    await screenshot(page, 'friends-phone');

    await calCard.getByRole('button', { name: 'Add friend' }).click();
    await calCard.getByText('Requested', { exact: true }).waitFor();
    expect(await friendshipSeenBy(cal, 'wf_fin')).toBe('REQUESTED_BY_THEM');
    await rowOf(section(page, 'Outgoing requests'), 'wf_cal').waitFor();
    // The card keeps its place, and the other suggestion is still one click away.
    expect(await handlesIn(discover)).toEqual(['@wf_cal', '@wf_hal']);
    expect(await calCard.getByRole('button').count()).toBe(0);
    await rowOf(discover, 'wf_hal').getByRole('button', { name: 'Add friend' }).waitFor();
    await context.close();
  });
});

describe('long lists', () => {
  it('should show the friends list a page at a time with Show more', async () => {
    const t = web.api.t;
    const max = await signUp(t, 'wf_max');
    const handles: string[] = [];
    for (let n = 0; n < 23; n += 1) {
      const friend = await signUp(t, `wf_pal${String(n).padStart(2, '0')}`);
      await befriend(t, max, friend);
      handles.push(`@${friend.handle}`);
    }

    const { context, page } = await newPerson(browser);
    await signInInBrowser(page, web.origin, 'wf_max');
    await openFriends(page);
    const friends = section(page, 'Your friends');
    await rowOf(friends, 'wf_pal00').waitFor();
    expect(await handlesIn(friends)).toEqual(handles.slice(0, 20));
    await friends.getByRole('button', { name: 'Show more' }).click();
    await rowOf(friends, 'wf_pal22').waitFor();
    expect(await handlesIn(friends)).toEqual(handles);
    expect(await friends.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    await context.close();
  });
});
