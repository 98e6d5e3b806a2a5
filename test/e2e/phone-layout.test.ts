/**
 * The site on a 390 × 844 phone (touch, mobile viewport) and a 1280 × 900 laptop: no page scrolls
 * sideways, the header folds into a menu, the drawer is a sheet whose Close stays on screen,
 * controls that look like checkboxes behave like them, and diagram text keeps its contrast.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type LiveServer } from '../helpers/browser.js';
import { useLiveBrowser } from '../helpers/live-browser.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PASSWORD = 'correct horse battery staple 42';

let server: LiveServer;
let browser: Browser;

useLiveBrowser((started) => ({ server, browser } = started));

async function open(options: object): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

/** A signed-in context with a public profile; returns its username. */
async function signedIn(context: BrowserContext): Promise<string> {
  const username = `phone${randomBytes(3).toString('hex')}`;
  const signup = await context.request.post(`${server.url}/api/v1/auth/signup`, {
    data: { email: `${username}@example.org`, password: PASSWORD, name: 'Phone Learner' },
  });
  expect(signup.status()).toBe(201);
  const patch = await context.request.patch(`${server.url}/api/v1/me`, { data: { username, publicProfile: true }, headers: { origin: server.url } });
  expect(patch.status()).toBe(200);
  return username;
}

const widths = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** How far apart two `rgb(…)` colours are (Euclidean, 0–441): a different hue, not only a lighter one. */
function distance(a: string, b: string): number {
  const [x, y] = [a, b].map((c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number));
  return Math.hypot(x![0]! - y![0]!, x![1]! - y![1]!, x![2]! - y![2]!);
}

