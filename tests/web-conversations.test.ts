// The Conversations screen in a real browser: messages that arrive live on the other side
// exactly once, a thread that resumes after its socket drops without losing or repeating
// anything, older messages by scrolling up, edits, deletions, replies, reactions, and groups.
import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, screenshot, signInInBrowser, signUpInBrowser, startWebApp, type WebApp } from './utils/browser.ts';
import { ok } from './utils/test-app.ts';
import { befriend, directConversation, signUp, type TestUser } from './utils/users.ts';
import { emptyThread, threadReducer, type ConversationEvent, type ThreadState } from '../clients/web/src/features/conversations/thread-state.ts';
import type { ThreadMessage } from '../clients/web/src/features/conversations/message-fields.ts';

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

/** Tokens for someone who signed up in the browser (every test password is password-123). */
async function signInThroughApi(handle: string): Promise<TestUser> {
  const data = ok(
    await web.api.t.gql(`mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken user { id handle } } }`, {
      input: { handle, password: 'password-123' },
    }),
  );
  const { accessToken, refreshToken, user } = data.signIn;
  return { id: user.id, rawId: '', handle: user.handle, token: accessToken, refreshToken };
}

async function sendThroughApi(author: TestUser, conversationId: string, text: string): Promise<void> {
  ok(
    await web.api.t.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, { input: { conversationId, text } }, { token: author.token }),
  );
}

