/** `/api/v1/me/progress` and `/api/v1/me/activity`: the signed-in user's synced progress and activity log. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { sendCached } from '../../http/cached-body.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { requireUser } from '../auth/auth-context.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { ReviewService } from '../reviews/review-service.js';
import { ActivityService } from './activity-service.js';
import { ProgressService } from './progress-service.js';
import {
  ActivityCalendar,
  ActivityQuery,
  MergeBody,
  MergeResult,
  ProgressDocument,
  RoadmapParams,
  StatusBody,
  StatusResult,
  TopicParams,
} from './schema.js';

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
/** A merge may carry 2,000 entries with 64-character ids: more than the app-wide body limit allows. */
export const MERGE_BODY_LIMIT = 256 * 1024;

export async function progressRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const progress = new ProgressService(services);
  const activity = new ActivityService(services.db);
  const reviews = new ReviewService(services);
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef };
  const { writesPerMinute, mergesPerHour } = services.config.progressLimits;
  // Per user, whatever the address: every change is logged, and the log feeds the public profile.
  const limitWrites = (userId: string) =>
    consumeLimit(
      services.counters,
      `progress-writes:${userId}`,
      writesPerMinute,
      60_000,
      `At most ${writesPerMinute} status changes a minute. Slow down a little.`,
    );
  const limitMerges = (userId: string) =>
    consumeLimit(
      services.counters,
      `progress-merges:${userId}`,
      mergesPerHour,
      3_600_000,
      `At most ${mergesPerHour} merges an hour. Try again later.`,
    );
  const common = { tags: ['progress'], security: SECURITY };

  app.get(
    '/me/progress/:roadmapId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Your progress on a roadmap, with counts over its current topics',
        description: 'Answers with an ETag; send it back in If-None-Match to get 304 when nothing changed.',
        params: RoadmapParams,
        response: { 200: ProgressDocument, 304: Type.Null({ description: 'Not modified since the ETag sent' }), ...errors },
      },
    },
    async (request, reply) => {
      const body = await progress.body(requireUser(request).id, request.params.roadmapId);
      // Private: the answer depends on who asks; no-cache: a browser revalidates before reuse.
      // Already JSON of the documented shape (and compressed once per change): sent as it is.
      return sendCached(request, reply, body, 'private, no-cache');
    },
  );

  app.put(
    '/me/progress/:roadmapId/topics/:topicId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Set the status of one topic (a retired id is applied to its successor)',
        params: TopicParams,
        body: StatusBody,
        response: { 200: StatusResult, ...errors },
      },
    },
    async (request) => {
      const { roadmapId, topicId } = request.params;
      const userId = requireUser(request).id;
      await limitWrites(userId);
      const change = await progress.setStatus(userId, roadmapId, topicId, request.body.status, services.clock());
      // A topic marked done puts its questions in the review queue; the answer does not wait for it.
      if (change.status === 'done') {
        services.background.run('adding review cards', async () => {
          const entry = await services.catalog.get(change.roadmapId, { userId });
          if (entry) await reviews.addTopics(userId, entry.roadmap, [change.topicId]);
        });
      }
      return change;
    },
  );

  app.post(
    '/me/progress/:roadmapId/merge',
    {
      config: { access: 'user' },
      bodyLimit: MERGE_BODY_LIMIT,
      schema: {
        ...common,
        summary: 'Merge progress kept in a browser: per topic the newer update wins',
        params: RoadmapParams,
        body: MergeBody,
        response: { 200: MergeResult, ...errors, 413: ErrorRef },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await limitMerges(userId);
      return progress.merge(userId, request.params.roadmapId, request.body.topics);
    },
  );

  app.delete(
    '/me/progress/:roadmapId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Reset your progress on a roadmap (the activity log is kept)',
        params: RoadmapParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await progress.reset(requireUser(request).id, request.params.roadmapId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/activity',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Status changes per day, in your time zone (at most 366 days per request)',
        querystring: ActivityQuery,
        response: { 200: ActivityCalendar, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return activity.calendar(user.id, user.timeZone, request.query);
    },
  );
}
