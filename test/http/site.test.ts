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
const topicLinks = (html: string) => new Set([...html.matchAll(/<a href="\/sample\/([a-z0-9-]+)"[^>]*data-topic-id="\1"/g)].map((m) => m[1]));
const SAMPLE_IDS = ['alpha', 'alpha-one', 'alpha-two', 'alpha-three-with-a-really-long-title-that-must-wrap', 'beta', 'gamma', 'gamma-one'];

describe('home page', () => {
  it('lists roadmaps as cards with topic counts and the facts the client counts with', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<a href="/sample">sample brief</a>');
    expect(response.body).toContain('data-roadmap-card="sample" data-total="7"');
    expect(response.body).toContain('7 topics · about 26 h');
    const data = JSON.parse(response.body.match(/<script type="application\/json" data-roadmap="sample">(.*?)<\/script>/)?.[1] ?? '{}');
    expect(data.topics.map(([id]: [string]) => id)).toEqual(SAMPLE_IDS);
    expect(data.retired).toEqual({ 'old-alpha': 'alpha', 'older-alpha': 'alpha', 'removed-topic': null });
  });
});

describe('roadmap page', () => {
  it('renders header, progress, legend, diagram and outline on the server', async () => {
    const response = await get('/sample');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Sample Developer</h1>');
    expect(html).toContain('<span data-count="complete">0</span> of <span data-count="total">7</span> done');
    expect(html).toContain('7 topics · about 26 h of study in total');
    for (const label of ['Personal recommendation', 'Alternative option', 'Order not strict', 'Not recommended']) expect(html).toContain(label);
    expect(html).toContain('<svg class="diagram-svg"');
    expect(html).toContain('class="outline-sections"');
    expect(html).toContain('<h2 id="question-title">What is sample?</h2>');
    expect(html).toContain('Frequently asked questions');
    expect(html).toContain('"@type":"FAQPage"');
    expect(html).not.toContain('{{totalHours}}');
    expect(html).toContain('href="/sample/guide"');
    expect(html).toContain('href="/sample/projects"');
  });

  it('links every topic from the diagram, as a real link with data-topic-id', async () => {
    const html = (await get('/sample')).body;
    const svg = html.slice(html.indexOf('<svg class="diagram-svg"'), html.indexOf('</svg>', html.indexOf('<svg class="diagram-svg"')));
    expect(topicLinks(svg)).toEqual(new Set(SAMPLE_IDS));
  });

  it('shows related roadmaps that exist here and leaves out the others', async () => {
    const html = (await get('/sample')).body;
    expect(html).toContain('<h2 id="related-title">Related roadmaps</h2>');
    expect(html).toContain('<a href="/other">other brief</a>');
    expect(html).not.toContain('does-not-exist');
  });

  it('honours ?view= and the remembered view and theme', async () => {
    expect((await get('/sample?view=outline')).body).toContain('data-view="outline"');
    expect((await get('/sample', { cookie: 'mp_view=diagram' })).body).toContain('data-view="diagram"');
    expect((await get('/sample?view=bogus')).body).toContain('data-view="auto"');
    expect((await get('/sample', { cookie: 'mp_theme=dark' })).body).toContain('<html lang="en" data-theme="dark">');
    expect((await get('/sample', { cookie: 'mp_theme=<script>' })).body).toContain('<html lang="en">');
  });

  it('serves a cached page with brotli or gzip and answers revalidation with 304', async () => {
    const plain = await get('/sample');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get('/sample', { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    const brotli = await get('/sample', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(plain.body);
    expect((await get('/sample', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    const etag = String(plain.headers.etag);
    const again = await get('/sample', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('sends security headers: CSP without inline scripts, nosniff, frame-ancestors and referrer policy', async () => {
    const response = await get('/sample');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    const scripts = [...response.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    for (const attrs of scripts) expect(attrs).toMatch(/src="\/assets\/roadmap\.|type="application\/(ld\+)?json"/);
  });

  it('loads only the roadmap script and preloads the chunks it imports', async () => {
    const html = (await get('/sample')).body;
    const src = html.match(/<script type="module" src="(\/assets\/roadmap\.[\w-]+\.js)"><\/script>/)?.[1];
    expect(src).toBeDefined();
    expect((await get(src ?? '')).statusCode).toBe(200);
    for (const [, href] of html.matchAll(/<link rel="modulepreload" href="([^"]+)"\/>/g)) expect((await get(href ?? '')).statusCode).toBe(200);
    expect(html).not.toMatch(/src="\/assets\/(home|topic|page)\./);
  });
});

describe('topic page', () => {
  it('shows breadcrumb, level, hours, prerequisites, explanation, resources, status buttons and neighbours', async () => {
    const response = await get('/sample/alpha-one');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain(
      '<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/sample">Sample Developer</a></li><li><a href="/sample?view=outline#section-basics">The Basics</a></li><li><a href="/sample/alpha" data-topic-id="alpha">Alpha</a></li></ol></nav>',
    );
    expect(html).toContain('<h1 class="topic-title" id="topic-title-alpha-one">Alpha one</h1>');
    expect(html).toContain('<li><span class="visually-hidden">Level: </span>Beginner</li><li>about 2 h</li>');
    expect(html).toContain('<strong>Learn first: </strong><a href="/sample/alpha" data-topic-id="alpha">Alpha</a>');
    expect(html).toContain('class="prose topic-body"');
    expect([...html.matchAll(/<span class="badge badge--(\w+)">/g)].map((m) => m[1])).toEqual(['official', 'article', 'book']);
    expect(html).toContain('data-set-status="done"');
    expect(html).toContain('<a href="/sample/alpha" data-topic-id="alpha" rel="prev">Alpha</a>');
    expect(html).toContain('<a href="/sample/alpha-two" data-topic-id="alpha-two" rel="next">Alpha two</a>');
  });

  it('serves the same article as a fragment for the drawer', async () => {
    const response = await get('/fragments/sample/alpha-one');
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('<article class="topic" data-topic-id="alpha-one">')).toBe(true);
    expect(response.body).toContain('<h2 class="topic-title" id="topic-title-alpha-one">Alpha one</h2>');
  });

  it('links projects that practise the topic', async () => {
    const html = (await get('/sample/alpha')).body;
    expect(html).toContain('Practise it in a project');
    expect(html).toContain('<a href="/sample/projects/small-server">Build a Small Server</a>');
    expect((await get('/sample/gamma')).body).not.toContain('Practise it in a project');
  });
});

describe('a deployment that links its content repository', () => {
  const TEMPLATE = 'https://git.example.org/school/content/-/edit/main/{path}';
  let linked: FastifyInstance;
  let linkedDb: TestDatabase;
  beforeAll(async () => {
    linkedDb = await createSqliteDatabase();
    linked = await buildTestApp({ db: linkedDb, env: { CONTENT_EDIT_URL: TEMPLATE } });
  });
  afterAll(async () => {
    await linked.close();
    await linkedDb.drop();
  });

  it("links each official topic to its file in the deployment's repository, and nothing without the setting", async () => {
    const html = (await linked.inject({ method: 'GET', url: '/sample/alpha-one' })).body;
    expect(html).toContain(
      '<a href="https://git.example.org/school/content/-/edit/main/roadmaps/sample/topics/alpha-one.md" rel="nofollow">Suggest a change to this topic</a>',
    );
    expect((await get('/sample/alpha-one')).body).not.toContain('Suggest a change to this topic');
    await expect(buildTestApp({ db: linkedDb, env: { CONTENT_EDIT_URL: 'https://git.example.org/edit/main/' } })).rejects.toThrow(/CONTENT_EDIT_URL/);
  });
});

describe('guide, projects and search', () => {
  it('serves the guide with links to topics', async () => {
    const response = await get('/sample/guide');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h2>1. Start here</h2>');
    expect(response.body).toContain('href="/sample/alpha"');
    expect((await get('/other/guide')).statusCode).toBe(404);
  });

  it('serves the project list and each brief', async () => {
    const list = await get('/sample/projects');
    expect(list.statusCode).toBe(200);
    expect([...list.body.matchAll(/href="\/sample\/projects\/([a-z0-9-]+)"/g)].map((m) => m[1])).toEqual(['small-server']);
    const brief = await get('/sample/projects/small-server');
    expect(brief.statusCode).toBe(200);
    expect(brief.body).toContain('<h2>Requirements</h2>');
    expect((await get('/sample/projects/not-a-project')).statusCode).toBe(404);
    expect((await get('/other/projects')).statusCode).toBe(404);
  });

  it('searches topics without JavaScript', async () => {
    const many = await get('/search?q=alpha&roadmap=sample');
    expect(many.statusCode).toBe(200);
    expect(many.body).toContain('4 topics match “alpha”.');
    const one = await get('/search?q=gamma%20one');
    expect(one.statusCode).toBe(303);
    expect(one.headers.location).toBe('/sample/gamma-one');
    const none = await get(`/search?q=${encodeURIComponent('<script>zzz')}`);
    expect(none.body).toContain('No topic matches');
    expect(none.body).not.toContain('<script>zzz');
  });
});

describe('JSON and health', () => {
  it('serves the roadmap JSON with metadata, sections, topics and layout', async () => {
    const response = await get('/jsons/roadmaps/sample.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc).toMatchObject({ format: 2, id: 'sample', version: 1, totalHours: 25.5, meta: { title: 'Sample Developer' } });
    expect(doc.sections.map((s: { id: string }) => s.id)).toEqual(['basics', 'advanced']);
    expect(doc.topics.map((t: { id: string }) => t.id)).toEqual(SAMPLE_IDS);
    expect(doc.topics[0]).toEqual({
      id: 'alpha',
      title: 'Alpha',
      kind: 'topic',
      section: 'basics',
      parent: null,
      mark: 'recommended',
      level: 'beginner',
      hours: 3,
      prerequisites: [],
      resources: [
        { type: 'official', title: 'alpha docs', url: 'https://example.org/alpha/docs' },
        { type: 'article', title: 'alpha article', url: 'https://example.org/alpha/article' },
        { type: 'book', title: 'alpha book', url: 'https://example.org/alpha/book' },
      ],
    });
    expect(doc.layout.width).toBeLessThanOrEqual(1000);
    expect(doc.layout.nodes).toHaveLength(7 + 2);
  });

  it('answers /healthz with 200 JSON', async () => {
    const response = await get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', roadmaps: 2 });
  });
});

describe('bad input', () => {
  it('answers unknown pages with an HTML 404 that offers a search', async () => {
    const response = await get('/sample/no-such-topic');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('action="/search"');
    expect(response.body).toContain('value="no such topic"');
    expect((await get('/nowhere')).statusCode).toBe(404);
    expect((await get('/nowhere/at/all/here')).statusCode).toBe(404);
  });

  it('answers reserved and unknown roadmap ids with the 404 page', async () => {
    for (const url of ['/settings', '/help', '/pdfs', '/r', '/nowhere']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).toContain('We could not find that page');
    }
  });

  it('answers unknown paths under /api and /jsons with JSON errors', async () => {
    for (const url of ['/api/v1/nothing', '/jsons/roadmaps/nothing.json', '/jsons/roadmaps/sample', '/jsons/other']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('gives malformed topic ids a 404 without touching files outside the content', async () => {
    const attempts = [
      `/sample/${'a'.repeat(5000)}`,
      '/sample/..%2F..%2F..%2Fetc%2Fpasswd',
      '/sample/%2e%2e%2fpackage.json',
      '/sample/..%5c..%5cwindows',
      '/sample/%E0%A4%A',
      '/sample/%F0%9F%92%A9%F0%9F%92%A9',
      '/sample/%00',
      '/sample/ﬁ',
      '/fragments/sample/..%2F..%2Fpackage.json',
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

  it('answers a method the page does not take with 404', async () => {
    const response = await app.inject({ method: 'POST', url: '/sample', payload: 'x' });
    expect(response.statusCode).toBe(404);
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
      '<url><loc>http://localhost:3000/sample</loc><lastmod>2026-11-21</lastmod><changefreq>monthly</changefreq><priority>1.0</priority></url>',
    );
    expect(response.body).toContain('<loc>http://localhost:3000/sample/guide</loc>');
    expect(response.body).toContain('<loc>http://localhost:3000/sample/projects/small-server</loc>');
    const topics = [...response.body.matchAll(/<loc>http:\/\/localhost:3000\/sample\/([a-z0-9-]+)<\/loc>/g)].map((m) => m[1]);
    expect(topics).toEqual(['guide', 'projects', ...SAMPLE_IDS]);
    // The other roadmap, with the default priority.
    expect(response.body).toContain('<url><loc>http://localhost:3000/other</loc><priority>0.8</priority></url>');
  });

  it('serves an SVG favicon', async () => {
    expect((await get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await get('/favicon.ico')).statusCode).toBe(301);
  });
});
