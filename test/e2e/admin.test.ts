/**
 * The admin area in real Chromium, on a phone and on a laptop: an administrator finds a learner,
 * disables the account (the learner's open session ends on their next page), sees it in the audit
 * log, and enables it again; the learner reports a community roadmap from its page, and the
 * administrator dismisses the report. The pages pass axe and never scroll sideways on a phone.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { UserRepository } from '../../src/features/auth/user-repository.js';
import { browser as sessionHeaders, signUp } from '../helpers/accounts.js';
import { axeViolations } from '../helpers/axe.js';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { useLiveBrowser } from '../helpers/live-browser.js';

let server: LiveServer;
let browser: Browser;
useLiveBrowser((started) => ({ server, browser } = started));

/** A browser context signed in with `session`. */
async function signedIn(options: object, session: string): Promise<BrowserContext> {
  // axe goes in as an inline script, which the site's CSP refuses.
  const context = await browser.newContext({ ...options, bypassCSP: true });
  await context.addCookies([{ name: 'mp_session', value: session, url: server.url }]);
  return context;
}

describe.each(SIZES)('the admin area on a $name', ({ name, options }) => {
  it('finds a learner, disables and enables the account, and logs both', async () => {
    const admin = await signUp(server.app, { name: 'Ada Admin', email: `ada-${name}@admins.example` });
    const db = openDatabase(server.db.config);
    try {
      await new UserRepository(db).update(admin.id, { is_admin: 1 });
    } finally {
      await db.destroy();
    }
    const learner = await signUp(server.app, { name: 'Lee Learner', email: `lee-${name}@example.org` });

    const adminContext = await signedIn(options, admin.session);
    const learnerContext = await signedIn(options, learner.session);
    try {
      const page = await adminContext.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      await page.goto(`${server.url}/admin`);
      expect(await page.locator('h1').textContent()).toBe('Admin');
      expect(await page.locator('[data-roadmap="backend"] th').textContent()).toBe('Backend Developer');
      await page.locator('#admin-q').fill(`lee-${name}`);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/admin\?q=/);
      const row = page.locator(`[data-user="lee-${name}@example.org"]`);
      expect(await row.locator('.admin-user__name').textContent()).toBe('Lee Learner');
      expect(await page.locator('.admin-page p.muted[aria-live]').textContent()).toBe(`1 account matching “lee-${name}”, newest first.`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      const learnerPage = await learnerContext.newPage();
      await learnerPage.goto(`${server.url}/account`);
      expect(learnerPage.url()).toBe(`${server.url}/account`);

      await row.getByRole('button', { name: `Disable lee-${name}@example.org` }).click();
      await page.waitForURL(`${server.url}/admin?notice=disabled#accounts`);
      expect(await page.locator('.notice').textContent()).toBe('Account disabled: its sessions and tokens no longer work.');
      expect(await page.locator(`[data-user="lee-${name}@example.org"] .badge--danger`).textContent()).toBe('disabled');

      // The learner's next page finds them signed out.
      await learnerPage.goto(`${server.url}/account`);
      expect(learnerPage.url()).toBe(`${server.url}/login?next=/account`);

      await page
        .locator(`[data-user="lee-${name}@example.org"]`)
        .getByRole('button', { name: `Enable lee-${name}@example.org` })
        .click();
      await page.waitForURL(`${server.url}/admin?notice=enabled#accounts`);
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL(`${server.url}/admin/audit`);
      const entries = page.locator('.admin-audit li');
      expect(await entries.nth(0).textContent()).toContain(`ada-${name}@admins.example · Enabled an account · lee-${name}@example.org`);
      expect(await entries.nth(1).textContent()).toContain(`ada-${name}@admins.example · Disabled an account · lee-${name}@example.org`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      // The learner reports a community roadmap from its page; the administrator dismisses the report.
      const made = await server.app.inject({
        method: 'POST',
        url: '/api/v1/roadmaps',
        headers: sessionHeaders(admin.session),
        payload: { title: `Shared notes ${name}`, visibility: 'public' },
      });
      expect(made.statusCode, made.body).toBe(201);
      const shared = made.json() as { id: string; url: string };
      const reportPage = await learnerContext.newPage();
      await learnerPage.close();
      // Enabled again, the learner's own session works as before.
      await reportPage.goto(`${server.url}${shared.url}`);
      await reportPage.getByRole('link', { name: 'Report this roadmap' }).click();
      await reportPage.waitForURL(`${server.url}/r/${shared.id}/report`);
      await reportPage.getByLabel('Spam or advertising').check();
      await reportPage.locator('#report-details').fill('Every topic links to the same shop.');
      await reportPage.getByRole('button', { name: 'Send the report' }).click();
      expect(await reportPage.locator('.notice').textContent()).toContain(`The site’s administrators will look at “Shared notes ${name}”.`);
      expect(await reportPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      await page.getByRole('link', { name: 'Reports' }).click();
      await page.waitForURL(`${server.url}/admin/reports`);
      const item = page.locator('.report-item').filter({ hasText: `Shared notes ${name}` });
      expect(await item.locator('.report-details').textContent()).toBe('Every topic links to the same shop.');
      expect(await axeViolations(page)).toEqual([]);
      await item.locator('select').selectOption('dismiss');
      await item.getByRole('button', { name: `Decide on “Shared notes ${name}”` }).click();
      await page.waitForURL(`${server.url}/admin/reports?notice=dismissed`);
      expect(await page.locator('.notice').textContent()).toBe('The report was dismissed.');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      await adminContext.close();
      await learnerContext.close();
    }
  });
});