/** Opens a conversation from the list, by the name it is listed under. */
async function openFromList(page: Page, name: string): Promise<void> {
  await page.goto(`${web.origin}/conversations`);
  await page.getByRole('region', { name: 'Conversations' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await page.getByLabel('Message', { exact: true }).waitFor();
}

function messageList(page: Page): Locator {
  return page.locator('ul.messages');
}

/** The texts of the thread's messages, top to bottom. */
function textsOn(page: Page): Promise<string[]> {
  return messageList(page).locator('.message > .message-text').allTextContents();
}

/** The message whose text is exactly `text`. */
function messageWith(page: Page, text: string): Locator {
  const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return messageList(page).locator('.message').filter({ has: page.locator('.message-text', { hasText: exactly }) });
}

/** Signs each person in on their own page and opens the conversation with the other, listed under their name. */
async function openTogether(first: { page: Page; handle: string }, second: { page: Page; handle: string }): Promise<void> {
  await signInInBrowser(first.page, web.origin, first.handle);
  await signInInBrowser(second.page, web.origin, second.handle);
  await openFromList(first.page, second.handle.toUpperCase());
  await openFromList(second.page, first.handle.toUpperCase());
}

async function write(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => box.inputValue()).toBe('');
}

describe('a direct conversation', () => {
  it('should show a message live on the other screen and once on the sender’s, and the reply back, in order', async () => {
    const ann = await newPerson(browser);
    const bob = await newPerson(browser, { phone: true });
    await signUpInBrowser(ann.page, web.origin, 'conv_ann', 'Ann');
    await signUpInBrowser(bob.page, web.origin, 'conv_bob', 'Bob');
    const [annUser, bobUser] = await Promise.all([signInThroughApi('conv_ann'), signInThroughApi('conv_bob')]);
    await befriend(web.api.t, annUser, bobUser);
    ok(await web.api.t.gql(`mutation { openDirectConversation(input: { handle: "conv_bob" }) { id } }`, {}, { token: annUser.token }));

    await openFromList(ann.page, 'Bob');
    await openFromList(bob.page, 'Ann');

    await write(ann.page, 'Hello Bob');
    await expect.poll(() => textsOn(bob.page)).toEqual(['Hello Bob']);
    await expect.poll(() => textsOn(ann.page)).toEqual(['Hello Bob']);

    // Shift+Enter is a new line, not a send.
    const box = bob.page.getByLabel('Message', { exact: true });
    await box.fill('Hi Ann');
    await box.press('Shift+Enter');
    await box.pressSequentially('how are you?');
    expect(await box.inputValue()).toBe('Hi Ann\nhow are you?');
    await box.press('Enter');
    await expect.poll(() => textsOn(ann.page)).toEqual(['Hello Bob', 'Hi Ann\nhow are you?']);
    await expect.poll(() => textsOn(bob.page)).toEqual(['Hello Bob', 'Hi Ann\nhow are you?']);
    expect(await messageList(ann.page).locator('.message').count()).toBe(2);
    expect(await messageList(bob.page).locator('.message').count()).toBe(2);

    // Bob has the thread open: Ann sees he has read her message.
    await messageWith(ann.page, 'Hello Bob').getByText('Seen by Bob').waitFor();

    // Empty text is not sent.
    await write(ann.page, 'Third');
    await ann.page.getByLabel('Message', { exact: true }).press('Enter');
    await ann.page.getByRole('alert').filter({ hasText: 'write something' }).waitFor();
    await expect.poll(() => textsOn(bob.page)).toEqual(['Hello Bob', 'Hi Ann\nhow are you?', 'Third']);

    await screenshot(bob.page, 'conversations-phone');
    await bob.page.getByRole('link', { name: '← All conversations' }).click();
    await bob.page.getByRole('region', { name: 'Conversations' }).getByRole('link', { name: 'Ann' }).waitFor();
    await screenshot(bob.page, 'conversations-list-phone');
    await ann.context.close();
    await bob.context.close();
  });

  it('should badge unread messages in the list live, and clear the badge once the thread is read', async () => {
    const cid = await setUpPair('conv_uma', 'conv_ugo');
    const uma = await newPerson(browser);
    await signInInBrowser(uma.page, web.origin, 'conv_uma');
    await uma.page.goto(`${web.origin}/conversations`);
    const list = uma.page.getByRole('region', { name: 'Conversations' });
    await list.getByRole('link', { name: 'CONV_UGO' }).waitFor();
    await sendThroughApi(pair.b, cid, 'one');
    await sendThroughApi(pair.b, cid, 'two');
    await list.getByLabel('2 unread').waitFor();
    // The list was read again for the news: the preview is the newest message.
    await list.getByRole('link', { name: 'CONV_UGO' }).getByText('CONV_UGO: two').waitFor();
    await list.getByRole('link', { name: 'CONV_UGO' }).click();
    await expect.poll(() => textsOn(uma.page)).toEqual(['one', 'two']);
    await list.getByLabel('2 unread').waitFor({ state: 'detached' });

    // No longer friends: the API refuses the message, and the screen says why, by the composer.
    ok(await web.api.t.gql(`mutation { removeFriend(input: { handle: "conv_uma" }) { id } }`, {}, { token: pair.b.token }));
    await uma.page.getByLabel('Message', { exact: true }).fill('Still there?');
    await uma.page.getByRole('button', { name: 'Send' }).click();
    await uma.page.getByRole('alert').filter({ hasText: 'Not allowed: You can only message a friend' }).waitFor();
    expect(await uma.page.getByLabel('Message', { exact: true }).inputValue()).toBe('Still there?');
    expect(await textsOn(uma.page)).toEqual(['one', 'two']);
    await uma.context.close();
  });
});

let pair: { a: TestUser; b: TestUser };

/** Two friends with a direct conversation, made through the API; its id. */
async function setUpPair(a: string, b: string): Promise<string> {
  pair = { a: await signUp(web.api.t, a), b: await signUp(web.api.t, b) };
  return directConversation(web.api.t, pair.a, pair.b);
}

describe('resuming after the connection drops', () => {
  it('should show every message sent while offline exactly once, in order, after reconnecting, even when each event arrives twice', async () => {
    const cid = await setUpPair('conv_rita', 'conv_rob');
    const rita = await newPerson(browser);
    const rob = await newPerson(browser);
    // Every socket of Rob's page goes through here, so the test can cut it and refuse new ones
    // for a while. It also hands the page every event twice: the thread must show each once.
    const sockets: WebSocketRoute[] = [];
    let refusing = false;
    await rob.page.routeWebSocket(/\/graphql/, (ws) => {
      if (refusing) return void ws.close({ code: 1012, reason: 'offline' });
      const server = ws.connectToServer();
      server.onMessage((message) => {
        ws.send(message);
        if (JSON.parse(String(message)).type === 'next') ws.send(message);
      });
      sockets.push(ws);
    });
    await openTogether({ page: rita.page, handle: 'conv_rita' }, { page: rob.page, handle: 'conv_rob' });

    await write(rita.page, 'before 1');
    await write(rob.page, 'before 2');
    const before = ['before 1', 'before 2'];
    await expect.poll(() => textsOn(rob.page)).toEqual(before);

    refusing = true;
    await Promise.all(sockets.splice(0).map((ws) => ws.close({ code: 1012, reason: 'offline' })));
    const reconnecting = rob.page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await reconnecting.waitFor();
    const offline = ['while away 1', 'while away 2', 'while away 3', 'while away 4', 'while away 5'];
    for (const text of offline) await sendThroughApi(pair.a, cid, text);
    refusing = false;

    await expect.poll(() => textsOn(rob.page), { timeout: 30_000 }).toEqual([...before, ...offline]);
    await reconnecting.waitFor({ state: 'detached' });

    // Live again, on the stream resumed from where it was: the next message shows once too.
    await write(rita.page, 'after');
    await write(rob.page, 'after too');
    const all = [...before, ...offline, 'after', 'after too'];
    await expect.poll(() => textsOn(rob.page)).toEqual(all);
    await expect.poll(() => textsOn(rita.page)).toEqual(all);
    expect(await messageList(rob.page).locator('.message').count()).toBe(all.length);
    await rita.context.close();
    await rob.context.close();
  });
});

describe('history', () => {
  it('should open at the newest 30 messages and load the older ones when scrolled to the top', async () => {
    const cid = await setUpPair('conv_hal', 'conv_hed');
    const sent = Array.from({ length: 60 }, (_, index) => `message ${index + 1}`);
    for (const text of sent) await sendThroughApi(pair.a, cid, text);

    const hed = await newPerson(browser);
    await signInInBrowser(hed.page, web.origin, 'conv_hed');
    await openFromList(hed.page, 'CONV_HAL');
    await expect.poll(() => textsOn(hed.page)).toEqual(sent.slice(30));
    // The thread opened at its end, the newest message in view.
    expect(await messageList(hed.page).evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight)).toBeLessThan(2);

    await messageList(hed.page).evaluate((list) => {
      list.scrollTop = 0;
    });
    await expect.poll(() => textsOn(hed.page)).toEqual(sent);
    await hed.page.getByRole('button', { name: 'Load older messages' }).waitFor({ state: 'detached' });
    await hed.context.close();
  });
});

