// What happens while the live socket is down reaches no subscription: once it reconnects, the
// screens on view load again, so the person sees it without reloading.
import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, signUpInBrowser, startWebApp, type WebApp } from './utils/browser.ts';
import { ok } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';

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

describe('a reconnect', () => {
  it('should show a friend request and its notification that came while the socket was down', async () => {
    const { context, page } = await newPerson(browser);
    // The page's socket goes through this route: closed on demand, refused while "offline".
    const sockets: WebSocketRoute[] = [];
    let offline = false;
    await page.routeWebSocket(/\/graphql/, (ws) => {
      if (offline) return void ws.close({ code: 1012, reason: 'offline' });
      ws.connectToServer();
      sockets.push(ws);
    });
    await signUpInBrowser(page, web.origin, 'rc_ann');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Friends' }).click();
    const incoming = page.getByRole('region', { name: 'Incoming requests' });
    await incoming.waitFor();
    // Survives only as long as the page is not loaded again.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    offline = true;
    await Promise.all(sockets.splice(0).map((ws) => ws.close({ code: 1012, reason: 'offline' })));
    const reconnecting = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await reconnecting.waitFor();
    const bob = await signUp(web.api.t, 'rc_bob');
    ok(await web.api.t.gql(`mutation { sendFriendRequest(input: { handle: "rc_ann" }) { handle } }`, {}, { token: bob.token }));
    offline = false;

    await reconnecting.waitFor({ state: 'detached', timeout: 30_000 });
    await incoming.getByText('@rc_bob').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).locator('.badge').textContent()).toBe('1');
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await context.close();
  });
});
