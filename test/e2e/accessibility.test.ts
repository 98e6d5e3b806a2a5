import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { type LiveServer } from '../helpers/browser.js';
import { useLiveBrowser } from '../helpers/live-browser.js';

let server: LiveServer;
let browser: Browser;

useLiveBrowser((started) => ({ server, browser } = started));

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no violations on /backend and on a topic page (${colorScheme})`, async () => {
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      for (const path of ['/backend', '/backend/http', '/backend?view=outline', '/']) {
        await page.goto(`${server.url}${path}`);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await context.close();
    });
  }

  it('finds no violations with the drawer open', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/backend`);
    await page.locator('svg a.node[data-topic-id="jwt"]').click();
    await page.locator('dialog#topic-drawer .topic-title').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('shows every topic as a reachable link', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/backend`);
    const json = (await (await fetch(`${server.url}/jsons/roadmaps/backend.json`)).json()) as { topics: { id: string }[] };
    const visible = await page
      .locator('a[data-topic-id]:visible')
      .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('data-topic-id')))]);
    expect(new Set(visible)).toEqual(new Set(json.topics.map((t) => t.id)));
    await page.locator('svg a.node[data-topic-id="kafka"]').click();
    await page.waitForURL(`${server.url}/backend/kafka`);
    expect(await page.locator('h1').textContent()).toBe('Apache Kafka');
    await page.getByRole('link', { name: 'Backend Developer', exact: true }).first().click();
    await page.getByRole('link', { name: 'Outline', exact: true }).click();
    expect(await page.locator('section.outline').isVisible()).toBe(true);
    expect(await page.locator('section.outline a[data-topic-id]').count()).toBe(json.topics.length);
    await context.close();
  });
});
