/**
 * The quiz API: a topic's questions without their answers, answers checked on the server, and
 * skill tests. All public but the history: a guest can check themselves as well as an account can.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { AppError } from '../../errors.js';
import { cacheBody, sendRoadmapAnswer } from '../../http/cached-body.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { requireUser } from '../auth/auth-context.js';
import { guestReview, ReviewService } from '../reviews/review-service.js';
import { grade, publicQuestion } from './grading.js';
import {
  AnswerBody,
  AnswerParams,
  AnswerResult,
  ShareBody,
  ShareResult,
  SkillTestHistory,
  SkillTestHistoryQuery,
  SkillTestParams,
  SkillTestRoadmapParams,
  SkillTestResult,
  SkillTestStarted,
  SkillTestSubmission,
  TopicQuestions,
  TopicQuestionsParams,
  type TopicQuestions as TopicQuestionsDoc,
} from './schema.js';
import { drawQuestions, gradeSkillTest, SKILL_TEST_TIMER_MINUTES, SkillTestRepository } from './skill-tests.js';

/** Skill tests one client address, or one account, may start in an hour. */
export const SKILL_TESTS_PER_HOUR = 20;
const HOUR_MS = 60 * 60 * 1000;

const JSON_TYPE = 'application/json; charset=utf-8';

