import type { FastifyInstance } from 'fastify';
import type { Layout } from '../../content/layout.js';
import type { Content } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import { BodyCache, cacheBody, sendCached } from '../../http/cached-body.js';
import { roadmapDocument } from './roadmap-document.js';

export interface RoadmapJsonOptions {
  content: Content;
  layouts: Map<string, Layout>;
}

/** `GET /jsons/roadmaps/<id>.json`: the whole roadmap with its layout, for other tools. */
export async function roadmapJsonPlugin(app: FastifyInstance, opts: RoadmapJsonOptions): Promise<void> {
  const cache = new BodyCache(100);
  app.get<{ Params: { file: string } }>('/jsons/roadmaps/:file', (request, reply) => {
    const match = /^([a-z0-9-]{1,64})\.json$/.exec(request.params.file);
    const roadmap = match?.[1] ? opts.content.roadmaps.get(match[1]) : undefined;
    const layout = roadmap && opts.layouts.get(roadmap.id);
    if (!roadmap || !layout) throw new AppError('not_found', 'No roadmap with that id.');
    const body = cache.get(roadmap.id, () => cacheBody(JSON.stringify(roadmapDocument(roadmap, layout)), 'application/json; charset=utf-8'));
    reply.header('access-control-allow-origin', '*');
    return sendCached(request, reply, body, 'public, max-age=300');
  });
}
