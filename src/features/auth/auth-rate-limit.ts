/**
 * Per-address limits on sign-in, sign-up and mail-sending endpoints, for the JSON API and the
 * HTML forms alike: a form is just another way to guess passwords. Shared through Redis when
 * REDIS_URL is set.
 */
import type { FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';

/** Sign-in and sign-up attempts per client address per minute. */
export const AUTH_ATTEMPTS_PER_MINUTE = 20;

/** Route config that applies the limit; pass as `{ config: AUTH_RATE_LIMIT }`. */
export const AUTH_RATE_LIMIT = { rateLimit: { max: AUTH_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } };

/** Registers the rate-limit plugin in this encapsulated context (off unless a route asks for it). */
export async function registerAuthRateLimit(app: FastifyInstance, config: Config, redis: Redis | null, nameSpace: string): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    redis: redis ?? undefined,
    nameSpace: `${config.redisPrefix}${nameSpace}`,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
        retryAfterSeconds: context.ttl / 1000,
      }),
  });
}

/** Route config of the HTML forms' limit; pass as `{ config: FORM_RATE_LIMIT }` (the same numbers as the API's). */
export const FORM_RATE_LIMIT = AUTH_RATE_LIMIT;

/** The forms share the API's per-address limits, in a namespace of their own. */
export function registerFormRateLimit(app: FastifyInstance, config: Config, redis: Redis | null): Promise<void> {
  return registerAuthRateLimit(app, config, redis, 'milepost-rl-forms:');
}
