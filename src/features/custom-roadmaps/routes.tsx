/**
 * The custom roadmaps API: create (blank, fork, import), settings, delete, the source files,
 * drafts with a live preview, publishing, versions, upstream changes and export. Reading a
 * roadmap's source or export needs only the right to see it; everything else is the owner's.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { renderToString } from 'preact-render-to-string';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { computeLayout } from '../../content/layout.js';
import { AppError } from '../../errors.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { Diagram } from '../../views/diagram.js';
import { TopicArticle } from '../../views/topic-article.js';
import { requireUser } from '../auth/auth-context.js';
import { CustomRoadmapService } from './custom-roadmap-service.js';
import { checkSource, CUSTOM_ROADMAP_LIMITS } from './roadmap-source.js';
import {
  CreateBody,
  DraftBody,
  DraftResult,
  DraftSaved,
  ImportBody,
  ImportResult,
  PatchBody,
  PreviewBody,
  PreviewResult,
  Published,
  PullBody,
  PullResult,
  RoadmapIdParams,
  RoadmapSummaryList,
  RoadmapSummarySchema,
  SourceBody,
  SourceResult,
  UpstreamResult,
  VersionList,
  VersionParams,
} from './schema.js';
import { UpstreamService } from './upstream.js';

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
/** Room for every file of a roadmap at its limit, as JSON. */
const SOURCE_BODY_LIMIT = CUSTOM_ROADMAP_LIMITS.sourceBytes + 512 * 1024;
/** An import's JSON may arrive as a string, which escaping makes longer than the 2 MB it holds. */
const IMPORT_BODY_LIMIT = 3 * CUSTOM_ROADMAP_LIMITS.importBytes;
const PREVIEWS_PER_MINUTE = 120;

