import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, writeSampleContent, writeSampleQuestions } from '../helpers/content-fixture.js';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { expectError } from '../helpers/accounts.js';
import { buildTestApp } from '../helpers/test-app.js';

let db: TestDatabase;
let app: FastifyInstance;
let contentDir: string;

beforeAll(async () => {
  contentDir = writeSampleContent();
  writeSampleQuestions(contentDir);
  db = await createSqliteDatabase();
  app = await buildTestApp({ db, contentDir });
});
afterAll(async () => {
  await app.close();
  await db.drop();
  removeDir(contentDir);
});

const answer = (questionId: string, optionIds: unknown, roadmap = 'sample') =>
  app.inject({ method: 'POST', url: `/api/v1/roadmaps/${roadmap}/questions/${questionId}/answer`, payload: { optionIds } });

describe('quiz API', () => {
  it("lists a topic's questions without their answers, prompts and options rendered", async () => {
    const response = await app.inject({ url: '/api/v1/roadmaps/sample/topics/beta/questions' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const body = response.json();
    expect(body.topicId).toBe('beta');
    expect(body.questions.map((q: { id: string }) => q.id)).toEqual(['beta-q1', 'beta-q2', 'beta-q3', 'beta-q4']);
    expect(body.questions[1]).toEqual({
      id: 'beta-q2',
      level: 'beginner',
      prompt: 'Which is right about **beta**, case 2? (Select all that apply.)',
      promptHtml: '<p>Which is right about <strong>beta</strong>, case 2? (Select all that apply.)</p>\n',
      options: ['a', 'b', 'c', 'd'].map((id) => ({
        id,
        text: `Option ${id.toUpperCase()} for \`beta\` 2`,
        textHtml: `Option ${id.toUpperCase()} for <code>beta</code> 2`,
      })),
      multiple: true,
    });
    expect(body.questions[0].multiple).toBe(false);
    // Nothing in the answer says which options are right.
    expect(response.body).not.toMatch(/correct|explanation/i);
  });

  it('checks an answer on the server: right only with exactly the correct options', async () => {
    const right = await answer('beta-q1', ['b']);
    expect(right.statusCode).toBe(200);
    expect(right.headers['cache-control']).toBe('no-store');
    const { card, ...graded } = right.json();
    expect(graded).toEqual({
      correct: true,
      correctOptionIds: ['b'],
      explanation: 'Option B is right for beta; option A is the tempting one, but it is wrong.',
      explanationHtml: '<p>Option B is right for beta; option A is the tempting one, but it is wrong.</p>\n',
      topicId: 'beta',
      recorded: false,
    });
    // A guest's answer comes back with its review card, for the browser to keep (test/http/reviews.test.ts).
    expect(card).toMatchObject({ roadmapId: 'sample', questionId: 'beta-q1', topicId: 'beta', reps: 1 });
    expect((await answer('beta-q1', ['a'])).json()).toMatchObject({ correct: false, correctOptionIds: ['b'] });
    expect((await answer('beta-q2', ['d', 'b'])).json()).toMatchObject({ correct: true, correctOptionIds: ['b', 'd'] });
    expect((await answer('beta-q2', ['b'])).json()).toMatchObject({ correct: false });
    expect((await answer('beta-q2', ['b', 'c', 'd'])).json()).toMatchObject({ correct: false });
  });

  it('refuses unknown questions, topics and roadmaps, foreign options and malformed answers', async () => {
    expectError(await answer('no-such-question', ['a']), 404, 'not_found');
    expectError(await answer('beta-q1', ['a'], 'nope'), 404, 'not_found');
    expectError(await app.inject({ url: '/api/v1/roadmaps/sample/topics/nope/questions' }), 404, 'not_found');
    const foreign = await answer('beta-q1', ['a', 'e']);
    expectError(foreign, 400, 'invalid_input');
    expect(foreign.json().error.message).toBe('Option "e" is not an option of this question.');
    expectError(await answer('beta-q1', []), 400, 'invalid_input');
    expectError(await answer('beta-q1', ['b', 'b']), 400, 'invalid_input');
    expectError(await answer('beta-q1', { b: true }), 400, 'invalid_input');
    expectError(await answer('beta-q1', ['B']), 400, 'invalid_input');
    expectError(
      await app.inject({ method: 'POST', url: '/api/v1/roadmaps/sample/questions/beta-q1/answer', payload: { optionIds: ['b'], extra: 1 } }),
      400,
      'invalid_input',
    );
  });

  it('shows "Check yourself" on the topic page and in the drawer fragment, with the question count', async () => {
    for (const url of ['/sample/beta', '/fragments/sample/beta']) {
      const html = (await app.inject({ url })).body;
      expect(html).toContain('data-island="topic-quiz"');
      expect(html).toContain('&quot;count&quot;:4');
      expect(html).toContain('<h2 id="quiz-beta">Check yourself</h2>');
    }
  });
});
