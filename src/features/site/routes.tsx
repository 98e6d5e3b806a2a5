/**
 * The server-rendered site: home, roadmap, topic (and its drawer fragment), guide,
 * projects and search. Anonymous pages are rendered once per roadmap version and theme/view,
 * and kept in the catalog's cache of derived artefacts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { AppServices } from '../../app-services.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { RoadmapCatalog } from '../../catalog/roadmap-catalog.js';
import { computeLayout } from '../../content/layout.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import { cacheBody, sendCached, sendRoadmapAnswer, type CachedBody } from '../../http/cached-body.js';
import { renderPage } from '../../http/render-page.js';
import { GuidePage } from '../../views/guide-page.js';
import { HomePage } from '../../views/home-page.js';
import { ErrorPage, NotFoundPage } from '../../views/not-found-page.js';
import type { PageContext } from '../../views/page-context.js';
import { ProjectPage, ProjectsPage } from '../../views/projects-page.js';
import { EmbedPage } from '../../views/embed-page.js';
import { RoadmapPage, type RoadmapOrigin } from '../../views/roadmap-page.js';
import { SearchPage } from '../../views/search-page.js';
import { ReviewPage } from '../../views/review-page.js';
import { PlanPage } from '../../views/plan-page.js';
import { SkillTestPage } from '../../views/skill-test-page.js';
import { TopicArticle } from '../../views/topic-article.js';
import { TopicPage } from '../../views/topic-page.js';
import { themeOf, viewOf } from './theme.js';
import { searchTopics } from './topic-search.js';

const HTML = 'text/html; charset=utf-8';
const MAX_QUERY = 200;

/** The related roadmaps named in the front matter that exist here as official roadmaps. */
function relatedOf(catalog: RoadmapCatalog, roadmap: Roadmap): Roadmap[] {
  return (roadmap.meta.relatedRoadmaps ?? []).flatMap((id) => {
    const other = catalog.officialRoadmap(id);
    return other && other.id !== roadmap.id ? [other] : [];
  });
}

/** Where a roadmap comes from, for its page: forks name their source when it is official (a user source may be private). */
function originOf(catalog: RoadmapCatalog, entry: CatalogEntry): RoadmapOrigin | undefined {
  if (entry.source === 'official') return undefined;
  const from = entry.forkedFrom;
  const source = from ? catalog.officialEntry(from.id) : undefined;
  return {
    custom: true,
    visibility: entry.visibility,
    forkedFrom: from && source ? { title: source.roadmap.meta.title, path: source.roadmap.path, version: from.version } : null,
  };
}