describe('changing messages', () => {
  it('should show a reply, an edit, a reaction, a deletion and typing live on the other side', async () => {
    const cid = await setUpPair('conv_eve', 'conv_ed');
    const eve = await newPerson(browser);
    const ed = await newPerson(browser);
    await openTogether({ page: eve.page, handle: 'conv_eve' }, { page: ed.page, handle: 'conv_ed' });

    await write(eve.page, 'Lunch at noon?');
    await write(eve.page, 'At the usual place');
    await expect.poll(() => textsOn(ed.page)).toEqual(['Lunch at noon?', 'At the usual place']);

    // Ed replies to the first message, quoting it.
    await messageWith(ed.page, 'Lunch at noon?').getByRole('button', { name: 'Reply' }).click();
    await ed.page.getByText('Replying to CONV_EVE').waitFor();
    await write(ed.page, 'Yes!');
    await ed.page.getByText('Replying to CONV_EVE').waitFor({ state: 'detached' });
    await expect.poll(() => textsOn(eve.page)).toEqual(['Lunch at noon?', 'At the usual place', 'Yes!']);
    expect(await messageWith(eve.page, 'Yes!').locator('blockquote').textContent()).toBe('CONV_EVE Lunch at noon?');

    // Eve edits her second message while Ed is about to answer it: his reply bar shows the new text.
    await messageWith(ed.page, 'At the usual place').getByRole('button', { name: 'Reply' }).click();
    await messageWith(eve.page, 'At the usual place').getByRole('button', { name: 'Edit' }).click();
    await eve.page.getByLabel('Edited text').fill('At the new place');
    await eve.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => textsOn(ed.page)).toEqual(['Lunch at noon?', 'At the new place', 'Yes!']);
    await messageWith(ed.page, 'At the new place').getByText('edited', { exact: true }).waitFor();
    await ed.page.getByText('Replying to CONV_EVE: At the new place').waitFor();
    await ed.page.getByRole('button', { name: 'Cancel reply' }).click();

    // Ed reacts; Eve sees the count, Ed sees it as his.
    await messageWith(ed.page, 'Lunch at noon?').getByRole('button', { name: 'React', exact: true }).click();
    await ed.page.getByRole('button', { name: 'React with 🎉' }).click();
    const evesView = messageWith(eve.page, 'Lunch at noon?').getByRole('button', { name: '🎉 1' });
    await evesView.waitFor();
    expect(await evesView.getAttribute('aria-pressed')).toBe('false');
    const edsView = messageWith(ed.page, 'Lunch at noon?').getByRole('button', { name: '🎉 1' });
    await expect.poll(() => edsView.getAttribute('aria-pressed')).toBe('true');

    // Eve is typing: Ed sees it, and not for long.
    await eve.page.getByLabel('Message', { exact: true }).fill('Let me think');
    const typing = ed.page.getByText('CONV_EVE is typing…');
    await typing.waitFor();
    await typing.waitFor({ state: 'detached' });
    await eve.page.getByLabel('Message', { exact: true }).fill('');

    await screenshot(eve.page, 'conversations');

    // Eve deletes the edited message: both see the tombstone.
    await messageWith(eve.page, 'At the new place').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => textsOn(ed.page)).toEqual(['Lunch at noon?', 'Message deleted', 'Yes!']);
    await expect.poll(() => textsOn(eve.page)).toEqual(['Lunch at noon?', 'Message deleted', 'Yes!']);
    // Ed may not edit or delete Eve's messages: the screen offers neither, and the API refuses the edit.
    expect(await messageWith(ed.page, 'Lunch at noon?').getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await messageWith(ed.page, 'Lunch at noon?').getByRole('button', { name: 'Delete' }).count()).toBe(0);
    const lunch = ok(
      await web.api.t.gql(`query($id: ID!) { conversation(id: $id) { messages(last: 10) { edges { node { id text } } } } }`, { id: cid }, { token: pair.b.token }),
    ).conversation.messages.edges.find((edge: { node: { text: string | null } }) => edge.node.text === 'Lunch at noon?').node;
    const edit = await web.api.t.gql(
      `mutation($input: EditMessageInput!) { editMessage(input: $input) { id } }`,
      { input: { messageId: lunch.id, text: 'Lunch at one' } },
      { token: pair.b.token },
    );
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await textsOn(eve.page)).toEqual(['Lunch at noon?', 'Message deleted', 'Yes!']);
    await eve.context.close();
    await ed.context.close();
  });
});

