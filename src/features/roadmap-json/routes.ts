import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { computeLayout } from '../../content/layout.js';
import { AppError } from '../../errors.js';
import { cacheBody, sendCached } from '../../http/cached-body.js';
import { roadmapDocument } from './roadmap-document.js';

/** `GET /jsons/roadmaps/<id>.json`: the whole roadmap with its layout, for other tools. */
export async function roadmapJsonPlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const { catalog } = services;
  app.get<{ Params: { file: string } }>('/jsons/roadmaps/:file', { config: { access: 'public' } }, (request, reply) => {
    const match = /^([a-z0-9-]{1,64})\.json$/.exec(request.params.file);
    const entry = match?.[1] ? catalog.officialEntry(match[1]) : undefined;
    if (!entry) throw new AppError('not_found', 'No roadmap with that id.');
    const layout = catalog.derived.get(entry, 'layout', () => computeLayout(entry.roadmap));
    const body = catalog.derived.get(entry, 'json', () =>
      cacheBody(JSON.stringify(roadmapDocument(entry.roadmap, layout)), 'application/json; charset=utf-8'),
    );
    reply.header('access-control-allow-origin', '*');
    return sendCached(request, reply, body, 'public, max-age=300');
  });
}
