/**
 * "Check yourself" in real Chromium, as a guest, on a phone and on a laptop: five questions one
 * at a time, each checked by the server with its explanation, then the score.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SIZES, type LiveServer } from '../helpers/browser.js';
import { useLiveBrowser } from '../helpers/live-browser.js';

let server: LiveServer;
let browser: Browser;

useLiveBrowser((started) => ({ server, browser } = started));

describe.each(SIZES)('topic quiz on a $name', ({ options }) => {
  it('asks five questions, explains each answer, and gives the score', async () => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${server.url}/backend/dns`);
    const quiz = page.locator('[data-topic-quiz="dns"]');
    await quiz.locator('[data-quiz-start]').click();
    let expectedScore = 0;
    for (let n = 1; n <= 5; n++) {
      const card = quiz.locator('form.quiz-card');
      await card.waitFor();
      expect(await card.locator('.quiz-progress').textContent()).toBe(`Question ${n} of 5`);
      const questionId = (await card.getAttribute('data-question-id'))!;
      // Choose the first option, as a learner might; the server says whether that was right.
      await card.locator('.quiz-option').first().click();
      await card.locator('[data-quiz-check]').click();
      const feedback = card.locator('[data-quiz-feedback]');
      await feedback.waitFor();
      const truth = await (
        await context.request.post(`${server.url}/api/v1/roadmaps/backend/questions/${questionId}/answer`, { data: { optionIds: ['a'] } })
      ).json();
      expect(await feedback.locator('strong').textContent()).toBe(truth.correct ? 'Correct.' : 'Not quite.');
      const expected = await page.evaluate((html: string) => {
        const box = document.createElement('div');
        box.innerHTML = html;
        return box.textContent!.trim();
      }, truth.explanationHtml);
      expect((await feedback.locator('.prose').textContent())!.trim()).toBe(expected);
      expect(await card.locator('.quiz-option.is-correct').count()).toBe(truth.correctOptionIds.length);
      if (truth.correct) expectedScore++;
      await feedback.locator('[data-quiz-next]').click();
    }
    expect(await quiz.locator('[data-quiz-score]').textContent()).toBe(`You answered ${expectedScore} of 5 correctly. Another round`);
    await context.close();
  });
});

describe.each(SIZES)('skill test on a $name', ({ options }) => {
  it('takes the test, shows the score per section with links to revisit, and compares with the last attempt', async () => {
    const { loadContentOrThrow } = await import('../../src/content/roadmap-loader.js');
    const backend = loadContentOrThrow('content').roadmaps.get('backend')!;
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${server.url}/backend`);
    await page.getByRole('link', { name: 'Skill test', exact: true }).click();
    await page.waitForURL(`${server.url}/backend/skill-test`);

    const take = async (rightCount: number) => {
      await page.locator('[data-skill-start]').click();
      const cards = page.locator('[data-skill-test] li.quiz-card');
      await expect.poll(() => cards.count()).toBe(40);
      for (let i = 0; i < 40; i++) {
        const card = cards.nth(i);
        const question = backend.questions.get((await card.getAttribute('data-question-id'))!)!;
        const pick = i < rightCount ? question.correctOptionIds : [question.options.find((o) => !question.correctOptionIds.includes(o.id))!.id];
        for (const id of pick) await card.locator(`input[value="${id}"]`).check();
      }
      expect(await page.locator('[data-skill-answered]').textContent()).toBe('40 of 40 answered');
      await page.locator('[data-skill-submit]').click();
      await page.locator('[data-skill-result]').waitFor();
    };

    await take(30);
    expect(await page.locator('[data-skill-score]').textContent()).toBe('30 of 40 right (75 %)');
    const rows = page.locator('.skill-sections tbody tr');
    const totals = await rows.evaluateAll((all) => all.map((r) => Number(r.querySelector('td')!.textContent!.split(' of ')[1])));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(40);
    const revisit = page.locator('.skill-revisit a');
    expect(await revisit.count()).toBeGreaterThanOrEqual(1);
    const href = (await revisit.first().getAttribute('href'))!;
    expect(backend.topics.has(href.split('/')[2]!)).toBe(true);

    await page.getByRole('button', { name: 'Take another test' }).click();
    await take(40);
    expect(await page.locator('[data-skill-score]').textContent()).toBe('40 of 40 right (100 %) · +25 points since your last attempt');
    expect(await page.locator('.skill-revisit').count()).toBe(0);
    // Code in prompts scrolls inside its question: the page keeps the screen's width.
    const width = options.viewport.width;
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth])).toEqual([width, width]);
    await context.close();
  }, 120_000);
});
