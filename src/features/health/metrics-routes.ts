/**
 * Prometheus metrics for the operator: at `/metrics` on the app's own port when METRICS_TOKEN is
 * set (asked for as `Authorization: Bearer <token>`), and on a port of their own when
 * METRICS_PORT is set (for a scraper on a private network; no token asked there). With neither,
 * there is no `/metrics` at all.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import type { Metrics } from '../../infra/metrics.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export async function metricsPlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const { metrics } = services;
  const { token, port } = services.config.metrics;
  if (!metrics) return;
  if (token)
    app.get('/metrics', { config: { access: 'public', ownBearer: true }, schema: { hide: true } }, async (request, reply) => {
      const given = bearerOf(request);
      if (!given || !sameSecret(given, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthenticated', 'The metrics need the token the operator set (METRICS_TOKEN), as a bearer token.');
      }
      reply.header('cache-control', 'no-store').type(metrics.contentType);
      return metrics.text();
    });
  if (port) {
    const server = metricsServer(metrics);
    app.addHook(
      'onListen',
      () =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, services.config.host, () => {
            server.off('error', reject);
            resolve();
          });
        }),
    );
    app.addHook('onClose', () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())));
  }
}

/** A bare server answering `GET /metrics` and nothing else. */
function metricsServer(metrics: Metrics): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'Only /metrics is served on this port.' } }));
      return;
    }
    metrics.text().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      () => {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'internal', message: 'The metrics could not be collected.' } }));
      },
    );
  });
}
