/**
 * Spaced-repetition review over HTTP, on both databases, with the app's clock under the test's
 * control: answers become FSRS-scheduled cards (a guest's go back to the browser), marking a
 * topic done queues its questions, today's queue follows the learner's time zone, self-ratings,
 * the merge of a guest's cards, and the topics to revisit.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { removeDir, writeSampleContent, writeSampleQuestions } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { expectError } from '../helpers/accounts.js';
import { createSignedInUser } from '../helpers/signed-in-user.js';
import { buildTestApp } from '../helpers/test-app.js';

const START = Date.parse('2026-12-02T10:00:00.000Z');
const DAY = 86_400_000;

describe.each(DIALECTS)('review cards on $name', ({ create }) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let db: Database;
  let contentDir: string;
  let now = START;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    writeSampleQuestions(contentDir);
    testDb = await create();
    app = await buildTestApp({ db: testDb, contentDir, deps: { clock: () => new Date(now) } });
    db = openDatabase(testDb.config);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await testDb.drop();
    removeDir(contentDir);
  });

  const answer = (questionId: string, optionIds: string[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/v1/roadmaps/sample/questions/${questionId}/answer`, headers, payload: { optionIds, ...extra } });
  const due = (headers: Record<string, string>) => app.inject({ url: '/api/v1/me/reviews/due', headers });

  it('schedules a guest’s answer with FSRS and hands the card back: right is 3 days, wrong is 1, easy is 8', async () => {
    now = START;
    const right = (await answer('beta-q1', ['b'])).json();
    expect(right.recorded).toBe(false);
    expect(right.card).toMatchObject({
      roadmapId: 'sample',
      questionId: 'beta-q1',
      topicId: 'beta',
      due: '2026-12-05T10:00:00.000Z',
      reps: 1,
      misses: 0,
      state: 2,
    });
    expect(right.card.lastReview).toBe('2026-12-02T10:00:00.000Z');
    const wrong = (await answer('beta-q3', ['a'])).json();
    expect(wrong.card).toMatchObject({ due: '2026-12-03T10:00:00.000Z', misses: 1, reps: 1 });
    expect((await answer('beta-q4', ['b'], { rating: 'easy' })).json().card.due).toBe('2026-12-10T10:00:00.000Z');
    // A wrong answer is Again, whatever the learner says about it.
    expect((await answer('beta-q4', ['c'], { rating: 'easy' })).json().card.due).toBe('2026-12-03T10:00:00.000Z');
    // Answered again when due, the same card goes on to 14 days.
    now = Date.parse(right.card.due);
    const again = (await answer('beta-q1', ['b'], { card: right.card })).json();
    expect(again.card).toMatchObject({ due: '2026-12-19T10:00:00.000Z', reps: 2, lastReview: '2026-12-05T10:00:00.000Z' });
  });

  it('refuses a guest card that belongs to another question, and a malformed one', async () => {
    now = START;
    const card = (await answer('beta-q1', ['b'])).json().card;
    const other = await answer('beta-q3', ['b'], { card });
    expectError(other, 400, 'invalid_input');
    expect(other.json().error.message).toBe('The card sent is not the card of this question.');
    expectError(await answer('beta-q3', ['b'], { card: { ...card, questionId: 'beta-q3', state: 7 } }), 400, 'invalid_input');
    expectError(await answer('beta-q3', ['b'], { card: { ...card, questionId: 'beta-q3', due: 'tomorrow' } }), 400, 'invalid_input');
  });

  it('records an account’s answers, lists what is due by the end of its day, and the topics to revisit', async () => {
    now = START;
    const user = await createSignedInUser(db, { timeZone: 'UTC' });
    const first = (await answer('gamma-q1', ['a'], {}, user.bearer)).json();
    expect(first.recorded).toBe(true);
    expect(first.card.due).toBe('2026-12-03T10:00:00.000Z');
    await answer('gamma-q3', ['a'], {}, user.bearer);
    await answer('gamma-q4', ['b'], {}, user.bearer);
    // Today nothing is due; the two wrong answers on gamma make it a topic to revisit.
    const today = (await due(user.bearer)).json();
    expect(today).toEqual({
      count: 0,
      until: '2026-12-03T00:00:00.000Z',
      cards: [],
      revisit: [{ roadmapId: 'sample', topicId: 'gamma', title: 'Gamma', url: '/sample/gamma', misses: 2 }],
    });
    now = START + DAY;
    const tomorrow = (await due(user.bearer)).json();
    expect(tomorrow.count).toBe(2);
    expect(tomorrow.cards.map((c: { questionId: string }) => c.questionId)).toEqual(['gamma-q1', 'gamma-q3']);
    expect(tomorrow.cards[0]).toEqual({ roadmapId: 'sample', questionId: 'gamma-q1', topicId: 'gamma', due: '2026-12-03T10:00:00.000Z', new: false });
    // Every review is in the log, with the card as it was before.
    const log = await db.selectFrom('review_log').selectAll().where('user_id', '=', user.row.id).orderBy('reviewed_at').execute();
    expect(log.map((r) => [r.question_id, r.rating, r.correct])).toEqual([
      ['gamma-q1', 1, 0],
      ['gamma-q3', 1, 0],
      ['gamma-q4', 3, 1],
    ]);
    expect(log[0]!.card_before).toBe('null');
  });

  it('commits answers that arrive together as a group, chaining answers to the same card in order', async () => {
    now = START;
    const user = await createSignedInUser(db);
    const questions = ['alpha-q1', 'alpha-q3', 'alpha-q4', 'beta-q1', 'beta-q3', 'beta-q4', 'gamma-q1', 'gamma-q3'];
    const same = Array.from({ length: 6 }, () => answer('gamma-one-q1', ['b'], {}, user.bearer));
    const distinct = questions.map((q) => answer(q, ['b'], {}, user.bearer));
    const replies = await Promise.all([...same, ...distinct]);
    expect(replies.every((r) => r.statusCode === 200)).toBe(true);
    // The six answers to one card were reviewed one after the other, each from the card before.
    expect(
      replies
        .slice(0, 6)
        .map((r) => r.json().card.reps as number)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    const cards = await db
      .selectFrom('review_cards')
      .select(['question_id', 'reps'])
      .where('user_id', '=', user.row.id)
      .orderBy('question_id')
      .execute();
    expect(cards).toEqual([...questions, 'gamma-one-q1'].sort().map((q) => ({ question_id: q, reps: q === 'gamma-one-q1' ? 6 : 1 })));
    const logged = await db.selectFrom('review_log').select('question_id').where('user_id', '=', user.row.id).execute();
    expect(logged).toHaveLength(14);
  });

  it('counts a card as due today by the learner’s own midnight', async () => {
    now = Date.parse('2026-12-02T10:00:00.000Z');
    // In Auckland (UTC+13 in December) it is 23:00, an hour before midnight; in Los Angeles (UTC−8) it is 02:00.
    const auckland = await createSignedInUser(db, { timeZone: 'Pacific/Auckland' });
    const angeles = await createSignedInUser(db, { timeZone: 'America/Los_Angeles' });
    for (const user of [auckland, angeles]) {
      await db
        .insertInto('review_cards')
        .values({
          user_id: user.row.id,
          roadmap_id: 'sample',
          question_id: 'alpha-q1',
          topic_id: 'alpha',
          due: '2026-12-02T12:00:00.000Z',
          stability: 2.3,
          difficulty: 2.1,
          scheduled_days: 3,
          learning_steps: 0,
          reps: 1,
          lapses: 0,
          state: 2,
          last_review: '2026-11-29T12:00:00.000Z',
          misses: 0,
        })
        .execute();
    }
    const there = (await due(auckland.bearer)).json();
    expect(there).toMatchObject({ count: 0, until: '2026-12-02T11:00:00.000Z' });
    const here = (await due(angeles.bearer)).json();
    expect(here).toMatchObject({ count: 1, until: '2026-12-03T08:00:00.000Z' });
  });

  it('queues a topic’s questions when it is marked done, once', async () => {
    now = START;
    const user = await createSignedInUser(db);
    const put = (status: string) =>
      app.inject({ method: 'PUT', url: '/api/v1/me/progress/sample/topics/beta', headers: user.bearer, payload: { status } });
    expect((await put('done')).statusCode).toBe(200);
    await app.settle();
    const queue = (await due(user.bearer)).json();
    expect(queue.count).toBe(4);
    expect(queue.cards.every((c: { new: boolean; due: string }) => c.new && c.due === '2026-12-02T10:00:00.000Z')).toBe(true);
    // Answered, then marked done again: the answered card keeps its schedule.
    await answer('beta-q1', ['b'], {}, user.bearer);
    await put('learning');
    await put('done');
    await app.settle();
    expect((await due(user.bearer)).json().count).toBe(3);
  });

  it('takes "hard" or "easy" for a right answer within 30 minutes, and refuses the rest', async () => {
    now = START;
    const user = await createSignedInUser(db);
    const rate = (questionId: string, rating: string) =>
      app.inject({ method: 'PUT', url: `/api/v1/me/reviews/sample/${questionId}/rating`, headers: user.bearer, payload: { rating } });
    await answer('alpha-q1', ['b'], {}, user.bearer);
    now = START + 10 * 60_000;
    const easy = await rate('alpha-q1', 'easy');
    expect(easy.statusCode).toBe(200);
    expect(easy.json().card).toMatchObject({ due: '2026-12-10T10:00:00.000Z', reps: 1 });
    expect((await rate('alpha-q1', 'hard')).json().card.due).toBe('2026-12-04T10:00:00.000Z');
    const log = await db.selectFrom('review_log').select(['rating', 'due_after']).where('user_id', '=', user.row.id).execute();
    expect(log).toEqual([{ rating: 2, due_after: '2026-12-04T10:00:00.000Z' }]);
    now = START + 31 * 60_000;
    expect((await rate('alpha-q1', 'easy')).json().error.message).toBe('There is no answer to this question in the last 30 minutes to rate.');
    await answer('alpha-q3', ['a'], {}, user.bearer);
    expectError(await rate('alpha-q3', 'easy'), 409, 'conflict');
    expectError(await rate('alpha-q2', 'easy'), 409, 'conflict');
    expectError(await rate('no-such-question', 'easy'), 404, 'not_found');
    expectError(await rate('alpha-q1', 'meh'), 400, 'invalid_input');
    expectError(
      await app.inject({ method: 'PUT', url: '/api/v1/me/reviews/sample/alpha-q1/rating', payload: { rating: 'easy' } }),
      401,
      'unauthenticated',
    );
  });

  it('merges a guest’s cards at sign-in: the later review wins per card, gone questions are named', async () => {
    now = START;
    const user = await createSignedInUser(db);
    const guestOld = (await answer('alpha-two-q1', ['b'])).json().card;
    now = START + DAY;
    await answer('alpha-two-q1', ['a'], {}, user.bearer);
    const guestNew = (await answer('alpha-two-q3', ['b'])).json().card;
    now = START + 2 * DAY;
    const gone = { ...guestNew, questionId: 'alpha-two-q9' };
    const merge = (cards: unknown[]) => app.inject({ method: 'POST', url: '/api/v1/me/reviews/merge', headers: user.bearer, payload: { cards } });
    const merged = await merge([guestOld, guestNew, gone]);
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ merged: 1, kept: 1, dropped: ['sample/alpha-two-q9'] });
    const stored = await db
      .selectFrom('review_cards')
      .select(['question_id', 'due', 'misses'])
      .where('user_id', '=', user.row.id)
      .orderBy('question_id')
      .execute();
    expect(stored).toEqual([
      { question_id: 'alpha-two-q1', due: '2026-12-04T10:00:00.000Z', misses: 1 },
      { question_id: 'alpha-two-q3', due: '2026-12-06T10:00:00.000Z', misses: 0 },
    ]);
    const future = await merge([{ ...guestNew, lastReview: '2027-01-01T00:00:00.000Z' }]);
    expectError(future, 400, 'invalid_input');
    expect(future.json().error.message).toBe('The card for "sample/alpha-two-q3" says it was reviewed in the future; check the device\'s clock.');
    expectError(await merge([guestNew, guestNew]), 400, 'invalid_input');
    expectError(await merge([{ ...guestNew, stability: -1 }]), 400, 'invalid_input');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/me/reviews/merge', payload: { cards: [] } }), 401, 'unauthenticated');
  });

  it('turns every answered skill-test question into a card: the account’s, or the guest’s in the answer', async () => {
    now = START;
    const user = await createSignedInUser(db);
    const run = async (headers: Record<string, string>) => {
      const started = (await app.inject({ method: 'POST', url: '/api/v1/roadmaps/sample/skill-tests', headers })).json();
      const [first, second, ...rest] = started.questions as { id: string }[];
      // In the sample bank "b" is right, with "d" too on each topic's second question; "a" is always wrong.
      const answers = { [first!.id]: first!.id.endsWith('-q2') ? ['b', 'd'] : ['b'], [second!.id]: ['a'] };
      const submitted = await app.inject({ method: 'POST', url: `/api/v1/skill-tests/${started.testId}/submit`, headers, payload: { answers } });
      expect(submitted.statusCode).toBe(200);
      return { body: submitted.json(), asked: started.questions.length as number, unanswered: rest.length };
    };
    const guest = await run({});
    expect(guest.body.cards).toHaveLength(2);
    expect(guest.body.cards.map((c: { misses: number }) => c.misses).sort()).toEqual([0, 1]);
    const account = await run(user.bearer);
    expect(account.body.cards).toBeUndefined();
    const rows = await db.selectFrom('review_cards').select('misses').where('user_id', '=', user.row.id).execute();
    expect(rows).toHaveLength(2);
    expect(account.unanswered).toBe(account.asked - 2);
  });
});
