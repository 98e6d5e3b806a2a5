/**
 * What a roadmap gives to take along and share, on the real Backend roadmap, on SQLite and
 * PostgreSQL: the PDF (read back with pdf.js: every topic's title and opening words, a bookmark
 * per topic, the resources as links, metadata, paper sizes), share images of the stated size,
 * progress badges with the right percentage, a learner's own PDF, 404 for private content, clear
 * errors for bad input, and no dead URL among those the pages and JSON advertise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRoadmapRepository } from '../../src/catalog/user-roadmap-repository.js';
import { computeLayout } from '../../src/content/layout.js';
import { contentHash, MemoryFiles } from '../../src/content/roadmap-files.js';
import { loadContentOrThrow } from '../../src/content/roadmap-loader.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { PROGRESS_PDFS_PER_HOUR } from '../../src/features/publishing/routes.js';
import { MemoryCounterStore } from '../../src/infra/counter-store.js';
import { readWholeFolder } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { bookmarkTitles, pngSize, readPdf, type ReadPdf } from '../helpers/pdf.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { buildTestApp, sampleContentDir, testCacheDir } from '../helpers/test-app.js';

const BACKEND = loadContentOrThrow('content').roadmaps.get('backend')!;
const LAYOUT = computeLayout(BACKEND);
const TOPICS = BACKEND.order.map((id) => BACKEND.topics.get(id)!);

/** Text as a PDF shows it: typographic quotes and dashes, whitespace collapsed. */
const plain = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ').trim();

