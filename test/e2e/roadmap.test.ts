import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContentOrThrow } from '../../src/content/roadmap-loader.js';
import { type LiveServer } from '../helpers/browser.js';
import { useLiveBrowser } from '../helpers/live-browser.js';

// These tests drive the real Backend roadmap; the numbers they expect come from its files.
const BACKEND = loadContentOrThrow('content').roadmaps.get('backend');
const sectionOf = (topicId: string) => BACKEND?.sections.find((s) => s.nodeIds.includes(topicId));

let server: LiveServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

useLiveBrowser((started) => ({ server, browser } = started));
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
});
afterEach(async () => {
  await context.close();
});

const counter = () => page.locator('[data-count="complete"]').first().textContent();
const node = (id: string) => page.locator(`svg a.node[data-topic-id="${id}"]`);

describe('roadmap page in Chromium', () => {
  it('opens a topic in the drawer, marks it done from the keyboard, and keeps it after reload', async () => {
    await page.goto(`${server.url}/backend`);
    expect(await counter()).toBe('0');
    const returnTo = node('dns');
    await returnTo.focus();
    await page.keyboard.press('Enter');
    const drawer = page.locator('dialog#topic-drawer');
    await drawer.locator('.topic-title', { hasText: 'DNS' }).waitFor();
    expect(await drawer.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/backend/dns');

    await page.keyboard.press('d');
    await expect.poll(counter).toBe('1');
    expect(await drawer.locator('button[data-set-status="done"]').getAttribute('aria-pressed')).toBe('true');
    expect(await node('dns').getAttribute('class')).toContain('is-done');
    expect(await node('dns').getAttribute('aria-label')).toMatch(/done$/);

    await page.keyboard.press('l');
    await expect.poll(() => page.locator('[data-count="learning"]').first().textContent()).toBe('1');
    await page.keyboard.press('d');

    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/backend');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-topic-id'))).toBe('dns');

    await page.reload();
    await expect.poll(counter).toBe('1');
    expect(await node('dns').getAttribute('class')).toContain('is-done');
    const section = sectionOf('dns');
    expect(await page.locator(`[data-section-count="${section?.id}"]`).first().textContent()).toBe(`1 / ${section?.nodeIds.length} done`);
  });

  it('keeps focus inside the open drawer and closes it with Back', async () => {
    await page.goto(`${server.url}/backend`);
    await node('http').click();
    const drawer = page.locator('dialog#topic-drawer');
    await drawer.locator('.topic-title', { hasText: 'HTTP' }).waitFor();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog#topic-drawer'))).toBe(true);
    }
    await page.goBack();
    await expect.poll(() => drawer.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/backend');
  });

  it('marks with right-click, shift-click and alt-click on the diagram', async () => {
    await page.goto(`${server.url}/backend`);
    await node('html').click({ button: 'right' });
    await node('css').click({ modifiers: ['Shift'] });
    await node('browser-javascript').click({ modifiers: ['Alt'] });
    expect(await node('html').getAttribute('class')).toContain('is-done');
    expect(await node('css').getAttribute('class')).toContain('is-learning');
    expect(await node('browser-javascript').getAttribute('class')).toContain('is-skipped');
    expect(await counter()).toBe('2');
    expect(await page.locator('[data-count="learning"]').first().textContent()).toBe('1');
    expect(await page.locator('dialog#topic-drawer').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await node('html').click({ button: 'right' });
    expect(await counter()).toBe('1');
  });

  it('search highlights matches and Enter opens the first one', async () => {
    await page.goto(`${server.url}/backend`);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('topic-search-input');
    await page.keyboard.type('kafka');
    await expect.poll(() => node('kafka').getAttribute('class')).toContain('is-match');
    expect(await node('dns').getAttribute('class')).not.toContain('is-match');
    expect(await page.locator('#topic-search-results a').first().textContent()).toBe('Apache Kafka');
    await page.keyboard.press('Enter');
    await page.locator('dialog#topic-drawer .topic-title', { hasText: 'Apache Kafka' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/backend/kafka');
  });

  it('switches to the outline view, which shows statuses too', async () => {
    await page.goto(`${server.url}/backend`);
    await node('git').click({ button: 'right' });
    await page.getByRole('link', { name: 'Outline', exact: true }).click();
    const outline = page.locator('section.outline');
    expect(await outline.isVisible()).toBe(true);
    expect(await page.locator('section.diagram').isVisible()).toBe(false);
    const git = outline.locator('a.outline-link[data-topic-id="git"]');
    expect(await git.getAttribute('class')).toContain('is-done');
    expect(await git.locator('[data-status-text]').textContent()).toBe(', done');
    await page.reload();
    expect(await outline.isVisible()).toBe(true);
  });

  it('defaults to the outline on a phone-sized screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const p = await phone.newPage();
    await p.goto(`${server.url}/backend`);
    expect(await p.locator('section.outline').isVisible()).toBe(true);
    expect(await p.locator('section.diagram').isVisible()).toBe(false);
    await p.getByRole('link', { name: 'Diagram', exact: true }).click();
    expect(await p.locator('section.diagram').isVisible()).toBe(true);
    expect(await p.locator('[data-diagram-viewport]').evaluate((el) => getComputedStyle(el).touchAction)).toBe('pan-x pan-y');
    // It opens fitted to the width of its box, with nothing to scroll sideways.
    const viewport = p.locator('[data-diagram-viewport]');
    const svg = p.locator('.diagram-svg');
    const boxWidth = await viewport.evaluate((el) => el.clientWidth);
    const fitted = `${Math.round((boxWidth / 1000) * 100)}%`;
    await expect.poll(() => p.locator('[data-zoom="reset"]').textContent()).toBe(fitted);
    expect(await svg.evaluate((el) => el.getBoundingClientRect().width)).toBe(boxWidth);
    expect(await viewport.evaluate((el) => el.scrollWidth)).toBe(boxWidth);
    await p.locator('[data-zoom="in"]').click();
    expect(await p.locator('[data-zoom="reset"]').textContent()).toBe(`${Math.round((boxWidth / 1000) * 1.25 * 100)}%`);
    await p.locator('[data-zoom="reset"]').click();
    expect(await p.locator('[data-zoom="reset"]').textContent()).toBe('100%');
    await p.locator('[data-zoom="fit"]').click();
    expect(await p.locator('[data-zoom="reset"]').textContent()).toBe(fitted);
    expect(await viewport.evaluate((el) => el.scrollLeft)).toBe(0);
    await phone.close();
  });

  it('sets a status by a long press on a diagram node on a touch screen, without opening the drawer', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const p = await phone.newPage();
    await p.goto(`${server.url}/backend?view=diagram`);
    const node = p.locator('a.node[data-topic-id="dns"]');
    await node.scrollIntoViewIfNeeded();
    const box = (await node.boundingBox())!;
    const at = { pointerType: 'touch', isPrimary: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true };
    await node.dispatchEvent('pointerdown', at);
    const menu = p.locator('[data-status-menu]');
    // Not before the press has lasted.
    expect(await menu.count()).toBe(0);
    await menu.waitFor({ timeout: 2000 });
    expect(await menu.getAttribute('aria-label')).toBe('Set the status of DNS');
    expect(await menu.getByRole('menuitemradio').allTextContents()).toEqual(['Done', 'Learning', 'Skipped', 'Not started']);
    expect(await menu.getByRole('menuitemradio', { name: 'Not started' }).getAttribute('aria-checked')).toBe('true');
    await menu.getByRole('menuitemradio', { name: 'Learning' }).tap();
    expect(await menu.count()).toBe(0);
    expect(await node.getAttribute('class')).toContain('is-learning');
    // The drawer did not open: it would have put the topic in the address.
    expect(p.url()).toBe(`${server.url}/backend?view=diagram`);
    await p.reload();
    expect(await p.locator('a.node[data-topic-id="dns"]').getAttribute('class')).toContain('is-learning');
    // A finger that moves is scrolling, not pressing.
    const other = p.locator('a.node[data-topic-id="http"]');
    const b = (await other.boundingBox())!;
    await other.dispatchEvent('pointerdown', { ...at, clientX: b.x + 10, clientY: b.y + 10 });
    await other.dispatchEvent('pointermove', { ...at, clientX: b.x + 10, clientY: b.y + 40 });
    await p.waitForTimeout(700);
    expect(await menu.count()).toBe(0);
    await phone.close();
  });

  it('loads the roadmap page without a console error, CSP reports included', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await p.goto(`${server.url}/backend`);
    await p.locator('[data-progress] [data-count="complete"]').waitFor();
    await p.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('toggles the dark theme and remembers it', async () => {
    const light = await browser.newContext({ colorScheme: 'light' });
    const p = await light.newPage();
    await p.goto(`${server.url}/backend`);
    const background = () => p.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(255, 255, 255)');
    await p.locator('select[data-theme-choice]').selectOption('dark');
    expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(17, 20, 24)');
    await p.reload();
    expect(await background()).toBe('rgb(17, 20, 24)');
    await light.close();
    const dark = await browser.newContext({ colorScheme: 'dark' });
    const q = await dark.newPage();
    await q.goto(`${server.url}/backend`);
    expect(await q.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(17, 20, 24)');
    await dark.close();
  });

  it('survives corrupt stored progress and keeps unknown ids without counting them', async () => {
    await page.goto(`${server.url}/backend`);
    await page.evaluate(() => localStorage.setItem('milepost:progress:backend', '{broken'));
    await page.reload();
    expect(await counter()).toBe('0');
    await page.evaluate(() =>
      localStorage.setItem(
        'milepost:progress:backend',
        JSON.stringify({
          topics: {
            dns: { status: 'done', updatedAt: '2026-01-01T00:00:00Z' },
            'no-longer-here': { status: 'done', updatedAt: '2026-01-01T00:00:00Z' },
            http: { status: 'mastered' },
          },
        }),
      ),
    );
    await page.reload();
    expect(await counter()).toBe('1');
    await node('http').click({ button: 'right' });
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('milepost:progress:backend') ?? '{}'));
    expect(Object.keys(stored.topics).sort()).toEqual(['dns', 'http', 'no-longer-here']);
  });

  it('exports and imports progress as a JSON file, and resets after confirmation', async () => {
    await page.goto(`${server.url}/backend`);
    await node('ssh').click({ button: 'right' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export"]').click()]);
    const file = await download.path();
    const fs = await import('node:fs');
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ format: 'milepost-progress', roadmapId: 'backend', topics: { ssh: { status: 'done' } } });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-action="reset"]').click();
    await expect.poll(counter).toBe('0');

    await page
      .locator('[data-action="import"]')
      .setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(counter).toBe('1');
    await page
      .locator('[data-action="import"]')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await expect.poll(() => page.locator('[data-action-message]').textContent()).toContain('not a Milepost progress export');
    expect(await counter()).toBe('1');
  });
});
