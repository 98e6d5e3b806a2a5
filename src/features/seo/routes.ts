/** `robots.txt`, `sitemap.xml` (from each roadmap's `sitemap` front matter) and the favicon. */
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { UserRoadmapRepository } from '../../catalog/user-roadmap-repository.js';
import { cacheBody, sendCached, type CachedBody } from '../../http/cached-body.js';
import { escapeXml } from '../../views/format.js';

/** Public user roadmaps in the sitemap: their main pages only, newest first, so it stays well under the 50,000 URLs a sitemap may hold. */
const USER_ROADMAPS_IN_SITEMAP = 1000;

/** The sitemap: home, each official roadmap with its guide, projects and topics, then public user roadmaps' pages. */
export function sitemapXml(entries: CatalogEntry[], baseUrl: string, userRoadmaps: { id: string; updatedAt: string }[] = []): string {
  const urls: string[] = [];
  const add = (path: string, priority: number, changefreq?: string, lastmod?: string) => {
    const parts = [`<loc>${escapeXml(baseUrl + path)}</loc>`];
    if (lastmod) parts.push(`<lastmod>${escapeXml(lastmod)}</lastmod>`);
    if (changefreq) parts.push(`<changefreq>${escapeXml(changefreq)}</changefreq>`);
    parts.push(`<priority>${priority.toFixed(1)}</priority>`);
    urls.push(`<url>${parts.join('')}</url>`);
  };
  add('/', 1);
  for (const { roadmap } of entries) {
    const { sitemap, schema } = roadmap.meta;
    const priority = sitemap?.priority ?? 0.8;
    const lastmod = schema?.dateModified;
    add(roadmap.path, priority, sitemap?.changefreq, lastmod);
    if (roadmap.guide) add(`${roadmap.path}/guide`, Math.max(0.1, priority - 0.2), sitemap?.changefreq, lastmod);
    if (roadmap.projects.length > 0) add(`${roadmap.path}/projects`, Math.max(0.1, priority - 0.3), sitemap?.changefreq, lastmod);
    for (const project of roadmap.projects)
      add(`${roadmap.path}/projects/${project.id}`, Math.max(0.1, priority - 0.4), sitemap?.changefreq, lastmod);
    for (const id of roadmap.order) add(`${roadmap.path}/${id}`, Math.max(0.1, priority - 0.3), sitemap?.changefreq, lastmod);
  }
  for (const r of userRoadmaps) add(`/r/${r.id}`, 0.5, undefined, r.updatedAt.slice(0, 10));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#4338ca" d="M11 2h2v20h-2zM4 4h12l3.5 3.5L16 11H4z"/><path fill="#818cf8" d="M20 13H9l-3 3 3 3h11z"/></svg>`;

export async function seoPlugin(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const { catalog, config } = services;
  const fixed = (name: string, build: () => CachedBody) => catalog.derived.get({ id: '~site', hash: 'fixed' }, name, build);
  app.get('/robots.txt', { config: { access: 'public' } }, (request, reply) =>
    sendCached(
      request,
      reply,
      fixed('robots', () =>
        cacheBody(
          `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /account\nDisallow: /fragments/\n\nSitemap: ${config.baseUrl}/sitemap.xml\n`,
          'text/plain; charset=utf-8',
        ),
      ),
      'public, max-age=3600',
    ),
  );
  // Official roadmaps and public user roadmaps (read as rows: nothing is loaded), never unlisted or private ones.
  const userRoadmaps = new UserRoadmapRepository(services.db);
  app.get('/sitemap.xml', { config: { access: 'public' } }, async (request, reply) => {
    const key = catalog.listingKey();
    const rows = await userRoadmaps.listPublic([], USER_ROADMAPS_IN_SITEMAP);
    const users = rows.map((r) => ({ id: r.id, updatedAt: r.updated_at }));
    // The listing may have changed while it was read; the key it was read under names it.
    const body = catalog.derived.get(key, 'sitemap', () =>
      cacheBody(sitemapXml(catalog.officialEntries(), config.baseUrl, users), 'application/xml; charset=utf-8'),
    );
    return sendCached(request, reply, body, 'public, max-age=3600');
  });

  app.get('/favicon.svg', { config: { access: 'public' } }, (request, reply) =>
    sendCached(
      request,
      reply,
      fixed('favicon', () => cacheBody(FAVICON, 'image/svg+xml')),
      'public, max-age=86400',
    ),
  );
  app.get('/favicon.ico', { config: { access: 'public' } }, (_request, reply) => reply.redirect('/favicon.svg', 301));
}
