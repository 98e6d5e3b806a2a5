/**
 * What a fork and its learners live through, over HTTP on both databases: another user tracks
 * progress on an unlisted fork, the owner renames the topic (twice) and the progress follows;
 * the source changes and the fork pulls topic by topic; an import of roadmap.sh's JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoadmapCatalog } from '../../src/catalog/roadmap-catalog.js';
import { applyStructureEdit } from '../../src/content/structure-edits.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { expectError } from '../helpers/accounts.js';
import { readWholeFolder, removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { buildTestApp } from '../helpers/test-app.js';

type Files = Record<string, string>;
const FIXTURES = path.join(import.meta.dirname, '../fixtures/roadmap-sh');

describe.each(DIALECTS)('forks and their learners on $name', ({ create }) => {
  let testDb: TestDatabase;
  let app: FastifyInstance & { catalog: RoadmapCatalog };
  let db: Database;
  let contentDir: string;
  let owner: TestUser;
  let learner: TestUser;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await create();
    app = (await buildTestApp({ db: testDb, contentDir })) as typeof app;
    db = openDatabase(testDb.config);
    owner = await createSignedInUser(db);
    learner = await createSignedInUser(db);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await testDb.drop();
    removeDir(contentDir);
  });

  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const source = async (id: string): Promise<{ version: number; files: Files }> =>
    (await send('GET', `/api/v1/roadmaps/${id}/source`, owner.bearer)).json();
  const publish = async (id: string, edit: Parameters<typeof applyStructureEdit>[1]) => {
    const { version, files } = await source(id);
    const response = await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, {
      files: applyStructureEdit(files, edit, { roadmapId: `r/${id}` }).files,
      baseVersion: version,
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  it('keeps a learner’s progress on an unlisted fork through two renames of the topic', async () => {
    const fork = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Team sample', visibility: 'unlisted', forkOf: 'sample' })).json();
    const set = await send('PUT', `/api/v1/me/progress/${fork.id}/topics/beta`, learner.bearer, { status: 'done' });
    expect(set.statusCode, set.body).toBe(200);
    await send('PUT', `/api/v1/me/progress/${fork.id}/topics/gamma`, learner.bearer, { status: 'learning' });

    await publish(fork.id, { op: 'rename', topicId: 'beta', title: 'Beta, the basics', newId: 'beta-basics' });
    let progress = (await send('GET', `/api/v1/me/progress/${fork.id}`, learner.bearer)).json();
    expect(progress.topics['beta-basics']).toMatchObject({ status: 'done' });
    expect(progress.counts).toMatchObject({ done: 1, learning: 1, total: 7 });
    // The old address redirects to the new one.
    const old = await send('GET', `/r/${fork.id}/beta`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/r/${fork.id}/beta-basics`);

    await publish(fork.id, { op: 'rename', topicId: 'beta-basics', title: 'Beta in depth', newId: 'beta-in-depth' });
    progress = (await send('GET', `/api/v1/me/progress/${fork.id}`, learner.bearer)).json();
    expect(progress.topics['beta-in-depth']).toMatchObject({ status: 'done' });
    expect(progress.counts).toMatchObject({ done: 1, learning: 1, total: 7 });
    expect((await send('GET', `/r/${fork.id}/beta`)).headers.location).toBe(`/r/${fork.id}/beta-in-depth`);

    // A removed topic is no longer counted, and its page says so.
    await publish(fork.id, { op: 'remove', topicId: 'gamma-one' });
    await publish(fork.id, { op: 'remove', topicId: 'gamma' });
    progress = (await send('GET', `/api/v1/me/progress/${fork.id}`, learner.bearer)).json();
    expect(progress.counts).toMatchObject({ done: 1, learning: 0, total: 5 });
    expect((await send('GET', `/r/${fork.id}/gamma`)).statusCode).toBe(410);
  });

  it('lists what changed upstream since the fork and pulls the chosen topics into the draft', async () => {
    const fork = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Following sample', forkOf: 'sample' })).json();
    expect((await send('GET', `/api/v1/roadmaps/${fork.id}/upstream`, owner.bearer)).json()).toEqual({
      source: { id: 'sample', title: 'Sample Developer', version: 1, url: '/sample', forkedAtVersion: 1 },
      changes: [],
    });
    // The source changes two topics; the fork changed one of them itself meanwhile.
    const topics = path.join(contentDir, 'roadmaps/sample/topics');
    const alpha = fs.readFileSync(path.join(topics, 'alpha.md'), 'utf8');
    const gamma = fs.readFileSync(path.join(topics, 'gamma.md'), 'utf8');
    fs.writeFileSync(path.join(topics, 'alpha.md'), alpha.replace('title: "Alpha"', 'title: "Alpha, upstream"'));
    fs.writeFileSync(path.join(topics, 'gamma.md'), gamma.replace('hours: 10', 'hours: 11'));
    try {
      expect((await app.catalog.reload()).changed).toEqual(['sample']);
      const upstream = (await send('GET', `/api/v1/roadmaps/${fork.id}/upstream`, owner.bearer)).json();
      expect(upstream.changes).toEqual([
        { topicId: 'alpha', title: 'Alpha, upstream', change: 'changed' },
        { topicId: 'gamma', title: 'Gamma', change: 'changed' },
      ]);
      const pulled = await send('POST', `/api/v1/roadmaps/${fork.id}/upstream/pull`, owner.bearer, { topicIds: ['alpha'] });
      expect(pulled.statusCode, pulled.body).toBe(200);
      expect(pulled.json()).toMatchObject({ baseVersion: 1, issues: [] });
      expect(pulled.json().files['topics/alpha.md']).toContain('title: "Alpha, upstream"');
      expect(pulled.json().files['topics/gamma.md']).toContain('hours: 10');
      // Pulled: no longer listed; the draft holds it until the owner publishes.
      expect(
        (await send('GET', `/api/v1/roadmaps/${fork.id}/upstream`, owner.bearer)).json().changes.map((c: { topicId: string }) => c.topicId),
      ).toEqual(['gamma']);
      expect((await send('GET', `/api/v1/roadmaps/${fork.id}/draft`, owner.bearer)).json().files['topics/alpha.md']).toContain('Alpha, upstream');
      expectError(await send('POST', `/api/v1/roadmaps/${fork.id}/upstream/pull`, owner.bearer, { topicIds: ['beta'] }), 400, 'invalid_input');
      expectError(await send('GET', `/api/v1/roadmaps/${fork.id}/upstream`, learner.bearer), 404, 'not_found');
    } finally {
      fs.writeFileSync(path.join(topics, 'alpha.md'), alpha);
      fs.writeFileSync(path.join(topics, 'gamma.md'), gamma);
      await app.catalog.reload();
    }
  });

  it('imports roadmap.sh JSON with its content files and reports what it dropped', async () => {
    const folder = path.join(FIXTURES, 'shell-basics');
    const json = fs.readFileSync(path.join(folder, 'shell-basics.json'), 'utf8');
    const files = readWholeFolder(path.join(folder, 'content'));
    const response = await send('POST', '/api/v1/roadmaps/import', owner.bearer, { format: 'roadmap.sh', json, files, visibility: 'public' });
    expect(response.statusCode, response.body).toBe(201);
    const { roadmap, report } = response.json();
    expect(roadmap.visibility).toBe('public');
    expect(report.counts).toEqual({ sections: 3, topics: 6, subtopics: 5, withContent: 3, dropped: 8 });
    expect(report.dropped.find((d: { nodeId: string }) => d.nodeId === 'Tp6Empty')).toEqual({
      nodeId: 'Tp6Empty',
      type: 'topic',
      label: '',
      reason: 'a topic without a label',
    });
    expect(report.notes).toContain('content file "old-topic@Zz9Gone.md" matches no imported topic; it was not used');
    const page = await send('GET', roadmap.url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Getting around');
    // The subtopic "pwd" came with its text, from navigation/pwd@St1Pwd.md.
    expect((await send('GET', `${roadmap.url}/pwd`)).body).toContain('<p><code>pwd</code> prints the folder you are in.</p>');
    for (const item of report.imported.filter((i: { kind: string }) => i.kind !== 'section')) {
      expect((await send('GET', `${roadmap.url}/${item.id}`)).statusCode, item.id).toBe(200);
    }
  });
});
