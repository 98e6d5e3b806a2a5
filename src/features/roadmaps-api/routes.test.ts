import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, roadmapFile, topicBody, topicFile, writeSampleContent } from '../../../test/helpers/content-fixture.js';
import { createSqliteDatabase, type TestDatabase } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { RoadmapList, RoadmapStructure, TopicDocument } from './schema.js';

const BASE = '/api/v1/roadmaps';

/** The sample content, with `sample` first on the home page and hostile Markdown in `beta`. */
function writeApiContent(): string {
  const dir = writeSampleContent();
  const write = (rel: string, text: string) => fs.writeFileSync(path.join(dir, 'roadmaps/sample', rel), text);
  write('roadmap.md', roadmapFile('sample', { order: 1 }));
  const hostile = `Hello <script>alert(1)</script> and [a link](javascript:alert(1)).\n\n${topicBody('beta')}`;
  write('topics/beta.md', topicFile('beta', { prerequisites: ['alpha-one'], hours: 4.5, body: hostile }));
  return dir;
}

/** Fails with the schema's first complaint, so a drift between builder and schema is easy to see. */
function expectMatches(schema: TSchema, body: unknown): void {
  const first = Value.Errors(schema, body)[0];
  expect(first && `${first.instancePath}: ${first.message}`).toBeUndefined();
}

function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

