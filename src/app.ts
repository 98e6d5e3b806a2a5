/**
 * `buildApp(config)` assembles the application from feature plugins without listening,
 * so tests drive it through `inject()` and `server.ts` owns the socket.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCompress from '@fastify/compress';
import fastifyFormbody from '@fastify/formbody';
import http from 'node:http';
import { constants as zlibConstants } from 'node:zlib';
import type { AppServices } from './app-services.js';
import { RoadmapCatalog } from './catalog/roadmap-catalog.js';
import type { Config } from './config.js';
import type { Content } from './content/roadmap-model.js';
import { isPostgres, openDatabase, poolUse, timedDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { accountApiRoutes } from './features/account/api-routes.js';
import { accountPagesPlugin } from './features/account/page-routes.js';
import { studyPagesPlugin } from './features/study/page-routes.js';
import { authPagesPlugin } from './features/auth/page-routes.js';
import { authContextPlugin } from './features/auth/auth-context.js';
import { CredentialCache } from './features/auth/credential-cache.js';
import { authApiRoutes } from './features/auth/api-routes.js';
import { healthPlugin } from './features/health/routes.js';
import { adminRoutes } from './features/admin/routes.js';
import { adminPages } from './features/admin/page-routes.js';
import { metricsPlugin } from './features/health/metrics-routes.js';
import { purgeJob } from './features/maintenance/purge-job.js';
import { createMailer, type Mailer } from './features/mail/mailer.js';
import { BackgroundTasks } from './infra/background-tasks.js';
import { ProfileCache } from './features/profiles/profile-cache.js';
import { TeamProgressCache } from './features/teams/team-progress-cache.js';
import type { MemberState } from './features/teams/team-progress.js';
import { ReviewQueueCache } from './features/reviews/review-queue-cache.js';
import { clientErrorHandler } from './http/client-errors.js';
import { profilePageRoutes } from './features/profiles/page-routes.js';
import { profileRoutes } from './features/profiles/routes.js';
import { ProgressCache } from './features/progress/progress-cache.js';
import { ProgressWriter } from './features/progress/progress-writer.js';
import { progressRoutes } from './features/progress/routes.js';
import { roadmapJsonPlugin } from './features/roadmap-json/routes.js';
import { publishingRoutes } from './features/publishing/routes.js';
import { quizRoutes } from './features/quiz/routes.js';
import { StudyCache } from './features/study/study-cache.js';
import { studyFeedRoutes } from './features/study/feed-routes.js';
import { studyRoutes } from './features/study/routes.js';
import { teamPages } from './features/teams/page-routes.js';
import { teamRoutes } from './features/teams/routes.js';
import { teamRoleResolver } from './features/teams/team-role-resolver.js';
import { customRoadmapRoutes } from './features/custom-roadmaps/routes.js';
import { customRoadmapPages } from './features/custom-roadmaps/page-routes.js';
import { reviewRoutes } from './features/reviews/routes.js';
import { roadmapsApiRoutes } from './features/roadmaps-api/routes.js';
import { seoPlugin } from './features/seo/routes.js';
import { renderErrorPage, sitePlugin } from './features/site/routes.js';
import { accessPlugin } from './http/access.js';
import { ASSETS_DIR, readAssetManifest, registerAssets } from './http/assets.js';
import { COMPRESS_MIN_BYTES } from './http/cached-body.js';
import { FrontCache } from './http/front-cache.js';
import { errorResponder, registerErrorHandling } from './http/error-handler.js';
import { requestLogPlugin } from './http/request-log.js';
import { registerOpenApi } from './http/openapi.js';
import { securityHeadersPlugin } from './http/security-headers.js';
import { LocalChangeFeed, RedisChangeFeed, type ChangeFeed } from './infra/change-feed.js';
import { createCounterStore, type CounterStore } from './infra/counter-store.js';
import { JobScheduler } from './infra/job-scheduler.js';
import { connectRedis } from './infra/redis.js';
import { Metrics, statementKind } from './infra/metrics.js';

export interface AppDependencies {
  /** Already-loaded official content; loaded from `config.contentDir` when absent. */
  content?: Content;
  /** An open database; opened from `config.database` when absent (and then closed with the app). */
  db?: Database;
  assetsDir?: string;
  counters?: CounterStore;
  mailer?: Mailer;
  /** How this instance hears of changes made by others; from `config.redisUrl` when absent. */
  changes?: ChangeFeed;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** What time it is; the real clock when absent (tests move it to see tomorrow's reviews). */
  clock?: () => Date;
  /** Keep a snapshot of the valid content here, for a faster next start (the built server does). */
  contentSnapshot?: { dir: string; codeVersion: string };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The roadmap catalog of this instance (the server reloads it on SIGHUP). */
    catalog: RoadmapCatalog;
    /** Resolves once the work that earlier requests left running has finished (their mail queued). */
    settle(): Promise<void>;
  }
}

