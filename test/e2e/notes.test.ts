/**
 * Private notes in real Chromium, on a phone and on a laptop: a guest's note on a Backend topic
 * saves itself as it is typed, its preview leaves hostile Markdown inert, it survives a reload and
 * is found on /notes; signing up takes it into the account, where a second browser finds it. A
 * note over 20 KB is refused with the shared rule's message and never saved.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { noteSizeProblem } from '../../src/shared/notes-rules.js';
import { axeViolations } from '../helpers/axe.js';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { signUpInBrowser, useLiveBrowser } from '../helpers/live-browser.js';

const PASSWORD = 'a long passphrase for notes';
const TOPIC = 'dns';
/** Long enough for the 800 ms autosave and a server round trip, short enough to fail fast. */
const SAVED = { timeout: 5000 };

let server: LiveServer;
let browser: Browser;

useLiveBrowser((started) => ({ server, browser } = started));

const NOTE = [
  '# Zebra quokka',
  '',
  '<script>window.__x=1</script>',
  '',
  '<img src=x onerror="window.__x=1">',
  '',
  '[a](javascript:window.__x=1)',
  '',
  'Resolvers cache **answers** for their TTL.',
].join('\n');

/** The context bypasses CSP, so only the renderer stands between the note and the page (and axe can run). */
async function open(options: object): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

const notes = (page: Page, topicId = TOPIC) => page.locator(`[data-topic-notes="${topicId}"]`);
const field = (page: Page, topicId = TOPIC) => notes(page, topicId).locator('[data-note-field]');
const status =
  (page: Page, topicId = TOPIC) =>
  () =>
    notes(page, topicId).locator('[data-note-status]').textContent();

/** The topic page with its note loaded (the field is enabled once it is). */
async function openTopic(page: Page, topicId = TOPIC): Promise<void> {
  await page.goto(`${server.url}/backend/${topicId}`);
  await expect.poll(() => field(page, topicId).isEnabled(), SAVED).toBe(true);
}

async function noRowsWiderThanScreen(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth])).toEqual([width, width]);
}

