/**
 * `buildApp(config)` assembles the application from feature plugins without listening,
 * so tests drive it through `inject()` and `server.ts` owns the socket.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Config } from './config.js';
import { computeLayout, type Layout } from './content/layout.js';
import { loadContentOrThrow } from './content/roadmap-loader.js';
import type { Content } from './content/roadmap-model.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { healthPlugin } from './features/health/routes.js';
import { roadmapJsonPlugin } from './features/roadmap-json/routes.js';
import { renderErrorPage, sitePlugin } from './features/site/routes.js';
import { readAssetManifest, registerAssets, ASSETS_DIR } from './http/assets.js';
import { securityHeadersPlugin } from './http/security-headers.js';
import { errorResponder, registerErrorHandling } from './http/error-handler.js';

export interface AppDependencies {
  /** Already-loaded content; loaded from `config.contentDir` when absent. */
  content?: Content;
  /** An open database; opened from `config.database` when absent (and then closed with the app). */
  db?: Database;
  assetsDir?: string;
}

export const BODY_LIMIT = 64 * 1024;

export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const content = deps.content ?? loadContentOrThrow(config.contentDir);
  const layouts = new Map<string, Layout>([...content.roadmaps.values()].map((r) => [r.id, computeLayout(r)]));
  const assetsDir = deps.assetsDir ?? ASSETS_DIR;
  const assets = readAssetManifest(assetsDir);
  const db = deps.db ?? openDatabase(config.database);
  await migrateToLatest(db);

  const pageContext = { assets, baseUrl: config.baseUrl };
  const respond = errorResponder((request, status, message) => renderErrorPage(pageContext, request, status, message, content));
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200, ignoreDuplicateSlashes: true },
    // Undecodable URLs (bad percent-encoding) name nothing we serve: answer 404, not 400.
    frameworkErrors: (_error, request, reply) => respond(request, reply, 'not_found'),
  });

  if (!deps.db) app.addHook('onClose', async () => db.destroy());

  await app.register(securityHeadersPlugin, { https: config.baseUrl.startsWith('https://') });
  await app.register(fastifyCookie);

  registerErrorHandling(app, respond);

  await registerAssets(app, assetsDir);
  await app.register(healthPlugin, { db, roadmaps: content.roadmaps.size });
  await app.register(roadmapJsonPlugin, { content, layouts });
  await app.register(sitePlugin, { content, layouts, pageContext });
  return app;
}