export async function quizRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog } = services;
  const reviews = new ReviewService(services);

  const roadmapOf = async (request: FastifyRequest, id: string): Promise<CatalogEntry> => {
    const entry = await catalog.get(id, { userId: request.auth?.user.id ?? null });
    if (!entry) throw new AppError('not_found', 'No roadmap with that id.');
    return entry;
  };

  app.get(
    '/roadmaps/:roadmapId/topics/:topicId/questions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['quiz'],
        summary: "A topic's quiz questions, without their answers",
        params: TopicQuestionsParams,
        response: { 200: TopicQuestions, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const entry = await roadmapOf(request, request.params.roadmapId);
      const { roadmap } = entry;
      const { topicId } = request.params;
      if (!roadmap.topics.has(topicId)) throw new AppError('not_found', 'No topic with that id in this roadmap.');
      const body = catalog.derived.get(entry, `quiz:${topicId}`, () => {
        const doc: TopicQuestionsDoc = {
          topicId,
          questions: (roadmap.questionsByTopic.get(topicId) ?? []).map((id) => publicQuestion(roadmap.questions.get(id)!)),
        };
        return cacheBody(JSON.stringify(doc), JSON_TYPE);
      });
      return sendRoadmapAnswer(request, reply, entry, body, 'public, max-age=300');
    },
  );

  app.post(
    '/roadmaps/:roadmapId/questions/:questionId/answer',
    {
      config: { access: 'public' },
      schema: {
        tags: ['quiz'],
        summary: 'Check an answer: whether it is right, the correct options and the explanation',
        params: AnswerParams,
        body: AnswerBody,
        response: { 200: AnswerResult, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const { roadmap } = await roadmapOf(request, request.params.roadmapId);
      const question = roadmap.questions.get(request.params.questionId);
      if (!question) throw new AppError('not_found', 'No question with that id in this roadmap.');
      const { optionIds, rating, card } = request.body;
      const result = grade(question, optionIds);
      reply.header('cache-control', 'no-store');
      const userId = request.auth?.user.id;
      // Every answer is a review: of the account's card, or of the guest's, which goes back to the browser.
      if (userId) return { ...result, card: await reviews.answer(userId, roadmap, question, result.correct, rating), recorded: true };
      return { ...result, card: guestReview(roadmap, question, card, result.correct, rating, services.clock()), recorded: false };
    },
  );

  const tests = new SkillTestRepository(services.db);

  app.post(
    '/roadmaps/:roadmapId/skill-tests',
    {
      config: { access: 'public' },
      schema: {
        tags: ['quiz'],
        summary: 'Start a skill test: 40 questions across the sections and levels, without their answers',
        params: SkillTestRoadmapParams,
        response: { 201: SkillTestStarted, 400: ErrorRef, 404: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const entry = await roadmapOf(request, request.params.roadmapId);
      const userId = request.auth?.user.id ?? null;
      const limit = 'Too many skill tests started. Try again later.';
      await consumeLimit(services.counters, `skill-test:ip:${request.ip}`, SKILL_TESTS_PER_HOUR, HOUR_MS, limit);
      if (userId) await consumeLimit(services.counters, `skill-test:user:${userId}`, SKILL_TESTS_PER_HOUR, HOUR_MS, limit);
      const questions = drawQuestions(entry.roadmap);
      if (questions.length === 0) throw new AppError('not_found', 'This roadmap has no questions yet.');
      const test = await tests.create({ userId, roadmap: entry.roadmap, questionIds: questions.map((q) => q.id), now: services.clock() });
      reply.code(201).header('cache-control', 'no-store');
      return {
        testId: test.id,
        roadmapId: entry.roadmap.id,
        expiresAt: test.expiresAt,
        timerMinutes: SKILL_TEST_TIMER_MINUTES,
        questions: questions.map(publicQuestion),
      };
    },
  );

  app.post(
    '/skill-tests/:testId/submit',
    {
      config: { access: 'public' },
      schema: {
        tags: ['quiz'],
        summary: 'Submit a skill test once: the score per section, strengths, gaps and topics to revisit',
        params: SkillTestParams,
        body: SkillTestSubmission,
        response: { 200: SkillTestResult, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 410: ErrorRef },
      },
    },
    async (request, reply) => {
      const test = await tests.find(request.params.testId);
      // An account's attempt is that account's alone; to anyone else it does not exist.
      if (!test || (test.userId !== null && test.userId !== request.auth?.user.id)) throw new AppError('not_found', 'No skill test with that id.');
      if (test.submittedAt) throw new AppError('conflict', 'This skill test was already submitted.');
      const now = services.clock();
      if (Date.parse(test.expiresAt) < now.getTime()) throw new AppError('gone', 'This skill test expired. Start a new one.');
      const { roadmap } = await roadmapOf(request, test.roadmapId);
      const result = gradeSkillTest(roadmap, test.id, test.questionIds, request.body.answers, now);
      if (!(await tests.submit(test.id, result))) throw new AppError('conflict', 'This skill test was already submitted.');
      reply.header('cache-control', 'no-store');
      // Each question answered becomes a review card, as in a topic quiz; unanswered ones do not.
      const answered = result.questions
        .filter((q) => q.chosen.length > 0)
        .map((q) => ({ question: roadmap.questions.get(q.id)!, correct: q.correct }));
      if (test.userId) {
        await reviews.answerMany(test.userId, roadmap, answered);
        return result;
      }
      const held = new Map((request.body.cards ?? []).map((c) => [c.questionId, c]));
      const cards = answered.map(({ question, correct }) => guestReview(roadmap, question, held.get(question.id), correct, undefined, now));
      return { ...result, cards };
    },
  );

  app.get(
    '/me/skill-tests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['quiz'],
        summary: 'Your submitted skill tests on a roadmap, newest first',
        querystring: SkillTestHistoryQuery,
        response: { 200: SkillTestHistory, 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { results: await tests.history(requireUser(request).id, request.query.roadmapId) };
    },
  );

  app.put(
    '/me/skill-tests/:testId/share',
    {
      config: { access: 'user' },
      schema: {
        tags: ['quiz'],
        summary: 'Show one of your skill-test results on your public profile, or hide it again',
        params: SkillTestParams,
        body: ShareBody,
        response: { 200: ShareResult, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { testId } = request.params;
      if (!(await tests.share(testId, user.id, request.body.shared)))
        throw new AppError('not_found', 'You have no submitted skill test with that id.');
      // The profile shows it: every instance forgets its copy.
      await services.changes.publish({ topic: 'progress', userId: user.id });
      reply.header('cache-control', 'no-store');
      return { testId, shared: request.body.shared };
    },
  );
}