/** Exports the Backend roadmap's progress file from its page and reads it. */
async function exportFile(page: Page): Promise<{ topics: object; notes: Record<string, { markdown: string; updatedAt: string }> }> {
  await page.goto(`${server.url}/backend`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export"]').click()]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
}

describe.each(SIZES)('notes on a $name', ({ name, options }) => {
  it('keeps a guest’s note, renders it inert, lists and finds it, and takes it into a new account', async () => {
    const { context, page } = await open(options);
    await page.goto(`${server.url}/notes`);
    await expect.poll(() => page.locator('[data-notes-count]').textContent()).toBe('No notes yet: write one on any topic page.');

    await openTopic(page);
    const title = (await page.locator('.topic-title').textContent())!.trim();
    expect(await notes(page).locator('h2').textContent()).toBe('Your private note');
    // Typed without leaving the field: the note saves itself once typing stops.
    await field(page).fill(NOTE);
    await expect.poll(status(page), SAVED).toBe('Saved in this browser');
    expect(await notes(page).locator('[data-note-size]').textContent()).toMatch(/^0\.\d of 20 KB$/);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('milepost:study:notes') ?? '{}'));
    expect(kept.items['backend/dns'].value).toBe(NOTE);

    await notes(page).locator('[data-note-preview-toggle]').click();
    const preview = notes(page).locator('div.prose.note-preview');
    await preview.waitFor();
    expect(await preview.locator('h3').textContent()).toBe('Zebra quokka');
    expect(await preview.locator('strong').textContent()).toBe('answers');
    expect(await preview.locator('script, img, [onerror]').count()).toBe(0);
    expect(await preview.locator('a').count()).toBe(0);
    const shown = (await preview.textContent())!;
    expect(shown).toContain('<script>window.__x=1</script>');
    expect(shown).toContain('<img src=x onerror=');
    expect(shown).toContain('[a](javascript:window.__x=1)');
    expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
    if (name === 'phone') await noRowsWiderThanScreen(page, options.viewport.width);

    await page.reload();
    await expect.poll(() => field(page).inputValue(), SAVED).toBe(NOTE);

    await page.goto(`${server.url}/notes`);
    const row = page.locator('[data-note-row="backend/dns"]');
    await row.waitFor();
    expect(await row.locator('a').getAttribute('href')).toBe('/backend/dns');
    expect(await row.locator('a').textContent()).toBe(title);
    expect(await row.locator('.note-row-meta').textContent()).toContain('Backend');
    expect(await row.locator('.note-row-excerpt').textContent()).toContain('Zebra quokka');
    await page.locator('[data-notes-query]').fill('QUOKKA resolvers');
    await expect.poll(() => page.locator('[data-notes-count]').textContent()).toBe('1 note matches');
    await page.locator('[data-notes-query]').fill('quokka kangaroo');
    await expect.poll(() => page.locator('[data-notes-count]').textContent()).toBe('No notes match “quokka kangaroo”.');
    expect(await axeViolations(page)).toEqual([]);
    if (name === 'phone') await noRowsWiderThanScreen(page, options.viewport.width);

    // Signing up sends the note to the account, and this browser forgets its copy.
    const email = `notes-${name}-${Date.now()}@example.org`;
    await signUpInBrowser(page, server.url, { name: 'Noor', email, password: PASSWORD, next: '/notes' });
    await expect.poll(() => page.evaluate(() => localStorage.getItem('milepost:study:notes')), SAVED).toBeNull();
    await page.locator('[data-note-row="backend/dns"]').waitFor();

    // A second browser signed in to the account finds it on the topic page and on /notes.
    const second = await open(options);
    await second.page.goto(`${server.url}/login?next=/backend/${TOPIC}`);
    await second.page.locator('#login-email').fill(email);
    await second.page.locator('#login-password').fill(PASSWORD);
    await second.page.getByRole('button', { name: 'Log in', exact: true }).click();
    await second.page.waitForURL(`${server.url}/backend/${TOPIC}`);
    await expect.poll(() => field(second.page).inputValue(), SAVED).toBe(NOTE);
    // An account's note saves to the server as it is typed.
    await field(second.page).fill(`${NOTE}\n\nAlso: negative caching.`);
    await expect.poll(status(second.page), SAVED).toBe('Saved');
    const stored = await second.context.request.get(`${server.url}/api/v1/me/notes/backend/${TOPIC}`);
    expect(((await stored.json()) as { markdown: string }).markdown).toBe(`${NOTE}\n\nAlso: negative caching.`);
    // The roadmap's export holds the account's note in full.
    const exported = await exportFile(second.page);
    expect(exported.notes.dns?.markdown).toBe(`${NOTE}\n\nAlso: negative caching.`);
    await second.page.goto(`${server.url}/notes`);
    const found = second.page.locator('[data-note-row="backend/dns"]');
    await found.waitFor();
    expect(await found.locator('a').getAttribute('href')).toBe('/backend/dns');
    expect(await found.locator('.note-row-excerpt').textContent()).toContain('negative caching');
    await second.context.close();
    await context.close();
  }, 90_000);

  it('exports a guest’s notes with the roadmap’s progress and imports them back', async () => {
    const { context, page } = await open(options);
    await openTopic(page, 'acid');
    await field(page, 'acid').fill('Atomic, consistent, isolated, durable.');
    await expect.poll(status(page, 'acid'), SAVED).toBe('Saved in this browser');
    const exported = await exportFile(page);
    expect(exported.notes).toEqual({ acid: { markdown: 'Atomic, consistent, isolated, durable.', updatedAt: expect.any(String) } });

    await page.evaluate(() => localStorage.removeItem('milepost:study:notes'));
    await page
      .locator('[data-action="import"]')
      .setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => page.locator('[data-action-message]').textContent()).toBe('Imported progress on 0 topics and 1 note.');
    await openTopic(page, 'acid');
    expect(await field(page, 'acid').inputValue()).toBe('Atomic, consistent, isolated, durable.');
    await context.close();
  });

  it('refuses a note past 20 KB with a clear message, and keeps the last one that fit', async () => {
    const { context, page } = await open(options);
    await openTopic(page, 'http');
    await field(page, 'http').fill('Short and fine.');
    await expect.poll(status(page, 'http'), SAVED).toBe('Saved in this browser');

    const pasted = 'x'.repeat(21 * 1024);
    await field(page, 'http').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(pasted);
    const problem = notes(page, 'http').locator('[data-note-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toBe(noteSizeProblem(pasted));
    expect(await problem.textContent()).toBe('This note is 21 KB; a note may hold at most 20 KB. Shorten it to save it.');
    expect(await notes(page, 'http').locator('[data-note-size]').textContent()).toBe('21 of 20 KB');
    // Neither the pause nor leaving the field saves it.
    await page.locator('.topic-title').click();
    await page.waitForTimeout(1200);
    expect(await status(page, 'http')()).toBe('Not saved');
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('milepost:study:notes') ?? '{}'));
    expect(kept.items['backend/http'].value).toBe('Short and fine.');
    await context.close();
  });
});