export async function customRoadmapRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const roadmaps = new CustomRoadmapService(services);
  const upstream = new UpstreamService(roadmaps);
  const common = { tags: ['custom roadmaps'], security: SECURITY };
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 410: ErrorRef };
  const viewer = (request: { auth?: { user: { id: string } } | null }) => ({ userId: request.auth?.user.id ?? null });

  app.get(
    '/me/roadmaps',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Your roadmaps, most recently changed first', response: { 200: RoadmapSummaryList, ...errors } },
    },
    async (request) => ({ roadmaps: await roadmaps.listMine(requireUser(request).id) }),
  );

  app.post(
    '/roadmaps',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Create a roadmap: blank, or a fork (with its content) of a roadmap that allows forks',
        body: CreateBody,
        response: { 201: RoadmapSummarySchema, ...errors, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => reply.code(201).send(await roadmaps.create(requireUser(request).id, request.body)),
  );

  app.post(
    '/roadmaps/import',
    {
      config: { access: 'user' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        ...common,
        summary: "Create a roadmap from roadmap.sh's editor JSON and, optionally, its content files; the report says what was kept and dropped",
        body: ImportBody,
        response: { 201: ImportResult, ...errors, 413: ErrorRef, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => reply.code(201).send(await roadmaps.importRoadmapSh(requireUser(request).id, request.body)),
  );

  app.patch(
    '/roadmaps/:id',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Rename a roadmap (a new version) or change who may see it',
        params: RoadmapIdParams,
        body: PatchBody,
        response: { 200: RoadmapSummarySchema, ...errors, 409: ErrorRef, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => roadmaps.update(requireUser(request).id, request.params.id, request.body),
  );

  app.delete(
    '/roadmaps/:id',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Delete a roadmap: its pages answer 410', params: RoadmapIdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await roadmaps.delete(requireUser(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/roadmaps/:id/source',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: "A roadmap's files at its current version, for anyone who may see it",
        params: RoadmapIdParams,
        response: { 200: SourceResult, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-cache');
      return roadmaps.source(viewer(request), request.params.id);
    },
  );

  app.put(
    '/roadmaps/:id/source',
    {
      config: { access: 'user' },
      bodyLimit: SOURCE_BODY_LIMIT,
      schema: {
        ...common,
        summary: 'Publish the files as a new version (409 when baseVersion is stale, 422 with every problem when they do not validate)',
        params: RoadmapIdParams,
        body: SourceBody,
        response: { 200: Published, ...errors, 409: ErrorRef, 413: ErrorRef, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => roadmaps.publish(requireUser(request).id, request.params.id, request.body.files, request.body.baseVersion, request.body.note),
  );

  app.get(
    '/roadmaps/:id/draft',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Your autosaved draft (404 when there is none)',
        params: RoadmapIdParams,
        response: { 200: DraftResult, ...errors },
      },
    },
    async (request) => {
      const draft = await roadmaps.draft(requireUser(request).id, request.params.id);
      if (!draft) throw new AppError('not_found', 'This roadmap has no draft: its published files are the latest.');
      return draft;
    },
  );

  app.put(
    '/roadmaps/:id/draft',
    {
      config: { access: 'user' },
      bodyLimit: SOURCE_BODY_LIMIT,
      schema: {
        ...common,
        summary: 'Autosave a draft, valid or not; the answer lists its problems',
        params: RoadmapIdParams,
        body: DraftBody,
        response: { 200: DraftSaved, ...errors, 409: ErrorRef, 413: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => roadmaps.saveDraft(requireUser(request).id, request.params.id, request.body.files, request.body.baseVersion),
  );

  app.delete(
    '/roadmaps/:id/draft',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Throw the draft away', params: RoadmapIdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await roadmaps.discardDraft(requireUser(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/roadmaps/:id/preview',
    {
      config: { access: 'user' },
      bodyLimit: SOURCE_BODY_LIMIT,
      schema: {
        ...common,
        summary: 'Check files and render the diagram (and one topic) as the roadmap page would, without saving',
        params: RoadmapIdParams,
        body: PreviewBody,
        response: { 200: PreviewResult, ...errors, 413: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await roadmaps.owned(user.id, request.params.id);
      await consumeLimit(services.counters, `roadmap-previews:${user.id}`, PREVIEWS_PER_MINUTE, 60_000, 'Too many previews. Wait a moment.');
      const { roadmap, issues } = checkSource(request.params.id, request.body.files, (id) => services.catalog.officialRoadmap(id));
      const topicId = request.body.topicId;
      const topic = roadmap && topicId ? roadmap.topics.get(topicId) : undefined;
      return {
        issues,
        diagram: roadmap ? renderToString(<Diagram roadmap={roadmap} layout={computeLayout(roadmap)} />) : null,
        topic: roadmap && topic ? renderToString(<TopicArticle roadmap={roadmap} topic={topic} inDrawer />) : null,
      };
    },
  );

  app.get(
    '/roadmaps/:id/versions',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Every published version, newest first', params: RoadmapIdParams, response: { 200: VersionList, ...errors } },
    },
    async (request) => ({ versions: await roadmaps.versions(requireUser(request).id, request.params.id) }),
  );

  app.post(
    '/roadmaps/:id/versions/:version/restore',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Publish an earlier version again, as a new version',
        params: VersionParams,
        response: { 200: Published, ...errors, 409: ErrorRef, 422: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => roadmaps.restore(requireUser(request).id, request.params.id, request.params.version),
  );

  app.get(
    '/roadmaps/:id/upstream',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: "A fork's source, and the topics changed there since the fork last took them",
        params: RoadmapIdParams,
        response: { 200: UpstreamResult, ...errors },
      },
    },
    async (request) => upstream.changes(requireUser(request).id, request.params.id),
  );

  app.post(
    '/roadmaps/:id/upstream/pull',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Take upstream changes of the chosen topics into the draft',
        params: RoadmapIdParams,
        body: PullBody,
        response: { 200: PullResult, ...errors, 409: ErrorRef, 429: ErrorRef },
      },
    },
    async (request) => upstream.pull(requireUser(request).id, request.params.id, request.body.topicIds),
  );

  app.get(
    '/roadmaps/:id/export',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'Download a roadmap you can see as a .tar.gz of content-format files (roadmaps/<id>/…)',
        params: RoadmapIdParams,
        response: { 200: { type: 'string', description: 'application/gzip' }, ...errors },
      },
    },
    async (request, reply) => {
      const { bytes, entry } = await roadmaps.exportArchive(viewer(request), request.params.id);
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="${entry.id}-v${entry.version}.tar.gz"`)
        .header('cache-control', 'private, no-cache')
        .send(bytes);
    },
  );
}
