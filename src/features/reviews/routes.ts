/** `/api/v1/me/reviews`: the signed-in learner's due queue, the merge of a guest's cards, and self-ratings. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { sendCached } from '../../http/cached-body.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { requireUser } from '../auth/auth-context.js';
import { ReviewService } from './review-service.js';
import { DueQueue, MergeCardsBody, MergeCardsResult, RatingBody, RatingParams, RatingResult } from './schema.js';

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
/** 5,000 cards of about 330 bytes each. */
export const REVIEW_MERGE_BODY_LIMIT = 2 * 1024 * 1024;
/** Merges one account may make in an hour: one per sign-in is the normal use. */
export const REVIEW_MERGES_PER_HOUR = 30;

export async function reviewRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const reviews = new ReviewService(services);
  const common = { tags: ['reviews'], security: SECURITY };
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef };

  app.get(
    '/me/reviews/due',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: "Today's due review cards across roadmaps, in your time zone, and topics to revisit",
        response: { 200: DueQueue, ...errors },
      },
    },
    async (request, reply) => sendCached(request, reply, await reviews.dueBody(requireUser(request)), 'private, no-cache'),
  );

  app.post(
    '/me/reviews/merge',
    {
      config: { access: 'user' },
      bodyLimit: REVIEW_MERGE_BODY_LIMIT,
      schema: {
        ...common,
        summary: "Merge a guest's review cards kept in a browser: per card the later review wins",
        body: MergeCardsBody,
        response: { 200: MergeCardsResult, ...errors, 413: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await consumeLimit(
        services.counters,
        `review-merges:${userId}`,
        REVIEW_MERGES_PER_HOUR,
        3_600_000,
        'Too many merges of review cards. Try again later.',
      );
      return reviews.merge(userId, request.body.cards);
    },
  );

  app.put(
    '/me/reviews/:roadmapId/:questionId/rating',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Say how a question you just answered right felt (hard, good or easy): it is scheduled again',
        params: RatingParams,
        body: RatingBody,
        response: { 200: RatingResult, ...errors, 409: ErrorRef },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const entry = await services.catalog.get(request.params.roadmapId, { userId: user.id });
      if (!entry) throw new AppError('not_found', 'No roadmap with that id.');
      return { card: await reviews.rate(user.id, entry.roadmap, request.params.questionId, request.body.rating) };
    },
  );
}
