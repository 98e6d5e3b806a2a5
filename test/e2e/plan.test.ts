/**
 * The study planner, "what next" and resource checks in real Chromium, on a phone and on a laptop,
 * with the browser's and the server's clocks fixed: a guest makes a 6-month plan, marks a topic
 * done and sees the plan and "what next" move, checks two resources, signs up, and finds the plan
 * and the checks on the account from a second browser.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planRoadmapOf } from '../../src/content/plan-roadmap.js';
import { loadContent } from '../../src/content/roadmap-loader.js';
import { computePlan, formatHours, suggestNext, type StudyPlan } from '../../src/shared/study-plan.js';
import { formatDay } from '../../src/web/islands/study-planner.js';
import { PASSWORD, uniqueEmail } from '../helpers/accounts.js';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { signUpInBrowser, useLiveBrowser } from '../helpers/live-browser.js';

const NOW = new Date('2026-12-02T09:00:00.000Z');
const TODAY = '2026-12-02';
const backend = loadContent(path.resolve('content')).content.roadmaps.get('backend')!;
const planning = planRoadmapOf(backend);
const title = (id: string) => backend.topics.get(id)!.title;

let server: LiveServer;
let browser: Browser;
useLiveBrowser((started) => ({ server, browser } = started), undefined, {}, { clock: () => NOW });

function expectedPlan(done: string[] = []): StudyPlan {
  const outcome = computePlan(planning, { months: 6, startDate: TODAY, done });
  if (!('plan' in outcome)) throw new Error(outcome.problem.message);
  return outcome.plan;
}

async function newPage(options: object): Promise<Page> {
  const context = await browser.newContext({ ...options, timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.clock.setFixedTime(NOW);
  return page;
}

const nextTopics = (page: Page) =>
  page
    .locator('.next-topics li')
    .evaluateAll((items) => items.map((li) => [li.querySelector('a')?.textContent ?? '', li.querySelector('.next-reason')?.textContent ?? '']));

describe.each(SIZES)('study plan on a $name', ({ options }) => {
  it('plans six months for a guest, follows progress, and moves to the account with the checks', async () => {
    const page = await newPage(options);
    const plan = expectedPlan();
    await page.goto(`${server.url}/backend/plan`);
    const result = page.locator('.plan-result');
    await result.waitFor();
    expect(await result.locator('h2').textContent()).toBe(`${formatHours(plan.totalHours)} hours in ${plan.weeks.length} weeks`);
    expect(await result.locator('[data-plan-finish]').textContent()).toBe(formatDay(plan.finish));
    expect(await result.locator('.plan-facts').textContent()).toContain(`${plan.hoursPerWeek} h a week`);
    const firstWeek = result.locator('.plan-week').first();
    expect(await firstWeek.locator('.plan-item a').allTextContents()).toEqual(plan.weeks[0]!.items.map((i) => title(i.topicId)));
    await page.getByRole('button', { name: 'Save this plan' }).click();
    await expect.poll(() => page.locator('.planner-notice').textContent()).toBe('Plan saved in this browser. Sign in to keep it on your account.');
    // Saved and on track: nothing was expected before today.
    expect(await result.locator('[data-pace]').getAttribute('data-pace')).toBe('on-track');

    // "What next" on the roadmap page: this week's planned topics first.
    await page.goto(`${server.url}/backend`);
    await page.locator('.next-topics li').first().waitFor();
    const before = suggestNext(planning, () => 'pending', { settings: { months: 6, startDate: TODAY }, plan, today: TODAY });
    expect(await nextTopics(page)).toEqual(before.map((s) => [title(s.topicId), s.reason]));

    // Marking the first topic done on its page moves both.
    const first = plan.weeks[0]!.items[0]!.topicId;
    await page.goto(`${server.url}/backend/${first}`);
    await page.locator('.status-buttons button', { hasText: 'Done' }).click();
    await page.goto(`${server.url}/backend`);
    await page.locator('.next-topics li').first().waitFor();
    const after = suggestNext(planning, (id) => (id === first ? 'done' : 'pending'), {
      settings: { months: 6, startDate: TODAY },
      plan,
      today: TODAY,
    });
    expect(after[0]!.topicId).not.toBe(first);
    await expect.poll(() => nextTopics(page)).toEqual(after.map((s) => [title(s.topicId), s.reason]));
    await page.goto(`${server.url}/backend/plan`);
    const firstItem = page.locator('.plan-week').first().locator('.plan-item').first();
    await expect.poll(() => firstItem.getAttribute('class')).toBe('plan-item plan-item--done');

    // Two resources of HTTP checked off.
    const http = backend.topics.get('http')!;
    await page.goto(`${server.url}/backend/http`);
    const checks = page.locator('.resource-check');
    await checks.first().waitFor();
    await checks.nth(0).check();
    await checks.nth(1).check();
    await expect.poll(() => page.locator('.resource-count').textContent()).toBe(`2 of ${http.resources.length} resources`);

    // Sign up: the plan and the checks join the account; a second browser finds them there.
    const email = uniqueEmail('planner');
    await signUpInBrowser(page, server.url, { name: 'Planner', email, password: PASSWORD, next: '/backend/plan' });
    await expect.poll(() => page.evaluate(() => localStorage.getItem('milepost:study:plans'))).toBeNull();
    const other = await newPage(options);
    await other.goto(`${server.url}/login`);
    await other.locator('#login-email').fill(email);
    await other.locator('#login-password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Log in', exact: true }).click();
    await other.waitForURL(/\/account$|\/$/);
    await other.goto(`${server.url}/backend/plan`);
    await expect.poll(() => other.getByRole('button', { name: 'Saved' }).count()).toBe(1);
    expect(await other.locator('.plan-result h2').textContent()).toBe(`${formatHours(plan.totalHours)} hours in ${plan.weeks.length} weeks`);
    await other.goto(`${server.url}/backend/http`);
    await expect.poll(() => other.locator('.resource-count').textContent()).toBe(`2 of ${http.resources.length} resources`);
    expect(await other.locator('.resource-check').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked).slice(0, 3))).toEqual([
      true,
      true,
      false,
    ]);
    await other.context().close();
    await page.context().close();
  });
});
