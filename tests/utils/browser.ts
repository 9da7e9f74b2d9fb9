// Drives the web client in Debian's Chromium (playwright-core; no browser download).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PubSub } from '../../src/pubsub/pubsub.ts';
import type { Topic } from '../../src/pubsub/topics.ts';
import { createLiveTestApp, type LiveTestApp } from './live-app.ts';
import type { TestAppOptions } from './test-app.ts';
import type { TestUser } from './users.ts';

/** Where the browser tests leave their screenshots (look at them after a run). */
export const screenshotDir = join(process.cwd(), 'test-output', 'screenshots');

/** Headless Chromium with the flags this machine needs (its closed network refuses Google's hosts). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An API server on a free port that also serves the built web client at `origin`. */
export interface WebApp {
  api: LiveTestApp;
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

export async function startWebApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<WebApp> {
  const api = await createLiveTestApp(env, options);
  return { api, origin: new URL(api.httpUrl).origin, close: () => api.close() };
}

/** A fresh browser profile (no stored session), phone-sized when `phone` is set. */
export async function newPerson(browser: Browser, { phone = false } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1200, height: 850 } });
  return { context, page: await context.newPage() };
}

/** Signs a new person up through the form; resolves once the app shows its navigation. */
export async function signUpInBrowser(page: Page, origin: string, handle: string, displayName = handle.toUpperCase()): Promise<void> {
  await page.goto(origin);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Signs in through the form someone who signed up before (every test password is password-123). */
export async function signInInBrowser(page: Page, origin: string, handle: string): Promise<void> {
  await page.goto(origin);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** The person signed in on this page, with the access token the page holds (never its refresh token). */
export async function sessionOf(page: Page): Promise<TestUser> {
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('chorus.session')!));
  return { id: session.user.id, rawId: decodeGlobalID(session.user.id).id, handle: session.user.handle, token: session.accessToken, refreshToken: '' };
}

/**
 * Watches the server's subscriptions to `pubsub`; the function it returns resolves once the
 * server listens on `topic` for the user. From then on a live screen cannot miss an event (the
 * browser's subscribe frame leaves earlier than that).
 */
export function watchListeners(pubsub: PubSub): (topic: Topic, user: TestUser) => Promise<void> {
  const started = new Set<string>();
  const waiters = new Map<string, () => void>();
  const subscribe = pubsub.subscribe.bind(pubsub);
  pubsub.subscribe = (async (topic: Topic, id: string) => {
    const stream = await subscribe(topic, id);
    started.add(`${topic}:${id}`);
    waiters.get(`${topic}:${id}`)?.();
    return stream;
  }) as PubSub['subscribe'];
  return (topic, user) => {
    const key = `${topic}:${user.rawId}`;
    return started.has(key) ? Promise.resolve() : new Promise((resolve) => waiters.set(key, resolve));
  };
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
