/** The sign-in forms share the API's per-address limits, in a namespace of their own. */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { AUTH_RATE_LIMIT, registerAuthRateLimit } from '../auth/auth-rate-limit.js';

/** Route config that applies the limit; pass as `{ config: FORM_RATE_LIMIT }`. */
export const FORM_RATE_LIMIT = AUTH_RATE_LIMIT;

export function registerFormRateLimit(app: FastifyInstance, config: Config, redis: Redis | null): Promise<void> {
  return registerAuthRateLimit(app, config, redis, 'milepost-rl-forms:');
}
