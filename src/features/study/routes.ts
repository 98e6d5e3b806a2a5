/**
 * The study API: the stateless planner (guests and the plan page), an account's saved plan, its
 * calendar and feed, "what next", private notes and resource checks. Everything under `/me` is the
 * signed-in learner's own; nothing here is ever shown to anyone else.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { sendCached } from '../../http/cached-body.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { isKnownTimeZone } from '../../shared/calendar-date.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { requireUser } from '../auth/auth-context.js';
import {
  ChecksList,
  ChecksResult,
  FeedResult,
  GuestCalendarBody,
  NextResult,
  NOTE_BODY_LIMIT,
  NoteDocumentSchema,
  NoteList,
  NotesQuery,
  PlanParams,
  PlanSettingsSchema,
  PutChecksBody,
  PutNoteBody,
  PutPlanBody,
  RoadmapParams,
  SavedPlanSchema,
  StudyPlanSchema,
  TopicParams,
} from './schema.js';
import { planBody, StudyService } from './study-service.js';

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
/** Saves of notes, plans and checks one account may make in a minute: autosave sends one every few seconds at most. */
export const STUDY_WRITES_PER_MINUTE = 120;
/** New feed addresses one account may make in an hour. */
export const FEEDS_PER_HOUR = 20;
export const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