/** The first six words of a topic's opening paragraph, stopping before any link. */
function openingWords(id: string): string {
  const first = BACKEND.topics.get(id)!.body.split(/\n\s*\n/)[0]!;
  return plain(first.split(/[[(]/)[0]!.replace(/[*_`]/g, '')).split(' ').slice(0, 6).join(' ');
}

describe.each(DIALECTS)('publishing on $name', ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let app: FastifyInstance;
  let sharer: TestUser;
  let hidden: TestUser;
  let pdf: ReadPdf;
  let pdfBytes: Buffer;
  /** The app's rate-limit counters, to bring a learner to the limit without making twenty PDFs. */
  const counters = new MemoryCounterStore();

  beforeAll(async () => {
    expect(Math.floor((26 * 100) / BACKEND.order.length)).toBe(11);
    testDb = await create();
    app = await buildTestApp({ db: testDb, contentDir: 'content', deps: { counters } });
    db = openDatabase(testDb.config);
    sharer = await createSignedInUser(db, { name: 'Ada Sharer', username: `ada${Date.now() % 100000}`, publicProfile: true });
    hidden = await createSignedInUser(db, { username: `hid${Date.now() % 100000}`, publicProfile: false });
    // 22 topics done and 4 skipped: 26 of 228 complete, 11 % (rounded down).
    const topics = Object.fromEntries(
      TOPICS.slice(0, 26).map((t, i) => [t.id, { status: i < 22 ? 'done' : 'skipped', updatedAt: new Date().toISOString() }]),
    );
    for (const user of [sharer, hidden]) {
      const merged = await app.inject({ method: 'POST', url: '/api/v1/me/progress/backend/merge', headers: user.bearer, payload: { topics } });
      expect(merged.statusCode, merged.body).toBe(200);
    }
    const response = await app.inject({ method: 'GET', url: '/pdfs/roadmaps/backend.pdf' });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    pdfBytes = response.rawPayload;
    pdf = await readPdf(pdfBytes);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await testDb.drop();
  });

  it('serves the Backend PDF with every topic title and its opening words, A4, with the version in its metadata', async () => {
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.size).toEqual({ width: 595, height: 842 });
    expect(pdf.info.Title).toBe('Backend Developer roadmap');
    expect((pdf.info.Custom as Record<string, unknown>).Version).toBe(String(BACKEND.meta.version));
    const text = plain(pdf.text);
    const missingTitles = TOPICS.filter((t) => !text.includes(plain(t.title))).map((t) => t.id);
    expect(missingTitles).toEqual([]);
    const missingOpenings = TOPICS.filter((t) => !text.includes(openingWords(t.id))).map((t) => `${t.id}: ${openingWords(t.id)}`);
    expect(missingOpenings).toEqual([]);
    // The guide and the FAQ come along too.
    expect(text).toContain(plain(BACKEND.guide!.title));
    expect(text).toContain(plain(BACKEND.faq[0]!.question));
  });

  it('has a bookmark per section and per topic, nested as on the roadmap', () => {
    const titles = bookmarkTitles(pdf.bookmarks);
    const sections = pdf.bookmarks.map((b) => b.title);
    for (const section of BACKEND.sections) expect(sections).toContain(section.title);
    const topicMarks = pdf.bookmarks.filter((b) => BACKEND.sections.some((s) => s.title === b.title)).flatMap((b) => bookmarkTitles(b.children));
    expect(topicMarks).toHaveLength(BACKEND.order.length);
    expect(new Set(topicMarks)).toEqual(new Set(TOPICS.map((t) => t.title)));
    expect(titles.slice(0, 3)).toEqual(['Title page', 'Diagram', 'Contents']);
    const http = pdf.bookmarks.find((b) => b.title === BACKEND.sections[0]!.title)!;
    const internet = http.children.find((c) => c.title === BACKEND.topics.get(BACKEND.sections[0]!.topicIds[0]!)!.title)!;
    expect(internet.children.map((c) => c.title)).toEqual(
      BACKEND.topics.get(BACKEND.sections[0]!.topicIds[0]!)!.subtopicIds.map((id) => BACKEND.topics.get(id)!.title),
    );
  });

  it('links every resource, and links inside the document from the diagram and the outline to the topics', () => {
    const resources = new Set(TOPICS.flatMap((t) => t.resources.map((r) => r.url)));
    expect([...resources].filter((url) => !pdf.links.has(url))).toEqual([]);
    // A box per topic in the diagram, a line per topic and per section in the outline, and the prerequisites.
    const prerequisites = TOPICS.reduce((n, t) => n + t.prerequisites.length, 0);
    expect(pdf.internalLinks).toBeGreaterThanOrEqual(2 * BACKEND.order.length + BACKEND.sections.length + prerequisites);
  });

  it('prints page numbers in the outline that lead to the topic', () => {
    const contents = pdf.pageText.findIndex((t) => t.startsWith('Contents'));
    expect(contents).toBeGreaterThan(0);
    const first = TOPICS[0]!;
    const line = pdf.pageLines[contents]!.find((l) => l.startsWith(`${first.title} `));
    expect(line).toMatch(/ \d+$/);
    const page = Number(/(\d+)$/.exec(line!)![1]);
    expect(pdf.pageText[page - 1]).toContain(plain(first.title));
    expect(plain(pdf.pageText[page - 1]!)).toContain(openingWords(first.id));
  });

  it('keeps the PDF on disk per version and paper, answers 304 to its ETag, and makes US Letter on request', async () => {
    const file = path.join(testCacheDir(), 'roadmaps', `backend@${BACKEND.hash}`, 'a4.pdf');
    expect(fs.readFileSync(file).equals(pdfBytes)).toBe(true);
    const again = await app.inject({ method: 'GET', url: '/pdfs/roadmaps/backend.pdf' });
    const etag = again.headers.etag as string;
    expect(again.headers['content-type']).toBe('application/pdf');
    expect(again.headers['cache-control']).toBe('public, max-age=3600');
    const notModified = await app.inject({ method: 'GET', url: '/pdfs/roadmaps/backend.pdf', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    // A burst for a paper size not made yet: one render, the same bytes for all.
    const burst = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'GET', url: '/pdfs/roadmaps/backend.pdf?paper=letter' })));
    expect(burst.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(new Set(burst.map((r) => r.headers.etag)).size).toBe(1);
    const letter = await readPdf(burst[0]!.rawPayload);
    expect(letter.size).toEqual({ width: 612, height: 792 });
  }, 60_000);

  it('adds the signed-in learner’s statuses to their own PDF, and sends a guest to sign in first', async () => {
    const own = await app.inject({ method: 'GET', url: '/account/progress/backend.pdf', headers: sharer.session });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    const read = await readPdf(own.rawPayload);
    expect(read.pageText[0]).toContain('Progress of Ada Sharer: 11 % done');
    expect(read.pageText[0]).toContain(`22 done, 0 learning, 4 skipped, of ${BACKEND.order.length} topics.`);
    expect(plain(read.text)).toContain(`Your status: done`);
    // The limit on a learner's own PDFs: the next one past it is refused, and says when to retry.
    for (let i = 1; i < PROGRESS_PDFS_PER_HOUR; i++) await counters.increment(`progress-pdfs:${sharer.row.id}`, 3_600_000);
    const limited = await app.inject({ method: 'GET', url: '/account/progress/backend.pdf', headers: sharer.session });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3500);
    const guest = await app.inject({ method: 'GET', url: '/account/progress/backend.pdf' });
    expect([302, 303]).toContain(guest.statusCode);
    expect(guest.headers.location).toBe('/login?next=/account/progress/backend.pdf');
  }, 60_000);

  it('renders OpenGraph cards of 1200 × 630 for the roadmap and a topic, and the whole diagram at its own size', async () => {
    for (const url of ['/og/roadmaps/backend.png', '/og/roadmaps/backend/http.png']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(pngSize(response.rawPayload)).toEqual({ width: 1200, height: 630 });
    }
    const diagram = await app.inject({ method: 'GET', url: '/diagrams/roadmaps/backend.png' });
    expect(diagram.statusCode).toBe(200);
    expect(pngSize(diagram.rawPayload)).toEqual({ width: LAYOUT.width, height: LAYOUT.height });
  });

  it('draws a badge with the learner’s percentage in light and dark, cached briefly with an ETag', async () => {
    const light = await app.inject({ method: 'GET', url: `/badges/u/${sharer.row.username}/backend.svg` });
    expect(light.statusCode).toBe(200);
    expect(light.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(light.headers['cache-control']).toBe('public, max-age=300');
    expect(light.headers.etag).toMatch(/^"/);
    expect(light.body).toContain('aria-label="Backend: 11 % done"');
    expect(light.body).toContain('>11 % done</text>');
    // Well-formed SVG: resvg refuses anything else.
    const rendered = new Resvg(light.body).render();
    expect(rendered.width).toBeGreaterThan(80);
    expect(rendered.height).toBe(20);
    const dark = await app.inject({ method: 'GET', url: `/badges/u/${sharer.row.username}/backend.svg?theme=dark` });
    expect(dark.statusCode).toBe(200);
    expect(dark.body).toContain('fill="#4ade80"');
    expect(dark.body).not.toBe(light.body);
    // The account page offers the badge to paste, in Markdown and in HTML.
    const account = await app.inject({ method: 'GET', url: '/account', headers: sharer.session });
    const name = sharer.row.username!;
    const image = `http://localhost:3000/badges/u/${name}/backend.svg`;
    const profile = `http://localhost:3000/u/${name}?roadmap=backend`;
    expect(account.body).toContain(`[![Backend progress on Milepost](${image})](${profile})`);
    expect(account.body).toContain(
      `&lt;a href=&quot;${profile}&quot;>&lt;img src=&quot;${image}&quot; alt=&quot;Backend progress on Milepost&quot;>&lt;/a>`,
    );
    const hiddenAccount = await app.inject({ method: 'GET', url: '/account', headers: hidden.session });
    expect(hiddenAccount.body).not.toContain('data-badge-roadmap');
    const revalidated = await app.inject({
      method: 'GET',
      url: `/badges/u/${sharer.row.username}/backend.svg`,
      headers: { 'if-none-match': light.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('answers 404 for private profiles, private roadmaps and unknown ids, and 400 for bad options, never a 5xx', async () => {
    const owner = await createSignedInUser(db, { username: `own${Date.now() % 100000}`, publicProfile: true });
    // The sample roadmap as a user's own: its links point at its own topics.
    const files = Object.fromEntries(
      Object.entries(readWholeFolder(path.join(sampleContentDir(), 'roadmaps/sample'))).map(([name, text]) => [
        name,
        text.replaceAll('](/sample/', '](/p7private01/'),
      ]),
    );
    const repository = new UserRoadmapRepository(db);
    await repository.create({ id: 'p7private01', ownerId: owner.row.id, title: 'Private', visibility: 'private' });
    await repository.publish('p7private01', files, contentHash(new MemoryFiles(files)));
    for (const url of [
      `/badges/u/${hidden.row.username}/backend.svg`,
      `/badges/u/${owner.row.username}/p7private01.svg`,
      `/badges/u/${sharer.row.username}/nowhere.svg`,
      '/badges/u/..%2F..%2Fetc/backend.svg',
      '/badges/u/%E2%80%AEevil/backend.svg',
      `/badges/u/${'x'.repeat(150)}/backend.svg`,
      '/r/p7private01.pdf',
      '/og/roadmaps/p7private01.png',
      '/diagrams/roadmaps/p7private01.png',
      '/pdfs/roadmaps/nowhere.pdf',
      '/pdfs/roadmaps/p7private01.pdf',
      '/pdfs/roadmaps/backend.txt',
      '/og/roadmaps/backend/nowhere.png',
      '/og/roadmaps/NOPE.png',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
    }
    // Its owner gets the private roadmap's PDF, as a private answer.
    const mine = await app.inject({ method: 'GET', url: '/r/p7private01.pdf', headers: owner.session });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    const entry = await app.catalog.get('p7private01', { userId: owner.row.id });
    expect((await readPdf(mine.rawPayload)).pageText[0]).toContain(entry!.roadmap.meta.title);
    for (const url of [
      '/pdfs/roadmaps/backend.pdf?paper=a3',
      '/pdfs/roadmaps/backend.pdf?paper=',
      `/badges/u/${sharer.row.username}/backend.svg?theme=blue`,
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.body, url).toMatch(/paper must be &quot;a4&quot; or &quot;letter&quot;|theme must be &quot;light&quot; or &quot;dark&quot;/);
    }
  }, 60_000);

  it('draws cross-links on the page with arrowheads, and explains them in the legend', async () => {
    const html = (await app.inject({ method: 'GET', url: '/backend' })).body;
    const extra = LAYOUT.edges.filter((e) => e.kind === 'extra');
    expect(extra.length).toBe(3);
    expect(html.match(/class="edge edge--extra"[^>]*marker-end="url\(#edge-arrow\)"/g)).toHaveLength(extra.length);
    expect(html).toContain('<marker id="edge-arrow"');
    expect(html).toContain('Dashed arrow: leads on to');
  });

  it('advertises no dead URL: og:image, JSON-LD image, canonical, pdfUrl, jsonUrl and every sitemap entry answer 200', async () => {
    const base = 'http://localhost:3000';
    const advertised = new Set<string>();
    for (const page of ['/', '/backend', '/backend/http', '/backend/guide']) {
      const html = (await app.inject({ method: 'GET', url: page })).body;
      for (const [, url] of html.matchAll(/<meta property="og:image" content="([^"]+)"/g)) advertised.add(url!);
      for (const [, url] of html.matchAll(/<link rel="canonical" href="([^"]+)"/g)) advertised.add(url!);
      for (const [, json] of html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)) {
        const data = JSON.parse(
          json!
            .replace(/\\u003c/g, '<')
            .replace(/\\u003e/g, '>')
            .replace(/\\u0026/g, '&'),
        ) as { image?: string };
        if (data.image) advertised.add(data.image);
      }
    }
    expect([...advertised].filter((u) => u.includes('/og/'))).toEqual(
      expect.arrayContaining([`${base}/og/roadmaps/backend.png`, `${base}/og/roadmaps/backend/http.png`]),
    );
    const json = (await app.inject({ method: 'GET', url: '/jsons/roadmaps/backend.json' })).json() as {
      meta: { pdfUrl: string; jsonUrl: string; schema: { imageUrl: string } };
    };
    for (const url of [json.meta.pdfUrl, json.meta.jsonUrl, json.meta.schema.imageUrl]) advertised.add(new URL(url, base).href);
    const sitemap = (await app.inject({ method: 'GET', url: '/sitemap.xml' })).body;
    for (const [, url] of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) advertised.add(url!);
    expect(advertised.size).toBeGreaterThan(BACKEND.order.length);
    const dead: string[] = [];
    for (const url of advertised) {
      const { pathname, search } = new URL(url);
      const response = await app.inject({ method: 'GET', url: `${pathname}${search}` });
      if (response.statusCode !== 200) dead.push(`${response.statusCode} ${url}`);
    }
    expect(dead).toEqual([]);
  }, 60_000);
});