export const BODY_LIMIT = 64 * 1024;

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const assetsDir = deps.assetsDir ?? ASSETS_DIR;
  const assets = readAssetManifest(assetsDir);
  const opened = deps.db ?? openDatabase(config.database);
  await migrateToLatest(opened);
  const metrics = config.metrics.token || config.metrics.port ? new Metrics(isPostgres(opened) ? 'postgres' : 'sqlite') : null;
  const db = metrics ? timedDatabase(opened, (kind, seconds) => metrics.query(statementKind(kind), seconds)) : opened;
  /** The route template each request matched, for the metrics' labels (never the URL itself). */
  const routeOf = new WeakMap<http.IncomingMessage, string>();

  const pageContext = { assets, baseUrl: config.baseUrl };
  // The catalog opens after Fastify exists (it logs through it); error pages before that know no roadmap.
  const loaded: { catalog?: RoadmapCatalog } = {};
  const respond = errorResponder((request, status, message) => renderErrorPage(pageContext, request, status, message, loaded.catalog));
  const frontCache = new FrontCache();
  const app = Fastify({
    // Anonymous requests for public pages already answered once are answered before routing.
    serverFactory: (handler) =>
      http.createServer((req, res) => {
        if (metrics) {
          const started = performance.now();
          res.once('finish', () =>
            metrics.request(req.method ?? 'GET', routeOf.get(req) ?? 'unmatched', res.statusCode, (performance.now() - started) / 1000),
          );
        }
        if (frontCache.answer(req, res)) routeOf.set(req, 'front-cache');
        else handler(req, res);
      }),
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // One cheap line per request instead (http/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // A hop count trusts the nearest n addresses (the socket's included), as proxy-addr counts them:
    // safe only when clients cannot reach the app except through those proxies (see the README).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    routerOptions: { maxParamLength: 200, ignoreDuplicateSlashes: true },
    // Unknown body fields are refused (schemas say additionalProperties: false), never silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // Undecodable URLs (bad percent-encoding) name nothing we serve: answer 404, not 400.
    frameworkErrors: (_error, request, reply) => respond(request, reply, 'not_found'),
    clientErrorHandler,
  });

  if (!deps.db) app.addHook('onClose', async () => opened.destroy());
  if (metrics)
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.routeOptions.url) routeOf.set(request.raw, request.routeOptions.url);
      done();
    });
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : null;
  if (redis) app.addHook('onClose', async () => redis.close());
  const counters = deps.counters ?? createCounterStore(redis?.commands ?? null, `${config.redisPrefix}milepost:`, app.log);
  if (!deps.counters) app.addHook('onClose', async () => counters.close());
  const changes =
    deps.changes ?? (redis ? new RedisChangeFeed(redis.commands, redis.subscriber, `${config.redisPrefix}milepost:`) : new LocalChangeFeed());
  if (!deps.changes) app.addHook('onClose', async () => changes.close());
  // Serve once news from the other instances is heard, so that nothing announced meanwhile is
  // missed; with Redis away, start anyway after a moment and read through until it is back.
  app.addHook('onReady', async () => {
    if (!(await changes.whenLive(3000))) app.log.warn('starting without news from the other instances: Redis did not answer');
  });
  const catalog = RoadmapCatalog.open({
    contentDir: config.contentDir,
    db,
    feed: changes,
    log: app.log,
    content: deps.content,
    snapshot: deps.contentSnapshot,
  });
  loaded.catalog = catalog;
  app.decorate('catalog', catalog);
  app.decorate('frontCache', frontCache);
  catalog.onChange(() => frontCache.clear());
  const credentials = new CredentialCache(changes);
  const progressCache = new ProgressCache(changes);
  const profileCache = new ProfileCache(changes);
  const reviewQueueCache = new ReviewQueueCache(changes);
  const teamProgressCache = new TeamProgressCache<MemberState>(changes);
  const studyCache = new StudyCache(changes);
  catalog.onChange(() => profileCache.clear());
  // SQLite has one connection; PostgreSQL commits a few groups at once, leaving pool connections for reads.
  const progressWriter = new ProgressWriter(db, isPostgres(db) ? 2 : 1, metrics?.batchesOf('progress'));
  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, db, log: app.log });
  app.addHook('onClose', async () => mailer.close());
  // Closing hooks run last-added first: the tasks finish (and queue their mail) before the mailer closes.
  const background = new BackgroundTasks(app.log);
  app.addHook('onClose', async () => background.idle());
  app.decorate('settle', () => background.idle());
  const services: AppServices = {
    config,
    catalog,
    db,
    counters,
    mailer,
    background,
    changes,
    redis: redis?.commands ?? null,
    credentials,
    progressCache,
    profileCache,
    reviewQueueCache,
    teamProgressCache,
    studyCache,
    progressWriter,
    pageContext,
    clock: deps.clock ?? (() => new Date()),
    metrics,
  };
  metrics?.watch({
    caches: () => [
      { name: 'credentials', ...credentials.stats },
      { name: 'progress', ...progressCache.stats },
      { name: 'profiles', ...profileCache.stats },
      { name: 'review-queues', ...reviewQueueCache.stats },
      { name: 'study', ...studyCache.stats },
      { name: 'team-members', ...teamProgressCache.stats },
    ],
    mail: () => mailer.depth(),
    pool: () => poolUse(opened),
  });

  await app.register(requestLogPlugin);
  await app.register(securityHeadersPlugin, { https: config.baseUrl.startsWith('https://') });
  // Dynamic answers over 1 KB (progress, profiles, account pages, exports) go out compressed;
  // cached bodies and built assets carry their own encoding and pass untouched.
  await app.register(fastifyCompress, {
    threshold: COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  // Bodies are JSON (API) or forms (pages): text/plain gets 415, never parsed into a string.
  app.removeContentTypeParser('text/plain');
  await app.register(authContextPlugin, { db, config, credentials });
  // Before any route, so that every route is in the table and behind the guard.
  await app.register(accessPlugin, { teamRoleOf: teamRoleResolver(db) });
  await registerOpenApi(app, config);

  registerErrorHandling(app, respond);

  await registerAssets(app, assetsDir);
  await app.register(healthPlugin, { services });
  await app.register(metricsPlugin, { services });
  await app.register(roadmapJsonPlugin, { services });
  await app.register(seoPlugin, { services });
  await app.register(publishingRoutes, { services });
  await app.register(studyFeedRoutes, { services });
  await app.register(sitePlugin, { services });
  await app.register(
    async (api) => {
      // The API speaks JSON only, as docs/api.md says: a form-encoded body is 415 here, not parsed.
      api.removeContentTypeParser('application/x-www-form-urlencoded');
      await api.register(authApiRoutes, { services });
      await api.register(accountApiRoutes, { services });
      await api.register(progressRoutes, { services });
      await api.register(profileRoutes, { services });
      await api.register(roadmapsApiRoutes, { services });
      await api.register(quizRoutes, { services });
      await api.register(reviewRoutes, { services });
      await api.register(studyRoutes, { services });
      await api.register(teamRoutes, { services });
      await api.register(adminRoutes, { services });
      await api.register(customRoadmapRoutes, { services });
    },
    { prefix: '/api/v1' },
  );
  await app.register(profilePageRoutes, { services });
  const scheduler = new JobScheduler(db, app.log);
  scheduler.schedule(purgeJob(services));
  app.addHook('onClose', async () => scheduler.stop());
  await app.register(authPagesPlugin, { services });
  await app.register(accountPagesPlugin, { services });
  await app.register(studyPagesPlugin, { services });
  await app.register(customRoadmapPages, { services });
  await app.register(teamPages, { services });
  await app.register(adminPages, { services });
  return app;
}