export async function studyRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const study = new StudyService(services);
  const common = { tags: ['study'], security: SECURITY };
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef };
  const writeLimit = (userId: string) =>
    consumeLimit(services.counters, `study-writes:${userId}`, STUDY_WRITES_PER_MINUTE, 60_000, 'Too many saves. Wait a minute and try again.');

  app.post(
    '/roadmaps/:id/plan',
    {
      config: { access: 'public' },
      schema: {
        tags: ['study'],
        summary: 'Compute a dated week-by-week study plan (stateless: nothing is stored)',
        params: PlanParams,
        body: PlanSettingsSchema,
        response: { 200: StudyPlanSchema, 400: ErrorRef, 404: ErrorRef, 422: ErrorRef },
      },
    },
    async (request, reply) => {
      const { roadmap } = await study.roadmap(request.auth?.user.id ?? null, request.params.id);
      return sendCached(request, reply, planBody(services, roadmap, request.body), 'no-store', { shareable: false });
    },
  );

  app.post(
    '/roadmaps/:id/plan/calendar.ics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['study'],
        summary: "A plan kept in a browser as an iCalendar file (stateless: a guest's download)",
        params: PlanParams,
        body: GuestCalendarBody,
        response: { 200: { type: 'string', description: 'text/calendar' }, 400: ErrorRef, 404: ErrorRef, 422: ErrorRef },
      },
    },
    async (request, reply) => {
      const { settings, timeZone, id } = request.body;
      if (!isKnownTimeZone(timeZone)) throw new AppError('invalid_input', `"${timeZone}" is not a time zone this server knows.`);
      const text = await study.guestCalendar(request.auth?.user.id ?? null, request.params.id, settings, timeZone, id);
      return reply
        .type(CALENDAR_TYPE)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${request.params.id}-plan.ics"`)
        .send(text);
    },
  );

  app.get(
    '/me/plans/:roadmapId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Your saved plan for a roadmap: its settings, the plan they make today, and your pace',
        params: RoadmapParams,
        response: { 200: SavedPlanSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const saved = await study.savedPlan(user.id, request.params.roadmapId, user.timeZone);
      if (!saved) throw new AppError('not_found', 'You have no saved plan for this roadmap.');
      return saved;
    },
  );

  app.put(
    '/me/plans/:roadmapId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Save your plan settings (with updatedAt, a newer stored copy stays)',
        params: RoadmapParams,
        body: PutPlanBody,
        response: { 200: SavedPlanSchema, ...errors, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await writeLimit(user.id);
      const { stored: _stored, ...saved } = await study.putPlan(
        user.id,
        request.params.roadmapId,
        request.body.settings,
        request.body.updatedAt,
        user.timeZone,
      );
      return saved;
    },
  );

  app.delete(
    '/me/plans/:roadmapId',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Delete your plan (and its feed)', params: RoadmapParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await study.deletePlan(requireUser(request).id, request.params.roadmapId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/plans/:roadmapId/calendar.ics',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Your saved plan as an iCalendar file: one event per study session',
        params: RoadmapParams,
        response: { 200: { type: 'string', description: 'text/calendar' }, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const text = await study.calendar(user.id, request.params.roadmapId, user.timeZone);
      return reply
        .type(CALENDAR_TYPE)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${request.params.roadmapId}-plan.ics"`)
        .send(text);
    },
  );

  app.post(
    '/me/plans/:roadmapId/feed',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Turn on the calendar feed with a new secret address (an older address stops working)',
        params: RoadmapParams,
        response: { 200: FeedResult, ...errors, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request).id;
      await consumeLimit(services.counters, `plan-feeds:${userId}`, FEEDS_PER_HOUR, 3_600_000, 'Too many new feed addresses. Try again later.');
      const token = await study.rotateFeed(userId, request.params.roadmapId);
      reply.header('cache-control', 'no-store');
      return { url: `${services.config.baseUrl}/feeds/plans/${token}.ics` };
    },
  );

  app.delete(
    '/me/plans/:roadmapId/feed',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Turn the calendar feed off', params: RoadmapParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await study.revokeFeed(requireUser(request).id, request.params.roadmapId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/next/:roadmapId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Up to three topics to study next, each with its reason (advice only: nothing is locked)',
        params: RoadmapParams,
        response: { 200: NextResult, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { suggestions: await study.next(user.id, request.params.roadmapId, user.timeZone) };
    },
  );

  app.get(
    '/me/notes',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Your notes across roadmaps, newest first; q keeps those that hold every word',
        querystring: NotesQuery,
        response: { 200: NoteList, ...errors },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, await study.notesBody(requireUser(request).id, request.query.q), 'private, no-cache', { shareable: false }),
  );

  app.get(
    '/me/notes/:roadmapId/:topicId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Your note on a topic (empty when there is none)',
        params: TopicParams,
        response: { 200: NoteDocumentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { roadmapId, topicId } = request.params;
      return sendCached(request, reply, await study.noteBody(requireUser(request).id, roadmapId, topicId), 'private, no-cache', { shareable: false });
    },
  );

  app.put(
    '/me/notes/:roadmapId/:topicId',
    {
      config: { access: 'user' },
      bodyLimit: NOTE_BODY_LIMIT,
      schema: {
        ...common,
        summary: 'Save your note on a topic (empty deletes it; with updatedAt, a newer stored note stays)',
        params: TopicParams,
        body: PutNoteBody,
        response: { 200: NoteDocumentSchema, ...errors, 413: ErrorRef, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await writeLimit(userId);
      const { roadmapId, topicId } = request.params;
      return study.putNote(userId, roadmapId, topicId, request.body.markdown, request.body.updatedAt);
    },
  );

  app.delete(
    '/me/notes/:roadmapId/:topicId',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Delete your note on a topic', params: TopicParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await study.deleteNote(requireUser(request).id, request.params.roadmapId, request.params.topicId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/resources/:roadmapId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: "The resources you checked off on a roadmap's topics",
        params: RoadmapParams,
        response: { 200: ChecksList, ...errors },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, await study.checksBody(requireUser(request).id, request.params.roadmapId), 'private, no-cache', {
        shareable: false,
      }),
  );

  app.put(
    '/me/resources/:roadmapId/:topicId',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: "Set which of a topic's resources you checked off (with updatedAt, a newer stored copy stays)",
        params: TopicParams,
        body: PutChecksBody,
        response: { 200: ChecksResult, ...errors, 429: ErrorRef },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await writeLimit(userId);
      const { roadmapId, topicId } = request.params;
      return study.putChecks(userId, roadmapId, topicId, request.body.checked, request.body.updatedAt);
    },
  );
}
