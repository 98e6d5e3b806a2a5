import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { pingDatabase } from '../../db/database.js';
import { errorBody } from '../../errors.js';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: its database answers too). */
export async function healthPlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', roadmaps: services.catalog.officialEntries().length, uptimeSeconds: Math.round(process.uptime()) };
  });
  app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (await pingDatabase(services.db)) return { status: 'ready' };
    return reply.code(503).send(errorBody('unavailable', 'The database does not answer.'));
  });
}