describe('groups', () => {
  it('should make a group with a friend, add and remove another, and let a member leave', async () => {
    const gus = await signUp(web.api.t, 'conv_gus');
    const gwen = await signUp(web.api.t, 'conv_gwen');
    const gil = await signUp(web.api.t, 'conv_gil');
    await befriend(web.api.t, gus, gwen);
    await befriend(web.api.t, gus, gil);

    const owner = await newPerson(browser);
    const member = await newPerson(browser);
    await signInInBrowser(owner.page, web.origin, 'conv_gus');
    await signInInBrowser(member.page, web.origin, 'conv_gwen');

    await owner.page.goto(`${web.origin}/conversations`);
    await owner.page.getByRole('button', { name: 'New group' }).click();
    await owner.page.getByLabel('Group title').fill('Weekend trip');
    await owner.page.getByLabel('CONV_GWEN').check();
    await owner.page.getByRole('button', { name: 'Create group' }).click();
    await owner.page.getByRole('heading', { name: 'Weekend trip', level: 2 }).waitFor();
    expect(owner.page.url()).toMatch(/\/conversations\/.+/);
    await write(owner.page, 'Who is in?');

    await openFromList(member.page, 'Weekend trip');
    await expect.poll(() => textsOn(member.page)).toEqual(['Who is in?']);

    // The owner adds Gil, then removes him; both see it happen.
    await owner.page.getByRole('button', { name: 'Members' }).click();
    const panel = owner.page.getByRole('region', { name: 'Members' });
    await panel.getByLabel('Friend to add').selectOption({ label: 'CONV_GIL (@conv_gil)' });
    await panel.getByRole('button', { name: 'Add' }).click();
    await member.page.getByText('CONV_GIL joined').waitFor();
    await panel.getByRole('listitem').filter({ hasText: '@conv_gil' }).waitFor();
    expect(await panel.getByRole('listitem').allTextContents()).toEqual([
      'CONV_GUS @conv_gusOwner',
      'CONV_GWEN @conv_gwenMemberRemove',
      'CONV_GIL @conv_gilMemberRemove',
    ]);
    await panel.getByRole('button', { name: 'Remove CONV_GIL' }).click();
    await member.page.getByText('CONV_GIL left').waitFor();
    await panel.getByRole('listitem').filter({ hasText: '@conv_gil' }).waitFor({ state: 'detached' });

    // A member sees no Remove or Add, and may leave.
    await member.page.getByRole('button', { name: 'Members' }).click();
    const memberPanel = member.page.getByRole('region', { name: 'Members' });
    await memberPanel.getByRole('button', { name: 'Leave' }).waitFor();
    expect(await memberPanel.getByRole('button', { name: /Remove|Add/ }).count()).toBe(0);
    await memberPanel.getByRole('button', { name: 'Leave' }).click();
    await member.page.waitForURL(`${web.origin}/conversations`);
    await member.page.getByRole('heading', { name: 'No conversation open' }).waitFor();
    const memberList = member.page.getByRole('region', { name: 'Conversations' });
    await memberList.getByText('No conversations yet').waitFor();
    await owner.page.getByText('CONV_GWEN left').waitFor();
    await owner.context.close();
    await member.context.close();
  });
});

