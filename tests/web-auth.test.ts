// The web client's front door, in a real browser: sign up, sign out, sign in, and the errors
// a person sees on the way. Also: the API server serves the app at / and its routes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, screenshot, signUpInBrowser, startWebApp, type WebApp } from './utils/browser.ts';

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

describe('the server', () => {
  it('should serve the app at / and at any route of its own, and keep /graphql for the API', async () => {
    for (const path of ['/', '/conversations/abc', '/friends']) {
      const response = await fetch(`${web.origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
    const api = await fetch(`${web.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${web.origin}/health`)).status).toBe(200);
  });

  it('should serve the API alone when WEB_DIR holds no build', async () => {
    const bare = await startWebApp({ WEB_DIR: '/nonexistent/web-build' });
    try {
      expect((await fetch(`${bare.origin}/`)).status).toBe(404);
      expect((await fetch(`${bare.origin}/health`)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('signing up and in', () => {
  it('should sign up, sign out and sign back in, and say what was wrong with a bad password or handle', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'web_ann', 'Ann');
    expect(await page.locator('.whoami').textContent()).toBe('@web_ann');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Friends',
      'Conversations',
      'Diary',
      'Notifications',
      'Profile',
    ]);
    await screenshot(page, 'home');

    // A reload keeps the session.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Handle').fill('web_ann');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Wrong handle or password.');
    await screenshot(page, 'sign-in-error');

    await page.getByLabel('Password').fill('password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // Signing up without a display name, with a taken handle or a bad one says which.
    const other = await newPerson(browser, { phone: true });
    await other.page.goto(web.origin);
    await other.page.getByLabel('Handle').fill('web_nameless');
    await other.page.getByLabel('Password').fill('password-123');
    await other.page.getByRole('button', { name: 'Sign up' }).click();
    expect(await other.page.getByRole('alert').textContent()).toBe('Please check this: a display name is needed to sign up.');
    await other.page.getByLabel('Handle').fill('web_ann');
    await other.page.getByLabel('Display name').fill('Another Ann');
    await other.page.getByLabel('Password').fill('password-123');
    await other.page.getByRole('button', { name: 'Sign up' }).click();
    expect(await other.page.getByRole('alert').textContent()).toMatch(/taken|exists|already/i);
    await other.page.getByLabel('Handle').fill('No Spaces!');
    await other.page.getByRole('button', { name: 'Sign up' }).click();
    await other.page.getByRole('alert').filter({ hasText: 'handle' }).waitFor();
    await screenshot(other.page, 'sign-up-error-phone');
    await other.context.close();
    await context.close();
  });

  it('should renew a spent access token quietly, in two tabs at once without ending the session', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'web_tabs');
    const second = await context.newPage();
    await second.goto(`${web.origin}/notifications`);
    await second.getByRole('navigation', { name: 'Main' }).waitFor();

    // Both tabs find the stored access token spent at once; a refresh token is good once, so
    // only one of them may present it, and the other takes its result.
    const stored = async () => JSON.parse((await page.evaluate(() => localStorage.getItem('chorus.session'))) ?? 'null');
    const before = await stored();
    const spent = { ...before, accessToken: 'spent.token.value' };
    // The second tab is away while the token is spoiled: running, it would see the change (a
    // storage event) and renew at once, and a reload cutting that renewal short would lose the
    // rotated refresh token, which is not what this test is about.
    await second.goto('about:blank');
    await page.evaluate((session) => localStorage.setItem('chorus.session', JSON.stringify(session)), spent);
    await Promise.all([page.reload(), second.goto(`${web.origin}/notifications`)]);
    await Promise.all([page, second].map((tab) => tab.getByRole('navigation', { name: 'Main' }).waitFor()));
    await expect.poll(async () => (await stored())?.refreshToken).not.toBe(before.refreshToken);
    const after = await stored();
    expect(after.accessToken).not.toBe('spent.token.value');

    // Both tabs still act as the user: the renewed session works for a query and for the
    // live stream, and was not revoked as a reused refresh token would have it.
    for (const tab of [page, second]) {
      const handle = await tab.evaluate(async () => {
        const session = JSON.parse(localStorage.getItem('chorus.session')!);
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
          body: JSON.stringify({ query: '{ me { user { handle } } }' }),
        });
        return (await response.json()).data?.me.user.handle;
      });
      expect(handle).toBe('web_tabs');
    }
    const live = await web.api.t.db.prisma.session.count({ where: { user: { handle: 'web_tabs' }, revokedAt: null } });
    expect(live).toBe(1);
    await context.close();
  });

  it('should go back to the sign-in form when the session is ended elsewhere', async () => {
    const { context, page } = await newPerson(browser);
    await signUpInBrowser(page, web.origin, 'web_ended');
    await web.api.t.db.prisma.session.updateMany({ where: { user: { handle: 'web_ended' } }, data: { revokedAt: new Date() } });
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('chorus.session'))).toBeNull();
    await context.close();
  });

  it('should mark an admin with an Admin link', async () => {
    const admin = await startWebApp({ ADMIN_HANDLES: 'web_boss' });
    try {
      const { context, page } = await newPerson(browser);
      await signUpInBrowser(page, admin.origin, 'web_boss');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).waitFor();
      await context.close();
    } finally {
      await admin.close();
    }
  });
});