export async function sitePlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const { catalog } = services;
  const ctxFor = (request: FastifyRequest): PageContext => ({ ...services.pageContext, theme: themeOf(request) });
  const html = (text: string): CachedBody => cacheBody(text, HTML);
  /** A page of one roadmap version (pages that show other roadmaps put the official generation in `kind`). */
  const page = (entry: CatalogEntry, kind: string, render: () => string): CachedBody => catalog.derived.get(entry, kind, () => html(render()));

  // Unknown pages go through the global not-found handler, which answers JSON under /api and /jsons.
  const notFound = (_request: FastifyRequest, reply: FastifyReply) => reply.callNotFound();

  /** Official roadmaps only (user roadmaps live under /r/), looked up without waiting: these are the hot pages. */
  const officialOf = (id: string): CatalogEntry | undefined => catalog.officialEntry(id);
  /** The configured "edit this file" link of an official topic (its file's path in the content folder), else null. */
  const editUrlOf = (entry: CatalogEntry, topicId: string): string | null => {
    const template = services.config.contentEditUrl;
    if (!template || entry.source !== 'official') return null;
    return template.replace('{path}', `roadmaps/${encodeURIComponent(entry.id)}/topics/${encodeURIComponent(topicId)}.md`);
  };

  app.get('/', { config: { access: 'public' } }, (request, reply) => {
    const ctx = ctxFor(request);
    const body = catalog.derived.get(catalog.listingKey(), `home:${ctx.theme}`, () =>
      html(renderPage(<HomePage ctx={ctx} roadmaps={catalog.officialEntries().map((e) => e.roadmap)} />)),
    );
    return sendCached(request, reply, body);
  });

  /**
   * The pages of one roadmap, for official roadmaps at `/<id>` and user roadmaps at `/r/<id>`.
   * Each handler gets the entry the asker may see; official lookups never wait (the hot pages).
   */
  type Handler<P> = (entry: CatalogEntry, request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => unknown;
  function roadmapRoute<P extends { roadmapId: string }>(path: string, handler: Handler<P>, { frameable = false } = {}): void {
    const config = { access: 'public' as const, frameable };
    app.get<{ Params: P }>(path, { config }, (request, reply) => {
      const entry = officialOf((request.params as P).roadmapId);
      return entry ? handler(entry, request, reply) : notFound(request, reply);
    });
    app.get<{ Params: P }>(`/r${path}`, { config }, async (request, reply) => {
      const entry = await userRoadmapOf(request, (request.params as P).roadmapId);
      return entry ? handler(entry, request, reply) : notFound(request, reply);
    });
  }

  /** A user roadmap the asker may see; a deleted one answers 410 with a page that says so. */
  async function userRoadmapOf(request: FastifyRequest, id: string): Promise<CatalogEntry | undefined> {
    const entry = await catalog.get(id, { userId: request.auth?.user.id ?? null });
    if (entry?.source === 'user') return entry;
    if (!entry && (await catalog.wasDeleted(id))) throw new AppError('gone', 'This roadmap was deleted by its owner.');
    return undefined;
  }

  const sendPage = (request: FastifyRequest, reply: FastifyReply, entry: CatalogEntry, body: CachedBody) =>
    sendRoadmapAnswer(request, reply, entry, body);
  const pageCtx = (request: FastifyRequest, entry: CatalogEntry): PageContext => ({ ...ctxFor(request), noindex: entry.visibility !== 'public' });
  const pageKind = (entry: CatalogEntry, kind: string, ctx: PageContext) => `${kind}:${entry.visibility}:${ctx.theme}`;

  roadmapRoute<{ roadmapId: string }>('/:roadmapId', (entry, request, reply) => {
    const { roadmap } = entry;
    const ctx = pageCtx(request, entry);
    const view = viewOf(request);
    const body = page(entry, pageKind(entry, `roadmap:${catalog.officialGeneration}:${view}`, ctx), () => {
      const layout = catalog.derived.get(entry, 'layout', () => computeLayout(roadmap));
      return renderPage(
        <RoadmapPage
          ctx={ctx}
          roadmap={roadmap}
          related={relatedOf(catalog, roadmap)}
          layout={layout}
          view={view}
          origin={originOf(catalog, entry)}
        />,
      );
    });
    return sendPage(request, reply, entry, body);
  });

  roadmapRoute<{ roadmapId: string }>(
    '/:roadmapId/embed',
    (entry, request, reply) => {
      const { roadmap } = entry;
      const ctx = { ...pageCtx(request, entry), noindex: true };
      const body = page(entry, pageKind(entry, 'embed', ctx), () => {
        const layout = catalog.derived.get(entry, 'layout', () => computeLayout(roadmap));
        return renderPage(<EmbedPage ctx={ctx} roadmap={roadmap} layout={layout} />);
      });
      return sendPage(request, reply, entry, body);
    },
    { frameable: true },
  );

  roadmapRoute<{ roadmapId: string; topicId: string }>('/:roadmapId/:topicId', (entry, request, reply) => {
    const { topicId } = request.params;
    const { roadmap } = entry;
    const topic = roadmap.topics.get(topicId);
    if (!topic) {
      if (roadmap.retired.has(topicId)) {
        const successor = roadmap.retired.get(topicId);
        if (successor) return reply.redirect(`${roadmap.path}/${successor}`, 301);
        throw new AppError('gone', 'This topic was removed from the roadmap. Progress you saved on it is kept but no longer counted.');
      }
      return notFound(request, reply);
    }
    const ctx = pageCtx(request, entry);
    return sendPage(
      request,
      reply,
      entry,
      page(entry, pageKind(entry, `topic:${topic.id}`, ctx), () =>
        renderPage(<TopicPage ctx={ctx} roadmap={roadmap} topic={topic} editUrl={editUrlOf(entry, topic.id)} />),
      ),
    );
  });

  app.get<{ Params: { roadmapId: string; topicId: string } }>(
    '/fragments/:roadmapId/:topicId',
    { config: { access: 'public' } },
    async (request, reply) => {
      // User roadmap ids never equal an official one, so one address serves both.
      const entry = officialOf(request.params.roadmapId) ?? (await userRoadmapOf(request, request.params.roadmapId));
      const roadmap = entry?.roadmap;
      const requested = request.params.topicId;
      const id = roadmap?.topics.has(requested) ? requested : (roadmap?.retired.get(requested) ?? undefined);
      const topic = id ? roadmap?.topics.get(id) : undefined;
      if (!entry || !roadmap || !topic) return notFound(request, reply);
      return sendPage(
        request,
        reply,
        entry,
        page(entry, `fragment:${topic.id}`, () => renderToString(<TopicArticle roadmap={roadmap} topic={topic} inDrawer />)),
      );
    },
  );

  roadmapRoute<{ roadmapId: string }>('/:roadmapId/skill-test', (entry, request, reply) => {
    if (entry.roadmap.questions.size === 0) return notFound(request, reply);
    const ctx = pageCtx(request, entry);
    return sendPage(
      request,
      reply,
      entry,
      page(entry, pageKind(entry, 'skill-test', ctx), () => renderPage(<SkillTestPage ctx={ctx} roadmap={entry.roadmap} />)),
    );
  });

  roadmapRoute<{ roadmapId: string }>('/:roadmapId/plan', (entry, request, reply) => {
    const ctx = pageCtx(request, entry);
    return sendPage(
      request,
      reply,
      entry,
      page(entry, pageKind(entry, 'plan', ctx), () => renderPage(<PlanPage ctx={ctx} entry={entry} />)),
    );
  });

  roadmapRoute<{ roadmapId: string }>('/:roadmapId/guide', (entry, request, reply) => {
    if (!entry.roadmap.guide) return notFound(request, reply);
    const ctx = pageCtx(request, entry);
    return sendPage(
      request,
      reply,
      entry,
      page(entry, pageKind(entry, 'guide', ctx), () => renderPage(<GuidePage ctx={ctx} roadmap={entry.roadmap} />)),
    );
  });

  roadmapRoute<{ roadmapId: string }>('/:roadmapId/projects', (entry, request, reply) => {
    if (entry.roadmap.projects.length === 0) return notFound(request, reply);
    const ctx = pageCtx(request, entry);
    return sendPage(
      request,
      reply,
      entry,
      page(entry, pageKind(entry, 'projects', ctx), () => renderPage(<ProjectsPage ctx={ctx} roadmap={entry.roadmap} />)),
    );
  });

  roadmapRoute<{ roadmapId: string; projectId: string }>('/:roadmapId/projects/:projectId', (entry, request, reply) => {
    const project = entry.roadmap.projects.find((p) => p.id === request.params.projectId);
    if (!project) return notFound(request, reply);
    const ctx = pageCtx(request, entry);
    return sendPage(
      request,
      reply,
      entry,
      page(entry, pageKind(entry, `project:${project.id}`, ctx), () =>
        renderPage(<ProjectPage ctx={ctx} roadmap={entry.roadmap} project={project} />),
      ),
    );
  });

  // The same page for everyone: the queue is read in the browser, from this browser or the account.
  app.get('/review', { config: { access: 'public' } }, (request, reply) => {
    const ctx = ctxFor(request);
    const body = catalog.derived.get(catalog.listingKey(), `review:${ctx.theme}`, () => html(renderPage(<ReviewPage ctx={ctx} />)));
    return sendCached(request, reply, body);
  });

  app.get<{ Querystring: { q?: unknown; roadmap?: unknown } }>('/search', { config: { access: 'public' } }, (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q.slice(0, MAX_QUERY) : '';
    const wanted = typeof request.query.roadmap === 'string' ? request.query.roadmap : undefined;
    const roadmaps = catalog.officialEntries().map((e) => e.roadmap);
    const roadmapId = wanted && roadmaps.some((r) => r.id === wanted) ? wanted : undefined;
    const hits = searchTopics(roadmaps, q, roadmapId);
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
  catalog?: RoadmapCatalog,
): string {
  const ctx: PageContext = { ...pageContext, theme: themeOf(request) };
  const path = request.url.split('?')[0] ?? '/';
  if (status === 404) {
    const first = path.split('/')[1];
    const roadmapId = first && catalog?.officialRoadmap(first) ? first : undefined;
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