describe('on a 390 × 844 phone', () => {
  it('scrolls no page sideways, whatever its type, from 320 to 430 px wide', async () => {
    const { context, page } = await open(PHONE);
    const username = await signedIn(context);
    const pages = [
      '/',
      '/backend',
      '/backend?view=diagram',
      '/backend?view=outline',
      '/backend/http',
      '/backend/guide',
      '/backend/skill-test',
      '/review',
      '/backend/projects',
      '/backend/projects/capstone',
      '/search?q=cache',
      '/no-such-page',
      '/account',
      `/u/${username}`,
      '/api/docs',
    ];
    const guest = await browser.newContext(PHONE);
    const guestPage = await guest.newPage();
    // The narrowest and widest common phones as well as this one.
    for (const width of [320, 390, 430]) {
      await page.setViewportSize({ width, height: 844 });
      await guestPage.setViewportSize({ width, height: 844 });
      const seen: Record<string, { scroll: number; inner: number }> = {};
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        seen[path] = await widths(page);
      }
      for (const path of ['/login', '/signup', '/forgot-password']) {
        await guestPage.goto(`${server.url}${path}`);
        seen[path] = await widths(guestPage);
      }
      for (const [path, size] of Object.entries(seen)) expect({ path, ...size }).toEqual({ path, scroll: width, inner: width });
    }
    await guest.close();
    await context.close();
  });

  it('folds the header into a menu that opens, and closes with Escape', async () => {
    const { context, page } = await open(PHONE);
    await page.goto(`${server.url}/backend`);
    const menu = page.locator('#site-menu');
    const toggle = page.locator('[data-menu-toggle]');
    await expect.poll(() => toggle.isVisible()).toBe(true);
    expect(await page.evaluate(() => [document.documentElement.className, getComputedStyle(document.getElementById('site-menu')!).display])).toEqual([
      'js',
      'none',
    ]);
    expect(await menu.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.tap();
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('link', { name: 'Log in' }).isVisible()).toBe(true);
    const box = (await page.locator('[data-signup-link]').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.isVisible()).toBe(false);
    await context.close();
  });

  it('opens a topic as a full-width sheet whose Close is on screen, and marks it done by touch', async () => {
    const { context, page } = await open(PHONE);
    await page.goto(`${server.url}/backend`);
    // Links open the drawer once the page's script has hydrated it.
    await page.locator('mp-island[data-island="topic-drawer"][data-hydrated]').waitFor({ state: 'attached' });
    await page.locator('.outline a[data-topic-id="dns"]').first().tap();
    const drawer = page.locator('dialog#topic-drawer');
    await drawer.locator('.topic-title', { hasText: 'DNS' }).waitFor();
    const sheet = (await drawer.boundingBox())!;
    expect([sheet.x, sheet.width]).toEqual([0, 390]);
    const close = (await drawer.locator('[data-drawer-close]').boundingBox())!;
    expect(close.x).toBeGreaterThanOrEqual(0);
    expect(close.y).toBeGreaterThanOrEqual(0);
    expect(close.x + close.width).toBeLessThanOrEqual(390);
    expect(close.y + close.height).toBeLessThanOrEqual(844);
    // Keyboard hints are hidden on a touch screen.
    expect(await drawer.locator('button[data-set-status="done"] kbd').isVisible()).toBe(false);

    const done = drawer.locator('button[data-set-status="done"]');
    expect(await done.locator('use').getAttribute('href')).toBe('#s-box');
    await done.tap();
    await expect.poll(() => done.getAttribute('aria-pressed')).toBe('true');
    expect(await done.locator('use').getAttribute('href')).toBe('#s-done');
    await drawer.locator('[data-drawer-close]').tap();
    // Closing goes back to the roadmap's address; reload once it has.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/backend');
    await page.reload();
    expect(await page.locator('.outline a[data-topic-id="dns"]').first().getAttribute('class')).toContain('is-done');
    await context.close();
  });

  it('marks a topic done from its outline row by touch, without the drawer, and keeps it after reload', async () => {
    const { context, page } = await open(PHONE);
    await page.goto(`${server.url}/backend`);
    const check = page.locator('.outline [data-check-topic="http"]');
    await check.waitFor();
    expect(await check.getAttribute('aria-pressed')).toBe('false');
    const box = (await check.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await check.tap();
    await expect.poll(() => check.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('dialog#topic-drawer').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.locator('.outline a.outline-link[data-topic-id="http"]').getAttribute('class')).toContain('is-done');
    await page.reload();
    await expect.poll(() => page.locator('.outline [data-check-topic="http"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('.outline [data-check-topic="http"]').tap();
    await expect.poll(() => page.locator('.outline [data-check-topic="http"]').getAttribute('aria-pressed')).toBe('false');
    await context.close();
  });

  it('keeps resources from the drawer in a new tab, so the reader keeps their place', async () => {
    const { context, page } = await open(PHONE);
    await page.goto(`${server.url}/backend/dns`);
    const links = page.locator('.resources a');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    for (const target of await links.evaluateAll((all) => all.map((a) => a.getAttribute('target')))) expect(target).toBe('_blank');
    await context.close();
  });
});

describe('themes and contrast', () => {
  it('offers system, light and dark, shows the current choice, and is hidden without JavaScript', async () => {
    const { context, page } = await open({ ...DESKTOP, colorScheme: 'dark' });
    await page.goto(`${server.url}/backend`);
    const choice = page.locator('select[data-theme-choice]');
    expect(await choice.inputValue()).toBe('system');
    await choice.selectOption('light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.reload();
    expect(await choice.inputValue()).toBe('light');
    await choice.selectOption('system');
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? null)).toBe(null);
    expect((await context.cookies()).some((c) => c.name === 'mp_theme')).toBe(false);
    await page.reload();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(17, 20, 24)');
    await context.close();

    const noScript = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${server.url}/backend`);
    expect(await plain.locator('.theme-toggle').isVisible()).toBe(false);
    await noScript.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps every diagram text at 4.5:1 or more in the ${scheme} theme, skipped nodes included`, async () => {
      const { context, page } = await open({ ...DESKTOP, colorScheme: scheme });
      await page.goto(`${server.url}/backend?view=diagram`);
      await page.evaluate(() =>
        localStorage.setItem(
          'milepost:progress:backend',
          JSON.stringify({
            topics: {
              dns: { status: 'skipped', updatedAt: '2026-11-01T00:00:00Z' },
              http: { status: 'done', updatedAt: '2026-11-01T00:00:00Z' },
              git: { status: 'learning', updatedAt: '2026-11-01T00:00:00Z' },
              'how-the-internet-works': { status: 'skipped', updatedAt: '2026-11-01T00:00:00Z' },
            },
          }),
        ),
      );
      await page.reload();
      await page.locator('svg a.node.is-skipped[data-topic-id="dns"]').waitFor();
      const pairs = await page.evaluate(() => {
        const out: { what: string; text: string; background: string; opacity: string }[] = [];
        for (const node of document.querySelectorAll<SVGElement>('svg a.node')) {
          const box = node.querySelector('.node-box');
          for (const text of node.querySelectorAll('text')) {
            out.push({
              what: `${node.getAttribute('data-topic-id')} ${node.getAttribute('class')}`,
              text: getComputedStyle(text).fill,
              background: getComputedStyle(box!).fill,
              opacity: getComputedStyle(node).opacity,
            });
          }
        }
        for (const band of document.querySelectorAll('svg .section-band')) {
          const rect = band.querySelector('rect');
          for (const text of band.querySelectorAll('text'))
            out.push({ what: `band ${text.textContent}`, text: getComputedStyle(text).fill, background: getComputedStyle(rect!).fill, opacity: '1' });
        }
        return out;
      });
      expect(pairs.length).toBeGreaterThan(228);
      expect(pairs.some((p) => p.what.includes('is-skipped'))).toBe(true);
      const failing = pairs
        .filter((p) => p.opacity !== '1' || contrast(p.text, p.background) < 4.5)
        .map((p) => `${p.what}: ${contrast(p.text, p.background).toFixed(2)}`);
      expect(failing).toEqual([]);
      // The focus ring is a colour no node border uses.
      const colours = await page.evaluate(() => {
        const css = getComputedStyle(document.documentElement);
        const probe = document.createElement('div');
        document.body.append(probe);
        const resolve = (name: string) => {
          probe.style.color = css.getPropertyValue(name);
          return getComputedStyle(probe).color;
        };
        const result = {
          focus: resolve('--focus'),
          borders: ['--topic-border', '--sub-border', '--done-border', '--skipped-border', '--status-learning'].map(resolve),
        };
        probe.remove();
        return result;
      });
      for (const border of colours.borders) expect(distance(colours.focus, border), border).toBeGreaterThan(120);
      await context.close();
    });
  }

  it('shows the top of the diagram on the first screen of a 1280 × 900 laptop', async () => {
    const { context, page } = await open(DESKTOP);
    await page.goto(`${server.url}/backend?view=diagram`);
    // The first section band, not only the diagram's box, is in view.
    const band = (await page.locator('.section-band rect').first().boundingBox())!;
    expect(band.y + band.height).toBeLessThanOrEqual(900);
    await context.close();
  });
});
