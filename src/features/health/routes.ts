import type { FastifyInstance } from 'fastify';
import { pingDatabase, type Database } from '../../db/database.js';
import { errorBody } from '../../errors.js';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: its database answers too). */
export async function healthPlugin(app: FastifyInstance, opts: { db: Database; roadmaps: number }): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', roadmaps: opts.roadmaps, uptimeSeconds: Math.round(process.uptime()) };
  });
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (await pingDatabase(opts.db)) return { status: 'ready' };
    return reply.code(503).send(errorBody('unavailable', 'The database does not answer.'));
  });
}
