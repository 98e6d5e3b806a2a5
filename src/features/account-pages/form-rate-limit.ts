/**
 * Per-address limits on the sign-in forms, the same as on the JSON auth API: a form is just
 * another way to guess passwords or send mail. Shared through Redis when one is configured.
 */
import type { FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { AUTH_ATTEMPTS_PER_MINUTE } from '../auth/routes.js';

/** Route config that applies the limit; pass as `{ config: FORM_RATE_LIMIT }`. */
export const FORM_RATE_LIMIT = { rateLimit: { max: AUTH_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } };

/** Registers the rate-limit plugin in this encapsulated context (off unless a route asks for it). */
export async function registerFormRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  await app.register(fastifyRateLimit, {
    global: false,
    redis,
    nameSpace: 'milepost-rl-forms:',
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
        retryAfterSeconds: context.ttl / 1000,
      }),
  });
}
