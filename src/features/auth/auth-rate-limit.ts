/**
 * Per-address limits on sign-in, sign-up and mail-sending endpoints, for the JSON API and the
 * HTML forms alike: a form is just another way to guess passwords. @fastify/rate-limit does the
 * limiting; its counts live in the app's counter store, so they are shared through Redis when
 * REDIS_URL is set, and go on in process while Redis is away.
 */
import type { FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { AppError } from '../../errors.js';
import type { CounterStore } from '../../infra/counter-store.js';

/** Sign-in and sign-up attempts per client address per minute. */
export const AUTH_ATTEMPTS_PER_MINUTE = 20;

/** Route config that applies the limit; pass as `{ config: AUTH_RATE_LIMIT }`. */
export const AUTH_RATE_LIMIT = { rateLimit: { max: AUTH_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } };

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The rate-limit plugin's store interface, over the app's counters; one namespace per route. */
function counterStoreClass(counters: CounterStore, nameSpace: string) {
  class CounterRateLimitStore {
    // The plugin passes its options first; only the key prefix matters here.
    private readonly prefix: string;

    constructor(_options?: unknown, prefix = nameSpace) {
      this.prefix = prefix;
    }

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      counters.increment(`${this.prefix}${key}`, timeWindow).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    read(key: string, callback: IncrCallback): void {
      counters.get(`${this.prefix}${key}`).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** The plugin passes the route's merged limit options, with the route under `routeInfo`. */
    child(routeOptions: object): CounterRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new CounterRateLimitStore(undefined, `${this.prefix}${String(route?.method)}${String(route?.url)}-`);
    }
  }
  return CounterRateLimitStore;
}

/** Registers the rate-limit plugin in this encapsulated context (off unless a route asks for it). */
export async function registerAuthRateLimit(app: FastifyInstance, counters: CounterStore, nameSpace: string): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    // The counters carry the deployment's Redis prefix already.
    store: counterStoreClass(counters, nameSpace),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
        retryAfterSeconds: context.ttl / 1000,
      }),
  });
}

/** Route config of the HTML forms' limit; pass as `{ config: FORM_RATE_LIMIT }` (the same numbers as the API's). */
export const FORM_RATE_LIMIT = AUTH_RATE_LIMIT;

/** The forms share the API's per-address limits, in a namespace of their own. */
export function registerFormRateLimit(app: FastifyInstance, counters: CounterStore): Promise<void> {
  return registerAuthRateLimit(app, counters, 'rl-forms:');
}