// These routes read content only; the app still needs a database to boot, and SQLite is enough.
describe('public roadmap API', () => {
  let app: FastifyInstance;
  let testDb: TestDatabase;
  let contentDir: string;

  beforeAll(async () => {
    contentDir = writeApiContent();
    testDb = await createSqliteDatabase();
    app = await buildTestApp({ db: testDb, contentDir });
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    removeDir(contentDir);
  });

  it('lists the roadmaps in home page order with counts and links', async () => {
    const response = await app.inject({ url: BASE });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const body = response.json();
    expectMatches(RoadmapList, body);
    expect(body.roadmaps.map((r: { id: string }) => r.id)).toEqual(['sample', 'other']);
    expect(body.roadmaps[0]).toEqual({
      id: 'sample',
      title: 'Sample Developer',
      description: 'Learn sample step by step.',
      version: 1,
      sections: 2,
      topics: 7,
      totalHours: 25.5,
      links: { page: '/sample', json: '/jsons/roadmaps/sample.json', api: '/api/v1/roadmaps/sample' },
    });
    expect(body.roadmaps[1]).toMatchObject({ id: 'other', sections: 1, topics: 1 });
  });

  it('describes a roadmap: sections, topics in learning order and retired ids', async () => {
    const response = await app.inject({ url: `${BASE}/sample` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expectMatches(RoadmapStructure, body);
    expect(body).toMatchObject({ id: 'sample', title: 'Sample Developer', version: 1, totalHours: 25.5 });
    expect(body.sections).toEqual([
      {
        id: 'basics',
        title: 'The Basics',
        hours: 13.5,
        topicIds: ['alpha', 'alpha-one', 'alpha-two', 'alpha-three-with-a-really-long-title-that-must-wrap', 'beta'],
      },
      { id: 'advanced', title: 'Advanced Things', hours: 12, topicIds: ['gamma', 'gamma-one'] },
    ]);
    expect(body.topics.map((t: { id: string }) => t.id)).toEqual([
      'alpha',
      'alpha-one',
      'alpha-two',
      'alpha-three-with-a-really-long-title-that-must-wrap',
      'beta',
      'gamma',
      'gamma-one',
    ]);
    expect(body.topics[1]).toEqual({
      id: 'alpha-one',
      title: 'Alpha one',
      sectionId: 'basics',
      parentId: 'alpha',
      kind: 'subtopic',
      level: 'beginner',
      hours: 2,
      prerequisites: ['alpha'],
      mark: null,
    });
    expect(body.topics[0]).toMatchObject({ kind: 'topic', parentId: null, mark: 'recommended' });
    expect(body.retired).toEqual({ 'old-alpha': 'alpha', 'older-alpha': 'alpha', 'removed-topic': null });
  });

  it('answers a topic with its explanation, resources, projects and page link', async () => {
    const response = await app.inject({ url: `${BASE}/sample/topics/alpha` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json();
    expectMatches(TopicDocument, body);
    expect(body).toMatchObject({
      id: 'alpha',
      roadmapId: 'sample',
      title: 'Alpha',
      sectionId: 'basics',
      parentId: null,
      kind: 'topic',
      level: 'beginner',
      hours: 3,
      prerequisites: [],
      subtopicIds: ['alpha-one', 'alpha-two', 'alpha-three-with-a-really-long-title-that-must-wrap'],
      mark: 'recommended',
      projects: [{ id: 'small-server', title: 'Build a Small Server' }],
      links: { page: '/sample/alpha' },
    });
    expect(body.resources).toEqual([
      { type: 'official', title: 'alpha docs', url: 'https://example.org/alpha/docs' },
      { type: 'article', title: 'alpha article', url: 'https://example.org/alpha/article' },
      { type: 'book', title: 'alpha book', url: 'https://example.org/alpha/book' },
    ]);
    expect(body.markdown).toContain('```bash');
    expect(body.html).toContain('<pre tabindex="0"><code class="language-bash">');
    // The page link is a real page of the site.
    expect((await app.inject({ url: body.links.page })).statusCode).toBe(200);
    expect((await app.inject({ url: `${BASE}/sample/topics/gamma` })).json().projects).toEqual([]);
  });

  it('renders Markdown safely: raw HTML is escaped and unsafe links are dropped', async () => {
    const body = (await app.inject({ url: `${BASE}/sample/topics/beta` })).json();
    expectMatches(TopicDocument, body);
    expect(body.markdown).toContain('<script>alert(1)</script>');
    expect(body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body.html).not.toContain('<script');
    expect(body.html).not.toContain('href="javascript:');
  });

  it('redirects a retired topic id to the topic that replaced it', async () => {
    for (const retired of ['old-alpha', 'older-alpha']) {
      const response = await app.inject({ url: `${BASE}/sample/topics/${retired}` });
      expect(response.statusCode).toBe(308);
      expect(response.headers.location).toBe('/api/v1/roadmaps/sample/topics/alpha');
    }
  });

  it('answers 410 gone for a removed topic, and 404 for unknown roadmaps and topics', async () => {
    const removed = await app.inject({ url: `${BASE}/sample/topics/removed-topic` });
    expectError(removed, 410, 'gone');
    expect(removed.headers['access-control-allow-origin']).toBe('*');
    expectError(await app.inject({ url: `${BASE}/nope` }), 404, 'not_found');
    expectError(await app.inject({ url: `${BASE}/nope/topics/alpha` }), 404, 'not_found');
    expectError(await app.inject({ url: `${BASE}/sample/topics/solo` }), 404, 'not_found');
  });

  it('refuses malformed ids with 400 invalid_input', async () => {
    for (const url of [`${BASE}/Sample`, `${BASE}/sample/topics/Alpha`, `${BASE}/sample/topics/${'a'.repeat(65)}`, `${BASE}/sample/topics/a--b`]) {
      const response = await app.inject({ url });
      expectError(response, 400, 'invalid_input');
      expect(response.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('revalidates with the ETag and compresses when asked', async () => {
    for (const url of [BASE, `${BASE}/sample`, `${BASE}/sample/topics/alpha`]) {
      const first = await app.inject({ url });
      const etag = first.headers.etag;
      expect(etag, url).toMatch(/^"[\w-]+"$/);
      const again = await app.inject({ url, headers: { 'if-none-match': String(etag) } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect((await app.inject({ url, headers: { 'if-none-match': '"stale"' } })).statusCode, url).toBe(200);
    }
    const gzip = await app.inject({ url: `${BASE}/sample`, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/roadmaps', '/api/v1/roadmaps/{roadmapId}', '/api/v1/roadmaps/{roadmapId}/topics/{topicId}']),
    );
  });
});
