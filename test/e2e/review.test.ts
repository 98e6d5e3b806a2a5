/**
 * Spaced repetition in real Chromium, on a phone and on a laptop, with the clocks of the browser
 * and of the server under the test's control: a guest's quiz answers become cards in the browser,
 * they follow the learner into a new account, and four days later they are due on /review, with
 * the count in the header.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { signUpInBrowser, useLiveBrowser } from '../helpers/live-browser.js';

const DAY = 86_400_000;
let now = Date.parse('2026-12-02T09:00:00.000Z');
let server: LiveServer;
let browser: Browser;

useLiveBrowser((started) => ({ server, browser } = started), undefined, {}, { clock: () => new Date(now) });

/** The header's review count; on a phone the menu is opened first. */
async function headerCount(page: Page, phone: boolean): Promise<string | null> {
  if (phone && !(await page.locator('#site-menu').isVisible())) await page.locator('.menu-toggle').click();
  const link = page.locator('[data-review-link]');
  await link.waitFor();
  return link.getAttribute('aria-label');
}

describe.each(SIZES)('review on a $name', ({ name, options }) => {
  it('keeps a guest’s answers as cards, takes them into a new account, and asks them when due', async () => {
    const phone = name === 'phone';
    const start = Date.parse('2026-12-02T09:00:00.000Z') + (phone ? 0 : 30 * DAY);
    now = start;
    const context = await browser.newContext({ ...options, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.clock.setFixedTime(new Date(start));
    await page.goto(`${server.url}/backend/dns`);
    const quiz = page.locator('[data-topic-quiz="dns"]');
    await quiz.locator('[data-quiz-start]').click();
    for (let n = 1; n <= 5; n++) {
      const card = quiz.locator('form.quiz-card');
      await card.waitFor();
      await card.locator('.quiz-option').first().click();
      await card.locator('[data-quiz-check]').click();
      await card.locator('[data-quiz-feedback]').waitFor();
      await card.locator('[data-quiz-next]').click();
    }
    await quiz.locator('[data-quiz-score]').waitFor();
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('milepost:review-cards') ?? '{}') as { cards: { due: string }[] });
    expect(stored.cards).toHaveLength(5);
    // Nothing is due on the day of answering: a wrong answer comes back tomorrow, a right one in 3 days.
    expect(await headerCount(page, phone)).toBe('Review, 0 cards due today');
    const dueDays = stored.cards.map((c) => Math.round((Date.parse(c.due) - start) / DAY)).sort();
    expect(dueDays.every((d) => d === 1 || d === 3)).toBe(true);

    // Four days on, as a guest: all five are due, counted in this browser.
    await page.clock.setFixedTime(new Date(start + 4 * DAY));
    await page.goto(`${server.url}/review`);
    await expect.poll(() => page.locator('[data-review-summary]').textContent()).toBe('5 cards are due today.');
    expect(await headerCount(page, phone)).toBe('Review, 5 cards due today');

    // Signing up takes the cards into the account, and this browser forgets its copy.
    await page.clock.setFixedTime(new Date(start));
    now = start;
    await signUpInBrowser(page, server.url, {
      name: 'Ravi',
      email: `ravi-${name}-${Date.now()}@example.org`,
      password: 'a long passphrase for reviews',
      next: '/review',
    });
    await expect.poll(() => page.locator('#page-notice').textContent()).toBe('5 review cards from this browser joined your account.');
    expect(await page.evaluate(() => localStorage.getItem('milepost:review-cards'))).toBeNull();
    await expect.poll(() => page.locator('[data-review-summary]').textContent()).toBe('Nothing is due today.');

    // Four days on, for the account: the server's queue, asked one card at a time.
    now = start + 4 * DAY;
    await page.clock.setFixedTime(new Date(now));
    await page.reload();
    await expect.poll(() => page.locator('[data-review-summary]').textContent()).toBe('5 cards are due today.');
    expect(await headerCount(page, phone)).toBe('Review, 5 cards due today');
    const card = page.locator('[data-review-session] form.quiz-card');
    await card.waitFor();
    expect(await card.locator('.quiz-progress').textContent()).toBe('Card 1 of 5');
    await card.locator('.quiz-option').first().click();
    await card.locator('[data-quiz-check]').click();
    await card.locator('[data-quiz-feedback]').waitFor();
    // The answer is a review: the header counts one card fewer.
    await expect.poll(() => headerCount(page, phone)).toBe('Review, 4 cards due today');
    await card.locator('[data-quiz-next]').click();
    await expect.poll(() => card.locator('.quiz-progress').textContent()).toBe('Card 2 of 5');
    await context.close();
  });
});