describe('removed from a group', () => {
  it('should say by the composer why a message is refused after one was removed, and close the composer once the thread hears of it', async () => {
    const rex = await signUp(web.api.t, 'conv_rex');
    const ria = await signUp(web.api.t, 'conv_ria');
    await befriend(web.api.t, rex, ria);
    const group = ok(
      await web.api.t.gql(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { title: 'Book club', memberIds: [ria.id] } }, { token: rex.token }),
    ).createGroup.id;

    // Ria's sockets go through here, so the test can keep her screen from hearing of the removal.
    const member = await newPerson(browser);
    const sockets: WebSocketRoute[] = [];
    let refusing = false;
    await member.page.routeWebSocket(/\/graphql/, (ws) => {
      if (refusing) return void ws.close({ code: 1012, reason: 'offline' });
      ws.connectToServer();
      sockets.push(ws);
    });
    await signInInBrowser(member.page, web.origin, 'conv_ria');
    await openFromList(member.page, 'Book club');

    refusing = true;
    await Promise.all(sockets.splice(0).map((ws) => ws.close({ code: 1012, reason: 'offline' })));
    await member.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
    ok(
      await web.api.t.gql(`mutation($input: RemoveMemberInput!) { removeMember(input: $input) { id } }`, { input: { conversationId: group, userId: ria.id } }, { token: rex.token }),
    );

    // Her screen does not know yet: she writes, and the API's refusal shows by the composer, her text kept.
    const box = member.page.getByLabel('Message', { exact: true });
    await box.fill('Anyone reading?');
    const sent = member.page.waitForResponse((response) => response.request().postData()?.includes('ConversationsSendMessage') ?? false);
    await box.press('Enter');
    await sent;
    await member.page.locator('form.composer-box').getByRole('alert').filter({ hasText: 'Not found: The conversation was not found.' }).waitFor();
    expect(await box.inputValue()).toBe('Anyone reading?');
    expect(await textsOn(member.page)).toEqual([]);

    // Back online, the thread learns it may no longer follow the group: the composer gives way to the reason.
    refusing = false;
    await box.waitFor({ state: 'detached', timeout: 30_000 });
    await member.page.getByRole('alert').filter({ hasText: 'Not found: The conversation was not found.' }).waitFor();
    expect(await member.page.getByRole('button', { name: 'Send' }).count()).toBe(0);
    await member.context.close();
  });
});

describe('the thread reducer', () => {
  const author = { __typename: 'User' as const, id: 'u1', displayName: 'Ann' };
  const message = (seq: number, text: string | null = `m${seq}`): ThreadMessage =>
    ({ id: `m${seq}`, seq, text, createdAt: '2026-01-01T00:00:00.000Z', editedAt: null, deletedAt: null, author, replyTo: null, reactions: [] }) as ThreadMessage;
  const added = (seq: number): ConversationEvent => ({ __typename: 'MessageAdded', seq, message: message(seq) });
  const apply = (state: ThreadState, ...events: ConversationEvent[]) =>
    events.reduce((current, event) => threadReducer(current, { type: 'event', event, now: 0 }), state);
  const texts = (state: ThreadState) => state.items.map((item) => (item.kind === 'message' ? item.message.text : `(${item.text})`));
  const loaded = threadReducer(emptyThread, {
    type: 'loaded',
    lastSeq: 3,
    messages: [message(1), message(2), message(3)],
    members: [],
    older: { hasPrevious: false, cursor: null },
  });

  it('should apply each event once, however often a replay repeats it', () => {
    const state = apply(loaded, added(3), added(4), added(5), added(4), added(5), added(6), added(2));
    expect(texts(state)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(state.lastSeq).toBe(6);
  });

  it('should not undo a newer change with a repeated older one', () => {
    const edited: ConversationEvent = { __typename: 'MessageEdited', seq: 4, message: { ...message(2), text: 'edited' } };
    const deleted: ConversationEvent = { __typename: 'MessageDeleted', seq: 5, messageId: 'm2' };
    const state = apply(loaded, edited, deleted, edited);
    expect(texts(state)).toEqual(['m1', null, 'm3']);
  });

  it('should keep the place of messages loaded later, older ones first and none twice', () => {
    const withNew = apply(loaded, added(4));
    const state = threadReducer(withNew, { type: 'olderLoaded', messages: [message(0), message(1)], older: { hasPrevious: false, cursor: null } });
    expect(texts(state)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });
});
