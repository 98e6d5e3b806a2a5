/**
 * Custom roadmaps over HTTP, on both databases: create blank or as a fork with its content,
 * publish with a base version (409 when stale, 422 with file:line problems), drafts, visibility
 * everywhere (pages, JSON, API, export, listing), deletion (410), limits and the embed's headers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackRoadmap } from '../../src/content/roadmap-archive.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { expectError } from '../helpers/accounts.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { buildTestApp } from '../helpers/test-app.js';

type Files = Record<string, string>;

describe.each(DIALECTS)('custom roadmaps on $name', ({ create }) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let db: Database;
  let contentDir: string;
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await create();
    app = await buildTestApp({ db: testDb, contentDir });
    db = openDatabase(testDb.config);
    owner = await createSignedInUser(db, { username: 'ada', publicProfile: true });
    other = await createSignedInUser(db);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await testDb.drop();
    removeDir(contentDir);
  });

  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const source = async (id: string, user = owner): Promise<{ version: number; files: Files }> =>
    (await send('GET', `/api/v1/roadmaps/${id}/source`, user.bearer)).json();

  it('creates a blank private roadmap that only its owner can see anywhere', async () => {
    const created = await send('POST', '/api/v1/roadmaps', owner.bearer, { title: '  Shell   scripting ' });
    expect(created.statusCode).toBe(201);
    const roadmap = created.json();
    expect(roadmap).toMatchObject({ title: 'Shell scripting', visibility: 'private', version: 1, forkedFrom: null, hasDraft: false });
    expect(roadmap.id).toMatch(/^shell-scripting-[a-z0-9]{10}$/);
    expect(roadmap.url).toBe(`/r/${roadmap.id}`);

    const page = await send('GET', `/r/${roadmap.id}`, owner.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Shell scripting</h1>');
    expect(page.body).toContain('Community roadmap');
    expect(page.body).toContain('<meta name="robots" content="noindex"/>');
    expect(page.headers['cache-control']).toBe('private, no-cache');

    for (const url of [
      `/r/${roadmap.id}`,
      `/r/${roadmap.id}/first-topic`,
      `/r/${roadmap.id}/embed`,
      `/r/${roadmap.id}.pdf`,
      `/fragments/${roadmap.id}/first-topic`,
    ]) {
      expect((await send('GET', url)).statusCode, `guest ${url}`).toBe(404);
      expect((await send('GET', url, other.session)).statusCode, `other ${url}`).toBe(404);
    }
    for (const url of [
      `/api/v1/roadmaps/${roadmap.id}`,
      `/api/v1/roadmaps/${roadmap.id}/source`,
      `/api/v1/roadmaps/${roadmap.id}/export`,
      `/jsons/roadmaps/${roadmap.id}.json`,
    ]) {
      expectError(await send('GET', url, other.bearer), 404, 'not_found');
      expect((await send('GET', url, owner.bearer)).statusCode, `owner ${url}`).toBe(200);
    }
    // Nor can anyone else change it, or learn that it exists.
    expectError(await send('PATCH', `/api/v1/roadmaps/${roadmap.id}`, other.bearer, { title: 'Mine now' }), 404, 'not_found');
    expectError(await send('PUT', `/api/v1/roadmaps/${roadmap.id}/source`, other.bearer, { files: {}, baseVersion: 1 }), 404, 'not_found');
    expectError(await send('GET', `/api/v1/roadmaps/${roadmap.id}/draft`, other.bearer), 404, 'not_found');
    expectError(await send('DELETE', `/api/v1/roadmaps/${roadmap.id}`, other.bearer), 404, 'not_found');
    expectError(await send('POST', '/api/v1/roadmaps', {}, { title: 'Guest' }), 401, 'unauthenticated');

    const mine = (await send('GET', '/api/v1/me/roadmaps', owner.bearer)).json().roadmaps;
    expect(mine.map((r: { id: string }) => r.id)).toContain(roadmap.id);
    expect((await send('GET', '/api/v1/me/roadmaps', other.bearer)).json().roadmaps).toEqual([]);
  });

  it('forks a roadmap with its structure, texts, FAQ and guide, and says where it came from', async () => {
    const fork = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'My sample', visibility: 'unlisted', forkOf: 'sample' })).json();
    expect(fork).toMatchObject({ title: 'My sample', visibility: 'unlisted', version: 1, forkedFrom: { id: 'sample', version: 1 } });
    const { files } = await source(fork.id);
    const original = (name: string) => fs.readFileSync(path.join(contentDir, 'roadmaps/sample', name), 'utf8');
    for (const name of ['roadmap.yaml', 'topics/alpha.md', 'topics/gamma-one.md', 'faq.md', 'projects/small-server.md']) {
      expect(files[name], name).toBe(original(name));
    }
    // Links to the source's pages lead to the fork's own.
    expect(original('guide.md')).toContain('[Alpha](/sample/alpha)');
    expect(files['guide.md']).toBe(original('guide.md').replaceAll('](/sample/', `](/r/${fork.id}/`));
    expect((await send('GET', `/r/${fork.id}/guide`)).body).toContain(`<a href="/r/${fork.id}/alpha">Alpha</a>`);
    expect(files['roadmap.md']).toContain('\ntitle: "My sample"\n');
    expect(files['roadmap.md']).not.toContain('sitemap');

    // Unlisted: anyone with the link, kept out of search engines and listings.
    const page = await send('GET', `/r/${fork.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-robots-tag']).toBe('noindex');
    expect(page.body).toContain('Forked from <a href="/sample">Sample Developer</a> (version 1), with its content.');
    expect((await send('GET', `/r/${fork.id}/alpha`)).body).toContain('id="topic-title-alpha">Alpha</h1>');
    expect((await send('GET', '/roadmaps')).body).not.toContain(fork.id);
    expect((await send('GET', '/sitemap.xml')).body).not.toContain(fork.id);

    // `other` has no isForkable: true.
    expectError(await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Nope', forkOf: 'other' }), 403, 'forbidden');
    expectError(await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Nope', forkOf: 'no-such-roadmap' }), 404, 'not_found');
  });

  it('publishes a new version, refuses a stale base with 409 and broken files with 422 at file:line', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Versions', forkOf: 'sample' })).json().id;
    const files: Files = (await source(id)).files;
    const changed: Files = { ...files, 'topics/alpha.md': files['topics/alpha.md']!.replace('title: "Alpha"', 'title: "Alpha, revised"') };
    const published = await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: changed, baseVersion: 1, note: 'Clearer title' });
    expect(published.statusCode).toBe(200);
    expect(published.json().version).toBe(2);
    expect((await send('GET', `/r/${id}/alpha`, owner.session)).body).toContain('id="topic-title-alpha">Alpha, revised</h1>');

    const stale = await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: changed, baseVersion: 1 });
    expectError(stale, 409, 'version_conflict');
    expect(stale.json().error.message).toContain('published as version 2 since you loaded version 1');

    const broken = {
      ...changed,
      'topics/beta.md': changed['topics/beta.md']!.replace('prerequisites: ["alpha-one"]', 'prerequisites: ["no-such-topic"]'),
    };
    const refused = await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: broken, baseVersion: 2 });
    expectError(refused, 422, 'invalid_roadmap');
    expect(refused.json().error.issues).toEqual([{ file: 'topics/beta.md', line: 5, message: 'unknown prerequisite "no-such-topic"' }]);
    expect((await source(id)).version).toBe(2);

    const versions = (await send('GET', `/api/v1/roadmaps/${id}/versions`, owner.bearer)).json().versions;
    expect(versions.map((v: { version: number; note: string; current: boolean }) => [v.version, v.note, v.current])).toEqual([
      [2, 'Clearer title', true],
      [1, 'Forked from sample version 1', false],
    ]);
    const restored = await send('POST', `/api/v1/roadmaps/${id}/versions/1/restore`, owner.bearer);
    expect(restored.json().version).toBe(3);
    expect((await source(id)).files['topics/alpha.md']).toBe(files['topics/alpha.md']);
    expectError(await send('POST', `/api/v1/roadmaps/${id}/versions/9/restore`, owner.bearer), 404, 'not_found');
  });

  it('keeps drafts, valid or not, with their problems, until a publish replaces them', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Drafts' })).json().id;
    expectError(await send('GET', `/api/v1/roadmaps/${id}/draft`, owner.bearer), 404, 'not_found');
    const { files } = await source(id);
    const unfinished = { ...files, 'roadmap.yaml': `${files['roadmap.yaml']}      - id: second-topic\n` };
    const saved = await send('PUT', `/api/v1/roadmaps/${id}/draft`, owner.bearer, { files: unfinished, baseVersion: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().issues).toEqual([{ file: 'roadmap.yaml', line: 6, message: 'topic "second-topic" has no file topics/second-topic.md' }]);
    const draft = (await send('GET', `/api/v1/roadmaps/${id}/draft`, owner.bearer)).json();
    expect(draft).toMatchObject({ baseVersion: 1, files: unfinished });
    // The pages still show the published version.
    expect((await send('GET', `/r/${id}/second-topic`, owner.session)).statusCode).toBe(404);

    const preview = (await send('POST', `/api/v1/roadmaps/${id}/preview`, owner.bearer, { files, topicId: 'first-topic' })).json();
    expect(preview.issues).toEqual([]);
    expect(preview.diagram).toContain('First topic');
    expect(preview.topic).toContain('id="topic-title-first-topic">First topic</h2>');

    const finished = {
      ...unfinished,
      'topics/second-topic.md': '---\ntitle: Second topic\nlevel: beginner\nhours: 2\nprerequisites: [first-topic]\nresources: []\n---\n\nNext.\n',
    };
    expect((await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: finished, baseVersion: 1 })).json().version).toBe(2);
    expectError(await send('GET', `/api/v1/roadmaps/${id}/draft`, owner.bearer), 404, 'not_found');
    // A draft against the old version is refused rather than kept beside the new one.
    expectError(await send('PUT', `/api/v1/roadmaps/${id}/draft`, owner.bearer, { files: unfinished, baseVersion: 1 }), 409, 'version_conflict');
  });

  it('sanitises a user roadmap’s Markdown exactly like official content', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Hostile', visibility: 'public' })).json().id;
    const { files } = await source(id);
    const hostile = {
      ...files,
      'topics/first-topic.md': files['topics/first-topic.md']!.replace(
        'Write what',
        '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> Write what',
      ),
    };
    expect((await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: hostile, baseVersion: 1 })).statusCode).toBe(200);
    const page = (await send('GET', `/r/${id}/first-topic`)).body;
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('href="javascript:');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lists and finds public roadmaps, and answers 410 once one is deleted', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Kubernetes operators', visibility: 'private' })).json().id;
    expect((await send('GET', '/roadmaps?q=operators')).body).not.toContain(id);
    const patched = await send('PATCH', `/api/v1/roadmaps/${id}`, owner.bearer, { visibility: 'public', title: 'Kubernetes operators in practice' });
    expect(patched.json()).toMatchObject({ visibility: 'public', title: 'Kubernetes operators in practice', version: 2 });
    const listing = (await send('GET', '/roadmaps?q=operators%20practice')).body;
    expect(listing).toContain(`<a href="/r/${id}">Kubernetes operators in practice</a>`);
    expect(listing).toContain('by ada');
    expect((await send('GET', '/roadmaps?q=zebra')).body).not.toContain(id);
    expect((await send('GET', `/r/${id}`)).headers['x-robots-tag']).toBeUndefined();
    expect((await send('GET', '/sitemap.xml')).body).toContain(`/r/${id}</loc>`);

    expect((await send('DELETE', `/api/v1/roadmaps/${id}`, owner.bearer)).statusCode).toBe(204);
    const gone = await send('GET', `/r/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('This roadmap was deleted by its owner.');
    expect((await send('GET', `/r/${id}/first-topic`)).statusCode).toBe(410);
    expectError(await send('GET', `/api/v1/roadmaps/${id}/source`), 410, 'gone');
    expect((await send('GET', '/roadmaps?q=operators')).body).not.toContain(id);
    expect((await send('GET', '/sitemap.xml')).body).not.toContain(id);
  });

  it('hides a roadmap made private at once, from every answer a guest had before', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Soon private', visibility: 'public' })).json().id;
    const urls = [
      `/r/${id}`,
      `/r/${id}/first-topic`,
      `/jsons/roadmaps/${id}.json`,
      `/api/v1/roadmaps/${id}`,
      `/og/roadmaps/${id}.png`,
      `/r/${id}/embed`,
    ];
    // Twice: the second answer comes from the front cache.
    for (const url of [...urls, ...urls]) expect((await send('GET', url)).statusCode, url).toBe(200);
    expect((await send('GET', `/jsons/roadmaps/${id}.json`)).headers['cache-control']).toBe('no-cache');
    await send('PATCH', `/api/v1/roadmaps/${id}`, owner.bearer, { visibility: 'private' });
    for (const url of urls) expect((await send('GET', url)).statusCode, url).toBe(404);
    for (const url of urls) expect((await send('GET', url, owner.session)).statusCode, url).toBe(200);
  });

  it('keeps the draft when the roadmap is renamed, with the new title and on the new version', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Draft kept' })).json().id;
    const { files } = await source(id);
    const work = { ...files, 'topics/first-topic.md': files['topics/first-topic.md']!.replace('Write what', 'Unpublished work: write what') };
    await send('PUT', `/api/v1/roadmaps/${id}/draft`, owner.bearer, { files: work, baseVersion: 1 });
    expect((await send('PATCH', `/api/v1/roadmaps/${id}`, owner.bearer, { title: 'Draft kept, renamed' })).json().version).toBe(2);
    const draft = (await send('GET', `/api/v1/roadmaps/${id}/draft`, owner.bearer)).json();
    expect(draft.baseVersion).toBe(2);
    expect(draft.files['topics/first-topic.md']).toContain('Unpublished work');
    expect(draft.files['roadmap.md']).toContain('title: Draft kept, renamed');
    // The same files again make no new version.
    expect(
      (await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: (await source(id)).files, baseVersion: 2 })).json().version,
    ).toBe(2);
  });

  it('exports a roadmap anyone may see as content-format files', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Exported', visibility: 'unlisted', forkOf: 'sample' })).json().id;
    const response = await send('GET', `/api/v1/roadmaps/${id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${id}-v1.tar.gz"`);
    const unpacked = await unpackRoadmap(response.rawPayload);
    expect(unpacked.id).toBe(id);
    expect(unpacked.files['topics/alpha.md']).toBe((await source(id)).files['topics/alpha.md']);
    expect(unpacked.files['roadmap.md']).toContain('checks: structural');
    const official = await unpackRoadmap((await send('GET', '/api/v1/roadmaps/sample/export')).rawPayload);
    expect(official.files['roadmap.md']).not.toContain('checks: structural');
  });

  it('refuses what is too large or too many with a clear 413 or 422', async () => {
    const id = (await send('POST', '/api/v1/roadmaps', owner.bearer, { title: 'Limits' })).json().id;
    const { files } = await source(id);
    const fat = { ...files, 'topics/first-topic.md': `${files['topics/first-topic.md']}${'word '.repeat(4200)}\n` };
    const refused = await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: fat, baseVersion: 1 });
    expectError(refused, 422, 'invalid_roadmap');
    expect(refused.json().error.issues).toEqual([
      { file: 'topics/first-topic.md', line: 1, message: 'a topic file may be at most 20 KB; this one is 21 KB' },
    ]);

    const many: Files = { ...files };
    for (let i = 0; i < 320; i++)
      many[`topics/t-${i}.md`] = `---\ntitle: T ${i}\nlevel: beginner\nhours: 1\nprerequisites: []\nresources: []\n---\n\n${'x'.repeat(19_900)}\n`;
    expectError(await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: many, baseVersion: 1 }), 413, 'roadmap_too_large');

    const oddName = await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: { ...files, '../etc/passwd': 'x' }, baseVersion: 1 });
    expectError(oddName, 422, 'invalid_roadmap');
    expect(oddName.json().error.issues[0]).toMatchObject({ file: '../etc/passwd', line: 1 });

    // A YAML alias bomb, and nesting deep enough to exhaust the stack, are problems at a line, not crashes.
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) laughs.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => (i === 1 ? '*a' : `*l${i - 1}`)).join(', ')}]`);
    for (const [yaml, message] of [
      [`${laughs.join('\n')}\nsections: []\n`, 'invalid YAML: Excessive alias count indicates a resource exhaustion attack'],
      [`sections: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 'invalid YAML: nested too deeply to read'],
    ]) {
      const draft = await send('PUT', `/api/v1/roadmaps/${id}/draft`, owner.bearer, { files: { ...files, 'roadmap.yaml': yaml }, baseVersion: 1 });
      expect(draft.statusCode, draft.body).toBe(200);
      expect(draft.json().issues).toEqual([{ file: 'roadmap.yaml', line: 1, message }]);
      expectError(
        await send('PUT', `/api/v1/roadmaps/${id}/source`, owner.bearer, { files: { ...files, 'roadmap.yaml': yaml }, baseVersion: 1 }),
        422,
        'invalid_roadmap',
      );
    }

    const importRefused = await send('POST', '/api/v1/roadmaps/import', owner.bearer, { format: 'roadmap.sh', json: '{"hello": "world"}' });
    expectError(importRefused, 422, 'invalid_import');
    const huge = await send('POST', '/api/v1/roadmaps/import', owner.bearer, { format: 'roadmap.sh', json: 'x'.repeat(2_200_000) });
    expectError(huge, 413, 'roadmap_too_large');

    // The 50th roadmap is the last one an account may own.
    const count = (await send('GET', '/api/v1/me/roadmaps', other.bearer)).json().roadmaps.length;
    const rows = Array.from({ length: 50 - count }, (_, i) => ({
      id: `filler-${i}-${other.row.id.slice(0, 6)}`.toLowerCase().replace(/[^a-z0-9-]/g, ''),
      owner_id: other.row.id,
      title: `Filler ${i}`,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    }));
    await db
      .insertInto('user_roadmaps')
      .values(
        rows.map((r) => ({
          ...r,
          forked_from_id: null,
          forked_from_hash: null,
          draft_files: null,
          draft_updated_at: null,
          draft_base_version: null,
          forked_from_version: null,
          upstream_files: null,
          deleted_at: null,
        })),
      )
      .execute();
    const fifty = await send('POST', '/api/v1/roadmaps', other.bearer, { title: 'One too many' });
    expectError(fifty, 422, 'limit_reached');
    expect(fifty.json().error.message).toBe('An account may own at most 50 roadmaps; delete one to make room.');
  });

  it('lets any site frame the embed, and no other page', async () => {
    const embed = await send('GET', '/sample/embed');
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.body).toContain('<base target="_blank"/>');
    expect(embed.body).toContain('Track your progress on Milepost');
    const page = await send('GET', '/sample');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain('/sample/embed&quot; title=&quot;Sample Developer roadmap&quot;');
  });
});
