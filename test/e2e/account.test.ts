/**
 * Accounts in real Chromium against a live server: guest progress merged at sign-up, sync
 * between two browsers, offline changes, password reset through a real SMTP server, logout,
 * public profiles, and axe-core on the account pages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, linkToken, uniqueEmail } from '../helpers/accounts.js';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser, startLiveServer, type LiveServer } from '../helpers/browser.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { loadContentOrThrow } from '../../src/content/roadmap-loader.js';

const BACKEND = loadContentOrThrow('content').roadmaps.get('backend')!;

let smtp: SmtpSink;
let server: LiveServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: Error[] = [];
/** Server round trips (sync, mail) take longer than expect.poll's default second. */
const SYNC = { timeout: 10_000 };

beforeAll(async () => {
  smtp = await startSmtpSink();
  [server, browser] = await Promise.all([startLiveServer(undefined, { SMTP_URL: smtp.url }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(pageErrors.splice(0)).toEqual([]);
});

async function newPage(options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  return { context, page };
}

const counter = (page: Page) => page.locator('[data-count="complete"]').first().textContent();
const node = (page: Page, id: string) => page.locator(`svg a.node[data-topic-id="${id}"]`);
const accountLink = (page: Page) => page.locator('[data-account-nav] a[data-account-link]');

/** Creates an account through the API inside a context, which then holds its session cookie. */
async function apiSignUp(context: BrowserContext, name = 'Learner'): Promise<{ email: string }> {
  const email = uniqueEmail('e2e');
  const response = await context.request.post(`${server.url}/api/v1/auth/signup`, { data: { email, password: PASSWORD, name } });
  expect(response.status()).toBe(201);
  return { email };
}

/** The account's progress on the backend roadmap, as the API reports it. */
async function serverTopics(context: BrowserContext): Promise<Record<string, { status: string }>> {
  const response = await context.request.get(`${server.url}/api/v1/me/progress/backend`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { topics: Record<string, { status: string }> }).topics;
}

const statusOn = (context: BrowserContext, id: string) => async () => (await serverTopics(context))[id]?.status;

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

describe('progress sync', () => {
  it('merges guest progress into a new account at sign-up', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/backend`);
    await node(page, 'html').click({ button: 'right' });
    await node(page, 'css').click({ button: 'right' });
    expect(await counter(page)).toBe('2');

    await page.locator('[data-account-nav] a', { hasText: 'Sign up' }).click();
    await page.waitForURL(`${server.url}/signup?next=%2Fbackend`);
    await page.locator('#signup-name').fill('Grace');
    await page.locator('#signup-email').fill(uniqueEmail('grace'));
    await page.locator('#signup-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${server.url}/backend`);
    expect(await accountLink(page).textContent()).toBe('Account Grace');
    await expect.poll(statusOn(context, 'css'), SYNC).toBe('done');
    expect((await serverTopics(context)).html?.status).toBe('done');
    expect(await counter(page)).toBe('2');
    // The page says what joined the account: the two topics, and the review cards marking them done queued.
    const cards = ['html', 'css'].reduce((n, id) => n + BACKEND.questionsByTopic.get(id)!.length, 0);
    await expect
      .poll(() => page.locator('#page-notice').textContent())
      .toBe(
        `2 topics from this browser were added to your account (Backend Developer). ${cards} review cards from this browser joined your account.`,
      );
    await page.reload();
    expect(await page.locator('#page-notice').count()).toBe(0);
    await accountLink(page).waitFor();
    await expect.poll(() => counter(page)).toBe('2');
  });

  it('shows the same progress in a second browser, and a change there in the first after reload', async () => {
    const first = await newPage();
    const { email } = await apiSignUp(first.context);
    await first.page.goto(`${server.url}/backend`);
    await accountLink(first.page).waitFor();
    await node(first.page, 'dns').click({ button: 'right' });
    await expect.poll(statusOn(first.context, 'dns'), SYNC).toBe('done');

    const second = await newPage();
    await second.page.goto(`${server.url}/login?next=/backend`);
    await logIn(second.page, email, PASSWORD);
    await second.page.waitForURL(`${server.url}/backend`);
    await expect.poll(() => node(second.page, 'dns').getAttribute('class'), SYNC).toContain('is-done');
    expect(await counter(second.page)).toBe('1');
    await node(second.page, 'http').click({ modifiers: ['Shift'] });
    await expect.poll(statusOn(second.context, 'http'), SYNC).toBe('learning');

    await first.page.reload();
    await expect.poll(() => node(first.page, 'http').getAttribute('class'), SYNC).toContain('is-learning');
    expect(await counter(first.page)).toBe('1');
  });

  it('syncs the status buttons of a topic page', async () => {
    const { context, page } = await newPage();
    await apiSignUp(context);
    await page.goto(`${server.url}/backend/kafka`);
    await accountLink(page).waitFor();
    await page.locator('.topic-page button[data-set-status="done"]').click();
    await expect.poll(statusOn(context, 'kafka'), SYNC).toBe('done');
  });

  it('keeps a change made offline and sends it when the network is back', async () => {
    const { context, page } = await newPage();
    await apiSignUp(context);
    await page.goto(`${server.url}/backend`);
    await accountLink(page).waitFor();
    await context.setOffline(true);
    await node(page, 'git').click({ button: 'right' });
    expect(await counter(page)).toBe('1');
    const queued = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('milepost:sync:queue:')).length);
    await expect.poll(queued).toBe(1);
    expect((await serverTopics(context)).git).toBeUndefined();
    await context.setOffline(false);
    await expect.poll(statusOn(context, 'git'), SYNC).toBe('done');
    await expect.poll(queued, SYNC).toBe(0);
  });
});

