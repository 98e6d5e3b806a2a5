import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { computeLayout } from '../../content/layout.js';
import { AppError } from '../../errors.js';
import { cacheBody, sendRoadmapAnswer } from '../../http/cached-body.js';
import { roadmapDocument } from './roadmap-document.js';

/** `GET /jsons/roadmaps/<id>.json`: the whole roadmap with its layout, for other tools. */
export async function roadmapJsonPlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const { catalog } = services;
  app.get<{ Params: { file: string } }>('/jsons/roadmaps/:file', { config: { access: 'public' } }, async (request, reply) => {
    const match = /^([a-z0-9-]{1,64})\.json$/.exec(request.params.file);
    const id = match?.[1];
    // Official roadmaps answer without waiting; user roadmaps as the asker may see them.
    const entry = id ? (catalog.officialEntry(id) ?? (await catalog.get(id, { userId: request.auth?.user.id ?? null }))) : undefined;
    if (!entry) throw new AppError('not_found', 'No roadmap with that id.');
    const layout = catalog.derived.get(entry, 'layout', () => computeLayout(entry.roadmap));
    const body = catalog.derived.get(entry, 'json', () =>
      cacheBody(JSON.stringify(roadmapDocument(entry.roadmap, layout)), 'application/json; charset=utf-8'),
    );
    // Any site's scripts may read what anyone with the address may see.
    if (entry.visibility !== 'private') reply.header('access-control-allow-origin', '*');
    return sendRoadmapAnswer(request, reply, entry, body, 'public, max-age=300');
  });
}
