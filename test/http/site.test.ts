import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { buildTestApp } from '../helpers/test-app.js';

let db: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createSqliteDatabase();
  app = await buildTestApp({ db });
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const topicLinks = (html: string) => new Set([...html.matchAll(/<a href="\/backend\/([a-z0-9-]+)"[^>]*data-topic-id="\1"/g)].map((m) => m[1]));

describe('home page', () => {
  it('lists roadmaps as cards with topic counts', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<a href="/backend">Backend</a>');
    expect(response.body).toMatch(/data-roadmap-card="backend" data-total="2\d\d"/);
  });
});

describe('roadmap page', () => {
  it('renders header, progress, legend, diagram and outline on the server', async () => {
    const response = await get('/backend');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Backend Developer</h1>');
    expect(html).toMatch(/<span data-count="complete">0<\/span> of <span data-count="total">2\d\d<\/span> done/);
    for (const label of ['Personal recommendation', 'Alternative option', 'Order not strict', 'Not recommended']) expect(html).toContain(label);
    expect(html).toContain('<svg class="diagram-svg"');
    expect(html).toContain('class="outline-sections"');
    expect(html).toContain('What is Backend Development?');
    expect(html).toContain('Frequently asked questions');
    expect(html).toContain('"@type":"FAQPage"');
    expect(html).not.toContain('{{totalHours}}');
    expect(html).toContain('href="/backend/guide"');
  });

  it('links every topic from the diagram, as a real link with data-topic-id', async () => {
    const html = (await get('/backend')).body;
    const json = (await get('/jsons/roadmaps/backend.json')).json() as { topics: { id: string }[] };
    const svg = html.slice(html.indexOf('<svg class="diagram-svg"'), html.indexOf('</svg>', html.indexOf('<svg class="diagram-svg"')));
    expect(topicLinks(svg)).toEqual(new Set(json.topics.map((t) => t.id)));
    expect(json.topics.length).toBeGreaterThanOrEqual(150);
  });

  it('leaves out related roadmaps that do not exist here', async () => {
    const html = (await get('/backend')).body;
    expect(html).not.toContain('href="/frontend"');
    expect(html).not.toContain('Related roadmaps');
  });

  it('honours ?view= and the remembered view and theme', async () => {
    expect((await get('/backend?view=outline')).body).toContain('data-view="outline"');
    expect((await get('/backend', { cookie: 'mp_view=diagram' })).body).toContain('data-view="diagram"');
    expect((await get('/backend?view=bogus')).body).toContain('data-view="auto"');
    expect((await get('/backend', { cookie: 'mp_theme=dark' })).body).toContain('<html lang="en" data-theme="dark">');
    expect((await get('/backend', { cookie: 'mp_theme=<script>' })).body).toContain('<html lang="en">');
  });

  it('serves a cached page with brotli or gzip and answers revalidation with 304', async () => {
    const plain = await get('/backend');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get('/backend', { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    const brotli = await get('/backend', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(plain.body);
    expect((await get('/backend', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    const etag = String(plain.headers.etag);
    const again = await get('/backend', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('sends security headers: CSP without inline scripts, nosniff, frame-ancestors and referrer policy', async () => {
    const response = await get('/backend');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    const scripts = [...response.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    for (const attrs of scripts) expect(attrs).toMatch(/src="\/assets\/|type="application\/(ld\+)?json"/);
  });
});

describe('topic page', () => {
  it('shows breadcrumb, level, hours, prerequisites, explanation, resources, status buttons and neighbours', async () => {
    const response = await get('/backend/dns');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(
      /<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="\/backend">Backend Developer<\/a><\/li><li><a href="\/backend\?view=outline#section-internet">The Internet<\/a>/,
    );
    expect(html).toMatch(/<h1 class="topic-title"[^>]*>DNS<\/h1>/);
    expect(html).toMatch(/about \d+ h/);
    expect(html).toMatch(/Learn first: <\/strong><a href="\/backend\//);
    expect(html).toContain('class="prose topic-body"');
    expect(html).toMatch(/<span class="badge badge--(official|article|book|video|course|opensource|podcast|feed)">/);
    expect(html).toContain('data-set-status="done"');
    expect(html).toMatch(/rel="prev"/);
    expect(html).toMatch(/rel="next"/);
  });

  it('serves the same article as a fragment for the drawer', async () => {
    const response = await get('/fragments/backend/dns');
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('<article class="topic" data-topic-id="dns">')).toBe(true);
    expect(response.body).toMatch(/<h2 class="topic-title"/);
  });

  it('links projects that practise the topic', async () => {
    const html = (await get('/backend/websockets')).body;
    expect(html).toContain('Practise it in a project');
    expect(html).toMatch(/href="\/backend\/projects\/[a-z0-9-]+"/);
  });
});

describe('guide, projects and search', () => {
  it('serves the guide with links to topics', async () => {
    const response = await get('/backend/guide');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<h2>1\. Foundations<\/h2>/);
    expect(response.body).toContain('href="/backend/http"');
  });

  it('serves the project list and each brief', async () => {
    const list = await get('/backend/projects');
    expect(list.statusCode).toBe(200);
    const ids = [...list.body.matchAll(/href="\/backend\/projects\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    const brief = await get(`/backend/projects/${ids[0]}`);
    expect(brief.statusCode).toBe(200);
    expect(brief.body).toContain('<h2>Requirements</h2>');
    expect((await get('/backend/projects/not-a-project')).statusCode).toBe(404);
  });

  it('searches topics without JavaScript', async () => {
    const many = await get('/search?q=data&roadmap=backend');
    expect(many.statusCode).toBe(200);
    expect(many.body).toMatch(/\d+ topics match/);
    const one = await get('/search?q=kubernetes');
    expect(one.statusCode).toBe(303);
    expect(one.headers.location).toBe('/backend/kubernetes');
    const none = await get(`/search?q=${encodeURIComponent('<script>zzz')}`);
    expect(none.body).toContain('No topic matches');
    expect(none.body).not.toContain('<script>zzz');
  });
});

describe('JSON and health', () => {
  it('serves the roadmap JSON with metadata, sections, topics and layout', async () => {
    const response = await get('/jsons/roadmaps/backend.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc).toMatchObject({ format: 1, id: 'backend', version: 1, meta: { title: 'Backend Developer', isForkable: true } });
    expect(doc.sections.length).toBeGreaterThanOrEqual(20);
    expect(doc.topics[0]).toEqual(
      expect.objectContaining({
        id: 'how-the-internet-works',
        level: expect.any(String),
        hours: expect.any(Number),
        prerequisites: expect.any(Array),
        mark: 'recommended',
      }),
    );
    expect(doc.layout.width).toBeLessThanOrEqual(1000);
    expect(doc.layout.nodes.length).toBe(doc.topics.length + doc.sections.length);
    expect(doc.layout.edges.length).toBeGreaterThan(doc.topics.length - 1);
  });

  it('answers /healthz with 200 JSON', async () => {
    const response = await get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', roadmaps: 1 });
  });
});

describe('bad input', () => {
  it('answers unknown pages with an HTML 404 that offers a search', async () => {
    const response = await get('/backend/no-such-topic');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('action="/search"');
    expect(response.body).toContain('value="no such topic"');
    expect((await get('/nowhere')).statusCode).toBe(404);
    expect((await get('/nowhere/at/all/here')).statusCode).toBe(404);
  });

  it('answers unknown paths under /api and /jsons with JSON errors', async () => {
    for (const url of ['/api/v1/nothing', '/jsons/roadmaps/nothing.json', '/jsons/roadmaps/backend', '/jsons/other']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('gives malformed topic ids a 404 without touching files outside the content', async () => {
    const attempts = [
      `/backend/${'a'.repeat(5000)}`,
      '/backend/..%2F..%2F..%2Fetc%2Fpasswd',
      '/backend/%2e%2e%2fpackage.json',
      '/backend/..%5c..%5cwindows',
      '/backend/%E0%A4%A',
      '/backend/%F0%9F%92%A9%F0%9F%92%A9',
      '/backend/%00',
      '/backend/ﬁ',
      '/fragments/backend/..%2F..%2Fpackage.json',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/manifest.json',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('"name": "milepost"');
      expect(response.body, url).not.toContain('root:');
    }
  });

  it('rejects unsupported methods without a 5xx', async () => {
    const response = await app.inject({ method: 'POST', url: '/backend', payload: 'x' });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });
});

describe('content changes', () => {
  let dir: string;
  let sampleApp: FastifyInstance;
  let sampleDb: TestDatabase;
  beforeAll(async () => {
    dir = writeSampleContent();
    sampleDb = await createSqliteDatabase();
    sampleApp = await buildTestApp({ db: sampleDb, contentDir: dir });
  });
  afterAll(async () => {
    await sampleApp.close();
    await sampleDb.drop();
    removeDir(dir);
  });

  it('redirects a retired id to its successor with 301, following chains', async () => {
    for (const old of ['old-alpha', 'older-alpha']) {
      const response = await sampleApp.inject({ url: `/sample/${old}` });
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe('/sample/alpha');
    }
  });

  it('answers a removed topic with 410 Gone', async () => {
    const response = await sampleApp.inject({ url: '/sample/removed-topic' });
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('removed from the roadmap');
  });

  it('shows related roadmaps that exist and hides unknown ones', async () => {
    const html = (await sampleApp.inject({ url: '/sample' })).body;
    expect(html).toContain('Related roadmaps');
    expect(html).toContain('<a href="/other">other brief</a>');
    expect(html).not.toContain('does-not-exist');
  });

  it('puts computed hours into the FAQ', async () => {
    const html = (await sampleApp.inject({ url: '/sample' })).body;
    expect(html).toContain('About 26 hours.');
    expect(html).toMatch(/<td>10 hours<\/td>\s*<td>3 weeks<\/td>/);
  });

  it('refuses to build on invalid content, naming file and line', async () => {
    const broken = writeSampleContent();
    const fs = await import('node:fs');
    fs.writeFileSync(
      `${broken}/roadmaps/sample/topics/beta.md`,
      fs.readFileSync(`${broken}/roadmaps/sample/topics/beta.md`, 'utf8').replace('level: beginner', 'level: guru'),
    );
    const brokenDb = await createSqliteDatabase();
    await expect(buildTestApp({ db: brokenDb, contentDir: broken })).rejects.toThrow(/roadmaps\/sample\/topics\/beta\.md:3: level: must be one of/);
    await brokenDb.drop();
    removeDir(broken);
  });
});

describe('robots, sitemap and favicon', () => {
  it('serves robots.txt pointing at the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(response.body).toContain('Disallow: /api/');
  });

  it('lists every roadmap, topic, guide and project in sitemap.xml with the front matter priority', async () => {
    const response = await get('/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).toContain(
      '<url><loc>http://localhost:3000/backend</loc><lastmod>2026-11-21</lastmod><changefreq>monthly</changefreq><priority>1.0</priority></url>',
    );
    expect(response.body).toContain('<loc>http://localhost:3000/backend/guide</loc>');
    expect(response.body).toContain('<loc>http://localhost:3000/backend/projects/capstone</loc>');
    expect(response.body.match(/<loc>http:\/\/localhost:3000\/backend\/[a-z0-9-]+<\/loc>/g)?.length).toBeGreaterThanOrEqual(150);
  });

  it('serves an SVG favicon', async () => {
    expect((await get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await get('/favicon.ico')).statusCode).toBe(301);
  });
});
