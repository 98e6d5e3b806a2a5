/**
 * The server-rendered site: home, roadmap, topic (and its drawer fragment), guide,
 * projects and search. Anonymous pages are rendered once per theme/view and cached.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { Layout } from '../../content/layout.js';
import type { Content, Roadmap } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import { BodyCache, cacheBody, sendCached } from '../../http/cached-body.js';
import { renderPage } from '../../http/render-page.js';
import { GuidePage } from '../../views/guide-page.js';
import { HomePage } from '../../views/home-page.js';
import { ErrorPage, NotFoundPage } from '../../views/not-found-page.js';
import type { PageContext } from '../../views/page-context.js';
import { ProjectPage, ProjectsPage } from '../../views/projects-page.js';
import { RoadmapPage } from '../../views/roadmap-page.js';
import { SearchPage } from '../../views/search-page.js';
import { TopicArticle } from '../../views/topic-article.js';
import { TopicPage } from '../../views/topic-page.js';
import { themeOf, viewOf } from './theme.js';
import { searchTopics } from './topic-search.js';

export interface SitePluginOptions {
  content: Content;
  layouts: Map<string, Layout>;
  pageContext: Omit<PageContext, 'theme'>;
}

const HTML = 'text/html; charset=utf-8';
const MAX_QUERY = 200;

export async function sitePlugin(app: FastifyInstance, opts: SitePluginOptions): Promise<void> {
  const { content, layouts } = opts;
  const cache = new BodyCache();
  const ctxFor = (request: FastifyRequest): PageContext => ({ ...opts.pageContext, theme: themeOf(request) });

  // Unknown pages go through the global not-found handler, which answers JSON under /api and /jsons.
  const notFound = (_request: FastifyRequest, reply: FastifyReply, _roadmapId?: string) => reply.callNotFound();

  const roadmapOf = (id: string): Roadmap | undefined => content.roadmaps.get(id);

  app.get('/', (request, reply) => {
    const ctx = ctxFor(request);
    const body = cache.get(`home:${ctx.theme}`, () => cacheBody(renderPage(<HomePage ctx={ctx} content={content} />), HTML));
    return sendCached(request, reply, body);
  });

  app.get<{ Params: { roadmapId: string } }>('/:roadmapId', (request, reply) => {
    const roadmap = roadmapOf(request.params.roadmapId);
    const layout = roadmap && layouts.get(roadmap.id);
    if (!roadmap || !layout) return notFound(request, reply);
    const ctx = ctxFor(request);
    const view = viewOf(request);
    const body = cache.get(`roadmap:${roadmap.id}:${ctx.theme}:${view}`, () =>
      cacheBody(renderPage(<RoadmapPage ctx={ctx} roadmap={roadmap} content={content} layout={layout} view={view} />), HTML),
    );
    return sendCached(request, reply, body);
  });

  app.get<{ Params: { roadmapId: string; topicId: string } }>('/:roadmapId/:topicId', (request, reply) => {
    const { roadmapId, topicId } = request.params;
    const roadmap = roadmapOf(roadmapId);
    if (!roadmap) return notFound(request, reply);
    const topic = roadmap.topics.get(topicId);
    if (!topic) {
      if (roadmap.retired.has(topicId)) {
        const successor = roadmap.retired.get(topicId);
        if (successor) return reply.redirect(`/${roadmap.id}/${successor}`, 301);
        throw new AppError('gone', 'This topic was removed from the roadmap. Progress you saved on it is kept but no longer counted.');
      }
      return notFound(request, reply, roadmap.id);
    }
    const ctx = ctxFor(request);
    const body = cache.get(`topic:${roadmap.id}:${topic.id}:${ctx.theme}`, () =>
      cacheBody(renderPage(<TopicPage ctx={ctx} roadmap={roadmap} topic={topic} />), HTML),
    );
    return sendCached(request, reply, body);
  });

  app.get<{ Params: { roadmapId: string; topicId: string } }>('/fragments/:roadmapId/:topicId', (request, reply) => {
    const roadmap = roadmapOf(request.params.roadmapId);
    const requested = request.params.topicId;
    const id = roadmap?.topics.has(requested) ? requested : (roadmap?.retired.get(requested) ?? undefined);
    const topic = id ? roadmap?.topics.get(id) : undefined;
    if (!roadmap || !topic) return notFound(request, reply, roadmap?.id);
    const body = cache.get(`fragment:${roadmap.id}:${topic.id}`, () =>
      cacheBody(renderToString(<TopicArticle roadmap={roadmap} topic={topic} inDrawer />), HTML),
    );
    return sendCached(request, reply, body);
  });

  app.get<{ Params: { roadmapId: string } }>('/:roadmapId/guide', (request, reply) => {
    const roadmap = roadmapOf(request.params.roadmapId);
    if (!roadmap?.guide) return notFound(request, reply, roadmap?.id);
    const ctx = ctxFor(request);
    return sendCached(
      request,
      reply,
      cache.get(`guide:${roadmap.id}:${ctx.theme}`, () => cacheBody(renderPage(<GuidePage ctx={ctx} roadmap={roadmap} />), HTML)),
    );
  });

  app.get<{ Params: { roadmapId: string } }>('/:roadmapId/projects', (request, reply) => {
    const roadmap = roadmapOf(request.params.roadmapId);
    if (!roadmap || roadmap.projects.length === 0) return notFound(request, reply, roadmap?.id);
    const ctx = ctxFor(request);
    return sendCached(
      request,
      reply,
      cache.get(`projects:${roadmap.id}:${ctx.theme}`, () => cacheBody(renderPage(<ProjectsPage ctx={ctx} roadmap={roadmap} />), HTML)),
    );
  });

  app.get<{ Params: { roadmapId: string; projectId: string } }>('/:roadmapId/projects/:projectId', (request, reply) => {
    const roadmap = roadmapOf(request.params.roadmapId);
    const project = roadmap?.projects.find((p) => p.id === request.params.projectId);
    if (!roadmap || !project) return notFound(request, reply, roadmap?.id);
    const ctx = ctxFor(request);
    return sendCached(
      request,
      reply,
      cache.get(`project:${roadmap.id}:${project.id}:${ctx.theme}`, () =>
        cacheBody(renderPage(<ProjectPage ctx={ctx} roadmap={roadmap} project={project} />), HTML),
      ),
    );
  });

  app.get<{ Querystring: { q?: unknown; roadmap?: unknown } }>('/search', (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q.slice(0, MAX_QUERY) : '';
    const roadmapId = typeof request.query.roadmap === 'string' && content.roadmaps.has(request.query.roadmap) ? request.query.roadmap : undefined;
    const hits = searchTopics(content, q, roadmapId);
    if (hits.length === 1 && hits[0]) {
      return reply.redirect(`/${hits[0].roadmap.id}/${hits[0].topic.id}`, 303);
    }
    return reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(renderPage(<SearchPage ctx={ctxFor(request)} query={q} hits={hits} roadmapId={roadmapId} />));
  });
}

/** The HTML page for errors raised anywhere on the site. */
export function renderErrorPage(
  pageContext: Omit<PageContext, 'theme'>,
  request: FastifyRequest,
  status: number,
  message: string,
  content?: Content,
): string {
  const ctx: PageContext = { ...pageContext, theme: themeOf(request) };
  const path = request.url.split('?')[0] ?? '/';
  if (status === 404) {
    const first = path.split('/')[1];
    const roadmapId = first && content?.roadmaps.has(first) ? first : undefined;
    const guess = roadmapId
      ? safeDecode(path.split('/')[2] ?? '')
          .replace(/[-_]+/g, ' ')
          .slice(0, 80)
      : undefined;
    return renderPage(<NotFoundPage ctx={ctx} path={path} roadmapId={roadmapId} query={guess} />);
  }
  return renderPage(<ErrorPage ctx={ctx} path={path} status={status} message={message} />);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