describe('account pages', () => {
  it('resets a forgotten password through the emailed link', async () => {
    const { context, page } = await newPage();
    const { email } = await apiSignUp(context);
    await context.clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.locator('#forgot-email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    expect(await page.locator('[role="status"]').textContent()).toMatch(/^If an account exists/);

    const mail = () => smtp.messages.find((m) => m.envelopeTo.includes(email) && m.subject === 'Reset your Milepost password');
    await expect.poll(mail, SYNC).toBeDefined();
    const token = linkToken(mail()?.text ?? '', '/reset-password');
    await page.goto(`${server.url}/reset-password?token=${encodeURIComponent(token)}`);
    await page.locator('#reset-password').fill('a fresh passphrase for e2e');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL(`${server.url}/login?notice=password-reset`);
    expect(await page.locator('[role="status"]').textContent()).toContain('Your password was changed');

    await logIn(page, email, PASSWORD);
    expect(await page.locator('#login-password-error').textContent()).toContain('The email or password is not correct.');
    await logIn(page, email, 'a fresh passphrase for e2e');
    await page.waitForURL(`${server.url}/`);
    await accountLink(page).waitFor();
  });

  it('logs out: the header offers "Log in" again and the account progress leaves this browser', async () => {
    const { context, page } = await newPage();
    await apiSignUp(context);
    await page.goto(`${server.url}/backend`);
    await accountLink(page).waitFor();
    await node(page, 'ssh').click({ button: 'right' });
    await expect.poll(statusOn(context, 'ssh'), SYNC).toBe('done');

    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('[data-account-nav] a', { hasText: 'Log in' }).isVisible()).toBe(true);
    expect(await accountLink(page).count()).toBe(0);
    await page.goto(`${server.url}/backend`);
    expect(await counter(page)).toBe('0');
    expect(await node(page, 'ssh').getAttribute('class')).not.toContain('is-done');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('milepost:sync:')))).toEqual([]);
  });

  it('publishes a profile at /u/<username> and takes it down again', async () => {
    const { context, page } = await newPage();
    await apiSignUp(context, 'Ada Lovelace');
    const username = `ada-${Date.now().toString(36)}`;
    await page.goto(`${server.url}/account`);
    await page.locator('#profile-username').fill(username);
    await page.locator('#profile-public').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.waitForURL(`${server.url}/account?notice=profile-saved`);
    expect(await page.locator('[role="status"]').first().textContent()).toBe('Your profile was saved.');
    expect(await page.getByRole('link', { name: `/u/${username}` }).getAttribute('href')).toBe(`/u/${username}`);

    const stranger = await newPage();
    const shown = await stranger.page.goto(`${server.url}/u/${username}`);
    expect(shown?.status()).toBe(200);
    expect(await stranger.page.locator('h1').textContent()).toBe('Ada Lovelace');

    await page.locator('#profile-public').uncheck();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.waitForURL(`${server.url}/account?notice=profile-saved`);
    expect((await stranger.page.goto(`${server.url}/u/${username}`))?.status()).toBe(404);
  });

  it('passes axe-core on /signup, /login (with an error) and /account', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    for (const path of ['/forgot-password', '/signup', '/login']) {
      await page.goto(`${server.url}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await logIn(page, uniqueEmail('nobody'), 'wrong password');
    await page.locator('#login-password-error').waitFor();
    expect(await axeViolations(page), 'login error').toEqual([]);
    await apiSignUp(context);
    await page.goto(`${server.url}/account`);
    expect(await axeViolations(page), '/account').toEqual([]);
    await page.locator('#token-name').fill('laptop');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('[data-new-token]').waitFor();
    expect(await axeViolations(page), '/account with a new token').toEqual([]);
  });
});
