/**
 * One log line per request, at `debug`: Fastify's own two lines per request at `info` were written
 * synchronously and halved the throughput of the default configuration. At the default `info`
 * level what an operator needs still shows: requests slower than a second, and every server
 * error (logged with its stack by the error handler). Secrets never reach a line: the URL is
 * logged without its query string, which is where emailed tokens travel, and the secret of a
 * calendar feed's address (`/feeds/plans/<token>.ics`) is replaced by `[token]`.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const SLOW_REQUEST_MS = 1000;
const VERBOSE = new Set(['debug', 'trace']);

/** The path as it may be logged: without the query string and without a secret in the path. */
export function loggedPath(url: string): string {
  return url.split('?')[0]!.replace(/^\/feeds\/plans\/[^/]+$/, '/feeds/plans/[token]');
}

async function plugin(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    const ms = reply.elapsedTime;
    const slow = ms >= SLOW_REQUEST_MS;
    if (!slow && !VERBOSE.has(request.log.level)) return;
    const line = { method: request.method, path: loggedPath(request.url), status: reply.statusCode, ms: Math.round(ms) };
    if (slow) request.log.info(line, 'slow request');
    else request.log.debug(line, 'request');
  });
}

export const requestLogPlugin = fp(plugin, { name: 'request-log' });
