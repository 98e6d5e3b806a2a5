/**
 * The browser counts and maps progress with the same rules as the server: retired, removed and
 * unknown ids, seen on the roadmap page, the home page and a topic page, at phone and desktop sizes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startLiveServer, type LiveServer } from '../helpers/browser.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false },
] as const;

/** Guest progress as it could be left by an older version of the roadmap. */
const STORED = {
  version: 1,
  topics: {
    'older-alpha': { status: 'done', updatedAt: '2026-02-01T00:00:00Z' }, // renamed twice: now alpha
    'removed-topic': { status: 'done', updatedAt: '2026-02-01T00:00:00Z' }, // removed: kept, not counted
    'not-a-topic': { status: 'skipped', updatedAt: '2026-02-01T00:00:00Z' }, // unknown: kept, not counted
    beta: { status: 'learning', updatedAt: '2026-02-01T00:00:00Z' },
  },
};

describe.each(SIZES)('progress rules in the browser ($name)', ({ viewport, isMobile, hasTouch }) => {
  let dir: string;
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    dir = writeSampleContent();
    [server, browser] = await Promise.all([startLiveServer(dir), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeDir(dir);
  });

  /** A fresh browser whose storage already holds `STORED`, opened at `path`. */
  async function pageWithStoredProgress(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport, isMobile, hasTouch });
    await context.addInitScript((stored) => {
      if (!localStorage.getItem('milepost:progress:sample')) localStorage.setItem('milepost:progress:sample', stored);
    }, JSON.stringify(STORED));
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    return page;
  }

  it('counts 1 of 7 done and 1 learning on the roadmap page', async () => {
    const page = await pageWithStoredProgress('/sample');
    await expect.poll(() => page.locator('.progress-text').first().textContent()).toBe('1 of 7 done(14%) · 1 learning · 0 skipped');
    expect(await page.locator('a.outline-link[data-topic-id="alpha"], svg a.node[data-topic-id="alpha"]').first().getAttribute('class')).toContain(
      'is-done',
    );
    expect(await page.locator('[data-section-count="basics"]').first().textContent()).toBe('1 / 5 done');
    await page.context().close();
  });

  it('shows the same numbers on the home card, not the stale and unknown ids', async () => {
    const page = await pageWithStoredProgress('/');
    await expect
      .poll(() => page.locator('[data-roadmap-card="sample"] [data-card-progress]').textContent())
      .toBe('Your progress: 1 of 7 done, 1 learning');
    expect(await page.locator('[data-roadmap-card="other"] [data-card-progress]').isHidden()).toBe(true);
    await page.context().close();
  });

  it("shows a renamed topic's stored status on its page, opened first", async () => {
    const page = await pageWithStoredProgress('/sample/alpha');
    const done = page.locator('.status-buttons button[data-set-status="done"]');
    await expect.poll(() => done.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.status-buttons button[data-set-status="learning"]').getAttribute('aria-pressed')).toBe('false');
    await page.context().close();
  });
});
