/**
 * Teams in real Chromium, on a phone and on a laptop, with three people in three browser
 * contexts: the owner creates a team, assigns Backend and makes an invite link; a member joins
 * through it and marks a topic done, and the owner's dashboard shows it with no reload; a third
 * person is refused the team until they join, then sees only their own row and the totals. The
 * owner downloads the progress CSV and its content is checked.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { signUpInBrowser, useLiveBrowser } from '../helpers/live-browser.js';

const PASSWORD = 'a long passphrase for cohorts';
const LIVE = { timeout: 10_000 };

let server: LiveServer;
let browser: Browser;
useLiveBrowser((started) => ({ server, browser } = started));

async function open(options: object): Promise<Page> {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

const BOM = '\uFEFF';

describe.each(SIZES)('teams on a $name', ({ name, options }) => {
  it('creates a team, lets a member join by link, shows their progress live, and exports it', async () => {
    const owner = await open(options);
    await signUpInBrowser(owner, server.url, { name: 'Olga Owner', email: `olga-${name}@example.org`, password: PASSWORD, next: '/teams' });
    await owner.locator('#team-name').fill(`Cohort ${name}`);
    await owner.getByRole('button', { name: 'Create team' }).click();
    await owner.waitForURL(`${server.url}/teams/cohort-${name}?notice=created`);
    expect(await owner.locator('h1').textContent()).toBe(`Cohort ${name}`);

    await owner.locator('#assign-roadmap').selectOption('backend');
    await owner.getByRole('button', { name: 'Assign', exact: true }).click();
    await owner.waitForURL(/notice=assigned$/);
    await expect.poll(() => owner.locator('[data-team-live]').getAttribute('data-team-live'), LIVE).toBe('live');
    expect(await owner.locator('[data-team-roadmap="backend"] h2').textContent()).toBe('Backend Developer');

    await owner.getByRole('button', { name: 'Make invite link' }).click();
    const link = await owner.locator('#share-invite').inputValue();
    // The link is made on the configured public address; the test's server listens elsewhere.
    expect(link).toMatch(/^http:\/\/localhost:3000\/invites\/inv_[A-Za-z0-9_-]{43}$/);
    const invitePath = new URL(link).pathname;
    await expect.poll(() => owner.locator('[data-team-live]').getAttribute('data-team-live'), LIVE).toBe('live');

    // The third person, signed in but not a member, learns nothing of the team.
    const third = await open(options);
    await signUpInBrowser(third, server.url, { name: 'Theo Third', email: `theo-${name}@example.org`, password: PASSWORD, next: '/teams' });
    const refused = await third.goto(`${server.url}/teams/cohort-${name}`);
    expect(refused?.status()).toBe(404);
    expect(await third.locator('body').textContent()).not.toContain(`Cohort ${name}`);

    const member = await open(options);
    await signUpInBrowser(member, server.url, { name: 'Mia Member', email: `mia-${name}@example.org`, password: PASSWORD, next: invitePath });
    expect(await member.locator('h1').textContent()).toBe(`Join Cohort ${name}`);
    expect(await member.locator('[data-invite-sees]').textContent()).toContain('nothing else: not your email address, your notes, your quiz answers');
    await member.getByRole('button', { name: `Join Cohort ${name}` }).click();
    await member.waitForURL(`${server.url}/teams/cohort-${name}?notice=joined`);

    // The owner's open dashboard hears of the new member, then of her progress, with no reload.
    const miaRow = owner.locator('[data-team-roadmap="backend"] tr', { hasText: 'Mia Member' });
    await expect.poll(() => miaRow.count(), LIVE).toBe(1);
    expect(await miaRow.locator('[data-cell="overall"]').textContent()).toMatch(/^0\/\d+ \(0 %\)$/);
    const total = Number((await miaRow.locator('[data-cell="overall"]').textContent())!.match(/^0\/(\d+)/)![1]);
    expect(total).toBeGreaterThan(100);

    await member.goto(`${server.url}/backend/http`);
    await member.locator('.topic-page button[data-set-status="done"]').click();
    await expect.poll(() => miaRow.locator('[data-cell="overall"]').textContent(), LIVE).toBe(`1/${total} (0 %)`);
    expect(await miaRow.locator('[data-cell="section:internet"]').textContent()).toBe('1/6 (16 %)');
    await expect.poll(() => owner.locator('[data-activity]').first().textContent(), LIVE).toMatch(/^Mia Member finished HTTP \(Backend Developer\)/);

    // The CSV holds what the dashboard shows, ready for a spreadsheet.
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.locator('[data-download="progress"]').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^cohort-${name}-progress-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    const b = 'Backend Developer';
    expect(lines[0]!.split(',').slice(0, 9)).toEqual([
      'Name',
      'Last active',
      `${b}: done`,
      `${b}: learning`,
      `${b}: skipped`,
      `${b}: total`,
      `${b}: percent`,
      `${b}: How the Web Works: done`,
      `${b}: How the Web Works: total`,
    ]);
    const mia = lines.find((l) => l.startsWith('Mia Member,'))!;
    expect(mia.split(',').slice(2, 9)).toEqual(['1', '0', '0', String(total), '0', '1', '6']);
    expect(
      lines
        .find((l) => l.startsWith('Olga Owner,'))!
        .split(',')
        .slice(2, 7),
    ).toEqual(['0', '0', '0', String(total), '0']);
    expect(lines.at(-1)).toBe('');

    // The third person joins too, and sees their own row and the totals, not the others'.
    await third.goto(`${server.url}${invitePath}`);
    await third.getByRole('button', { name: `Join Cohort ${name}` }).click();
    await third.waitForURL(/notice=joined$/);
    const rows = third.locator('[data-team-roadmap="backend"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe('Theo Third');
    expect(await third.locator('[data-team-total="backend"]').textContent()).toBe(`The team has 1 of ${total * 3} topics done (0 %) over 3 members.`);
    expect(await third.locator('body').textContent()).not.toContain('Mia Member');

    // On a phone the matrix scrolls sideways inside its frame; the page itself never does.
    const overflow = await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);

    for (const page of [owner, member, third]) await page.context().close();
  }, 90_000);
});
