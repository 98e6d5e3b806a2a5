/** `/api/v1/roadmaps`: the roadmaps, their structure and their topics, public and read-only. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { VersionKey } from '../../catalog/derived-cache.js';
import { cacheBody, sendCached, sendRoadmapAnswer, type CachedBody } from '../../http/cached-body.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { roadmapListDocument, roadmapStructureDocument, topicDocument } from './roadmap-api-documents.js';
import { NotModified, Redirect, RoadmapList, RoadmapParams, RoadmapStructure, TopicDocument, TopicParams } from './schema.js';

/** Shared caches may keep an answer for five minutes; content only changes with a deploy. */
const CACHE_CONTROL = 'public, max-age=300';
const JSON_TYPE = 'application/json; charset=utf-8';
const REVALIDATE = 'Answers carry an ETag; send it back in If-None-Match to get 304 when nothing changed.';

export async function roadmapsApiRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog } = services;
  const apiBase = instance.prefix;
  const cached = (key: VersionKey, kind: string, build: () => unknown): CachedBody =>
    catalog.derived.get(key, kind, () => cacheBody(JSON.stringify(build()), JSON_TYPE));
  const common = { tags: ['roadmaps'], description: REVALIDATE };

  // Anyone may read this data, from any site; errors carry the header too so scripts can read them.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  const roadmapOf = async (request: FastifyRequest, id: string): Promise<CatalogEntry> => {
    const entry = await catalog.get(id, { userId: request.auth?.user.id ?? null });
    if (!entry) throw new AppError('not_found', 'No roadmap with that id.');
    return entry;
  };

  app.get(
    '/roadmaps',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'Every roadmap, with its size and links, in the order of the home page',
        response: { 200: RoadmapList, 304: NotModified },
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        cached(catalog.listingKey(), 'api:list', () => roadmapListDocument(catalog.officialEntries(), apiBase)),
        CACHE_CONTROL,
      ),
  );

  app.get(
    '/roadmaps/:roadmapId',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'One roadmap: its sections, its topics in learning order and its retired topic ids',
        params: RoadmapParams,
        response: { 200: RoadmapStructure, 304: NotModified, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      const entry = await roadmapOf(request, request.params.roadmapId);
      return sendRoadmapAnswer(
        request,
        reply,
        entry,
        cached(entry, 'api:structure', () => roadmapStructureDocument(entry.roadmap)),
        CACHE_CONTROL,
      );
    },
  );

  app.get(
    '/roadmaps/:roadmapId/topics/:topicId',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'One topic with its explanation; a retired id redirects to the topic that replaced it',
        params: TopicParams,
        response: { 200: TopicDocument, 304: NotModified, 308: Redirect, 400: ErrorRef, 404: ErrorRef, 410: ErrorRef },
      },
    },
    async (request, reply) => {
      const entry = await roadmapOf(request, request.params.roadmapId);
      const { roadmap } = entry;
      const { topicId } = request.params;
      const topic = roadmap.topics.get(topicId);
      if (!topic) {
        if (!roadmap.retired.has(topicId)) throw new AppError('not_found', 'No topic with that id in this roadmap.');
        const successor = roadmap.retired.get(topicId);
        if (!successor) throw new AppError('gone', 'This topic was removed from the roadmap.');
        reply.header('cache-control', entry.source === 'official' ? CACHE_CONTROL : 'no-cache');
        return reply.redirect(`${apiBase}/roadmaps/${roadmap.id}/topics/${successor}`, 308);
      }
      return sendRoadmapAnswer(
        request,
        reply,
        entry,
        cached(entry, `api:topic:${topic.id}`, () => topicDocument(roadmap, topic)),
        CACHE_CONTROL,
      );
    },
  );
}
