import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { appliedSchemaVersion, LATEST_MIGRATION } from '../../db/migrate.js';
import { errorBody } from '../../errors.js';

type Health = 'up' | 'down';

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: what it depends on). Ready
 * means the database answers with the schema this code expects; Redis and mail are reported but
 * never make an instance unready, since it keeps serving without them (limits in process, mail
 * waiting in the queue).
 */
export async function healthPlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', roadmaps: services.catalog.officialEntries().length, uptimeSeconds: Math.round(process.uptime()) };
  });

  app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    let database: Health = 'up';
    let schema: string | null = null;
    try {
      schema = await appliedSchemaVersion(services.db);
    } catch {
      database = 'down';
    }
    const redis: Health | 'off' = services.redis ? (services.redis.status === 'ready' ? 'up' : 'down') : 'off';
    const mail = database === 'up' ? await services.mailer.depth().catch(() => null) : null;
    const checks = { database, schema: { applied: schema, expected: LATEST_MIGRATION }, redis, mail };
    if (database === 'down') return reply.code(503).send({ ...errorBody('unavailable', 'The database does not answer.'), checks });
    // Migrations only add, so code may run on a newer schema (during a rolling upgrade), never an older one.
    if (schema === null || schema < LATEST_MIGRATION) {
      const message =
        schema === null ? 'The database has no schema: run the migrations.' : 'The database schema is not the one this version expects.';
      return reply.code(503).send({ ...errorBody('unavailable', message), checks });
    }
    return { status: 'ready', checks };
  });
}
