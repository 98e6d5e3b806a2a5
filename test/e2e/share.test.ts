/**
 * Share and download on the roadmap page, in real Chromium on a phone and a laptop: the panel
 * fits the screen, the roadmap link copies, network links are plain links carrying the URL, the
 * PDF and the diagram image download, and a signed-in learner with a public profile gets the link
 * to their progress and the PDF with it. Printed, the page is the outline with statuses in words
 * and every FAQ answer open.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { signUpInBrowser, useLiveBrowser } from '../helpers/live-browser.js';

let server: LiveServer;
let browser: Browser;

useLiveBrowser((started) => ({ server, browser } = started));

describe.each(SIZES)('sharing on a $name', ({ name, options }) => {
  it('offers the roadmap link, network links and the downloads, then the learner’s own progress once signed in', async () => {
    const context = await browser.newContext(options);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${server.url}/backend`);
    const panel = page.locator('[data-share-panel]');
    await panel.locator('summary').click();
    const roadmapLink = panel.locator('[data-share-link="roadmap"]');
    await expect.poll(() => roadmapLink.inputValue()).toBe('http://localhost:3000/backend');
    // Nothing sticks out sideways, on a phone either.
    const width = options.viewport.width;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    const box = await panel.locator('.share-body').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);

    await panel.locator('[data-copy="roadmap"]').click();
    await expect.poll(() => page.locator('[data-action-message]').textContent()).toBe('Link copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('http://localhost:3000/backend');

    const bluesky = await panel.locator('[data-share-network="Bluesky"]').getAttribute('href');
    expect(bluesky).toBe(
      `https://bsky.app/intent/compose?text=${encodeURIComponent('Backend Developer roadmap on Milepost http://localhost:3000/backend')}`,
    );
    expect(await panel.locator('[data-share-network]').count()).toBe(6);
    // A guest sees no progress link and no progress PDF.
    expect(await panel.locator('[data-share-link="progress"], [data-progress-pdf]').count()).toBe(0);

    const pdfHref = await panel.locator('[data-download="pdf"]').getAttribute('href');
    const pdf = await page.request.get(`${server.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const diagram = await page.request.get(`${server.url}${await panel.locator('[data-download="diagram"]').getAttribute('href')}`);
    expect(diagram.status()).toBe(200);
    expect(diagram.headers()['content-type']).toBe('image/png');

    // Signed in with a public profile: the link to their progress on this roadmap, and their PDF.
    await signUpInBrowser(page, server.url, {
      name: 'Grace',
      email: `grace-${name}-${Date.now()}@example.org`,
      password: 'a long passphrase for sharing',
      next: '/backend',
    });
    const username = `grace${name}${Date.now() % 100000}`;
    const patched = await page.request.patch(`${server.url}/api/v1/me`, { data: { username, publicProfile: true }, headers: { origin: server.url } });
    expect(patched.status(), await patched.text()).toBe(200);
    await page.reload();
    await panel.locator('summary').click();
    const progressLink = panel.locator('[data-share-link="progress"]');
    await expect.poll(() => progressLink.inputValue()).toBe(`http://localhost:3000/u/${username}?roadmap=backend`);
    const own = await page.request.get(`${server.url}${await panel.locator('[data-progress-pdf]').getAttribute('href')}`);
    expect(own.status()).toBe(200);
    expect(own.headers()['cache-control']).toBe('private, no-store');
    await page.goto(`${server.url}/u/${username}?roadmap=backend`);
    expect(await page.locator('h1').textContent()).toBe('Grace');
    // The heatmap opens at the current month: its right end is in view, on a phone too.
    const scroller = await page.locator('.heatmap-scroll').boundingBox();
    const heatmap = await page.locator('.heatmap-svg').boundingBox();
    expect(Math.round(heatmap!.x + heatmap!.width)).toBe(Math.round(scroller!.x + scroller!.width));
    await context.close();
  }, 90_000);

  it('prints the outline with statuses in words and every FAQ answer open', async () => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.url}/backend/http`);
    await page.locator('[data-status-for="http"] [data-set-status="done"]').click();
    await page.goto(`${server.url}/backend`);
    await page.emulateMedia({ media: 'print' });
    // What the browser does before it prints.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('.roadmap .diagram').isVisible()).toBe(false);
    const link = page.locator('.outline a.outline-link[data-topic-id="http"]');
    expect(await link.isVisible()).toBe(true);
    const status = link.locator('[data-status-text]');
    await expect.poll(() => status.textContent()).toBe(', done');
    expect((await status.boundingBox())!.width).toBeGreaterThan(20);
    const answers = page.locator('details.faq-item');
    expect(await answers.count()).toBeGreaterThan(3);
    expect(await page.locator('details.faq-item:not([open])').count()).toBe(0);
    expect(await page.locator('[data-share-panel]').isVisible()).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.locator('details.faq-item:not([open])').count()).toBe((await answers.count()) - 1);
    await context.close();
  }, 60_000);
});
