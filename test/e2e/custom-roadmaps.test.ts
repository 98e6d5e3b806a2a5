/**
 * Custom roadmaps in real Chromium, on a phone and on a laptop: the owner forks Backend, renames
 * a topic in the editor and sees the preview change, and publishes; a second person opens the
 * unlisted link and tracks progress; the owner renames the topic again and the learner's progress
 * follows it. The embed renders inside an iframe of a page served from another local port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { signUpInBrowser, useLiveBrowser } from '../helpers/live-browser.js';

const PASSWORD = 'a long passphrase for forks';
const WAIT = { timeout: 10_000 };

let server: LiveServer;
let browser: Browser;
useLiveBrowser((started) => ({ server, browser } = started));

/** Another site, on another port, that frames whatever page it is given in `?src=`. */
let host: http.Server;
let hostUrl = '';
beforeAll(async () => {
  host = http.createServer((request, response) => {
    const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>Another site</title><h1>Our study group</h1><iframe id="embed" src="${src.replace(/"/g, '')}" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

async function open(options: object): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Renames a topic with the editor's structure tools, then waits for the draft to be saved. */
async function renameInEditor(page: Page, topicId: string, title: string, newId: string): Promise<void> {
  await page.locator('#editor-pane-tab-structure').click();
  const row = page.locator(`[data-structure-id="${topicId}"]`).first();
  await row.locator('[data-action="edit"]').first().click();
  await page.locator(`#rename-${topicId}-title`).fill(title);
  await page.locator(`#rename-${topicId}-id`).fill(newId);
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect.poll(() => page.locator('[data-save-status]').textContent(), WAIT).toMatch(/^Saved draft at /);
}

async function publish(page: Page, note: string, version: number): Promise<void> {
  await page.locator('#publish-note').fill(note);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => page.locator('[data-save-status]').textContent(), WAIT).toBe(`Published version ${version}`);
}

describe.each(SIZES)('custom roadmaps on a $name', ({ name, options }) => {
  it('forks Backend, edits it with a live preview, shares it unlisted, and keeps a learner’s progress through renames', async () => {
    const owner = await open(options);
    await signUpInBrowser(owner, server.url, {
      name: 'Owner',
      email: `owner-${name}@example.org`,
      password: PASSWORD,
      next: '/roadmaps/new?fork=backend',
    });
    expect(await owner.locator('h1').textContent()).toBe('Fork Backend Developer');
    await owner.locator('#new-title').fill(`Backend for our group ${name}`);
    await owner.locator('#new-visibility').selectOption('unlisted');
    await owner.getByRole('button', { name: 'Fork and edit' }).click();
    await owner.waitForURL(/\/r\/[a-z0-9-]+\/edit\?notice=created$/);
    const id = new URL(owner.url()).pathname.split('/')[2]!;
    expect(id).toMatch(new RegExp(`^backend-for-our-group-${name}-[a-z0-9]{10}$`));

    // The code editor is styled (its styles pass the page's Content-Security-Policy) and shows the structure file.
    await expect.poll(() => owner.locator('.cm-content').textContent(), WAIT).toContain('sections:');
    expect(await owner.locator('.cm-gutters').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    // The preview shows the fork's diagram; a rename in the structure tools changes it.
    await owner.locator('#editor-pane-tab-preview').click();
    await expect.poll(() => owner.locator('[data-preview-diagram]').textContent(), WAIT).toContain('DNS');
    await renameInEditor(owner, 'dns', 'Name resolution', 'name-resolution');
    await owner.locator('#editor-pane-tab-preview').click();
    await expect.poll(() => owner.locator('[data-preview-diagram]').textContent(), WAIT).toContain('Name resolution');
    expect(await owner.locator('[data-preview-diagram]').textContent()).not.toContain('DNS');
    await publish(owner, 'Plainer words', 2);
    expect(await owner.evaluate(() => [document.documentElement.scrollWidth, innerWidth])).toEqual([options.viewport.width, options.viewport.width]);

    // A second person opens the unlisted link as a guest: the diagram's drawer works as on official roadmaps.
    const learner = await open(options);
    await learner.goto(`${server.url}/r/${id}`);
    // The diagram on a laptop, the outline on a phone.
    await learner.locator('a[data-topic-id="http"]:visible').first().click();
    await learner.waitForURL(`${server.url}/r/${id}/http`);
    await expect.poll(() => learner.locator('[data-drawer-page]').getAttribute('href'), WAIT).toBe(`/r/${id}/http`);
    // They mark the renamed topic done.
    await learner.goto(`${server.url}/r/${id}/name-resolution`);
    expect((await learner.locator('.topic-title').textContent())!.trim()).toBe('Name resolution');
    await learner.locator('[data-status-for="name-resolution"] [data-set-status="done"]').click();
    await expect
      .poll(() => learner.locator('[data-status-for="name-resolution"] [data-set-status="done"]').getAttribute('aria-pressed'))
      .toBe('true');
    await signUpInBrowser(learner, server.url, { name: 'Learner', email: `learner-${name}@example.org`, password: PASSWORD, next: `/r/${id}` });

    // The owner renames it again and publishes; the learner's progress follows the new id.
    await owner.goto(`${server.url}/r/${id}/edit`);
    await renameInEditor(owner, 'name-resolution', 'The Domain Name System', 'domain-name-system');
    await publish(owner, 'Back to the real name', 3);

    await learner.goto(`${server.url}/r/${id}/name-resolution`);
    await learner.waitForURL(`${server.url}/r/${id}/domain-name-system`);
    await expect
      .poll(() => learner.locator('[data-status-for="domain-name-system"] [data-set-status="done"]').getAttribute('aria-pressed'), WAIT)
      .toBe('true');
    const progress = await learner.evaluate(async (roadmapId) => (await fetch(`/api/v1/me/progress/${roadmapId}`)).json(), id);
    expect(progress.topics['domain-name-system'].status).toBe('done');
    expect(progress.counts.done).toBe(1);

    // Another site frames the embed.
    const visitor = await open(options);
    await visitor.goto(`${hostUrl}/?src=${encodeURIComponent(`${server.url}/r/${id}/embed`)}`);
    const frame = visitor.frameLocator('#embed');
    await expect.poll(() => frame.locator('.embed-title').textContent(), WAIT).toBe(`Backend for our group ${name}`);
    expect(await frame.locator('svg.diagram-svg').count()).toBe(1);
    expect(await frame.locator('svg.diagram-svg').textContent()).toContain('The Domain Name System');

    for (const page of [owner, learner, visitor]) await page.context().close();
  }, 60_000);
});
