/**
 * `/feeds/plans/<token>.ics`: a saved plan as a calendar a calendar app subscribes to. The secret
 * token in the address is the only credential (calendar apps send no cookies); an unknown,
 * revoked or rotated token is a 404, and the token never reaches the log (URLs are logged without
 * it: see http/request-log.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import { UserRepository } from '../auth/user-repository.js';
import { CALENDAR_TYPE } from './routes.js';
import { FEED_FILE, FeedParams } from './schema.js';
import { StudyService } from './study-service.js';

export async function studyFeedRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const study = new StudyService(services);
  const users = new UserRepository(services.db);

  app.get('/feeds/plans/:file', { config: { access: 'public' }, schema: { hide: true, params: FeedParams } }, async (request, reply) => {
    const token = FEED_FILE.exec(request.params.file)?.[1] ?? '';
    const text = await study.feed(token, async (userId) => (await users.findById(userId))?.time_zone ?? null);
    return reply.type(CALENDAR_TYPE).header('cache-control', 'private, max-age=300').header('x-robots-tag', 'noindex').send(text);
  });
}
