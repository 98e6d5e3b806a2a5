import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readWholeFolder, removeDir, topicFile, writeSampleContent } from '../../test/helpers/content-fixture.js';
import { DIALECTS } from '../../test/helpers/databases.js';
import { useDatabase } from '../../test/helpers/test-app.js';
import { createSignedInUser, type TestUser } from '../../test/helpers/signed-in-user.js';
import { contentHash, MemoryFiles } from '../content/roadmap-files.js';
import { LocalChangeFeed } from '../infra/change-feed.js';
import type { Visibility } from './catalog-entry.js';
import { RoadmapCatalog } from './roadmap-catalog.js';
import { UserRoadmapRepository } from './user-roadmap-repository.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(DIALECTS)('roadmap catalog on $name', ({ create }) => {
  const env = useDatabase(create, { migrated: true });
  let contentDir: string;
  let catalog: RoadmapCatalog;
  let owner: TestUser;
  let stranger: TestUser;
  let files: Record<string, string>;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    files = readWholeFolder(path.join(contentDir, 'roadmaps/sample'));
    owner = await createSignedInUser(env.db);
    stranger = await createSignedInUser(env.db);
  });
  beforeEach(() => {
    catalog = RoadmapCatalog.open({ contentDir, db: env.db, feed: new LocalChangeFeed(), log: silent });
  });
  afterAll(() => removeDir(contentDir));

  const addUserRoadmap = async (id: string, visibility: Visibility) => {
    const repository = new UserRoadmapRepository(env.db);
    await repository.create({ id, ownerId: owner.row.id, title: `Roadmap ${id}`, visibility });
    await repository.publish(id, files, contentHash(new MemoryFiles(files)));
    return repository;
  };

  it('answers the official roadmaps in home page order, with a content hash per version', async () => {
    expect(catalog.officialEntries().map((e) => e.id)).toEqual(['other', 'sample']);
    const sample = await catalog.get('sample');
    expect(sample).toMatchObject({ id: 'sample', source: 'official', visibility: 'public', version: 1, ownerId: null });
    expect(sample?.hash).toMatch(/^[\w-]{16}$/);
    expect(sample?.hash).toBe(contentHash(new MemoryFiles(files)));
    expect(await catalog.get('nowhere')).toBeUndefined();
  });

  it('shows a private user roadmap to its owner only, an unlisted one to anyone with the link, and lists only public ones', async () => {
    await addUserRoadmap('k7private01', 'private');
    await addUserRoadmap('k7unlisted1', 'unlisted');
    await addUserRoadmap('k7public001', 'public');
    expect(await catalog.get('k7private01')).toBeUndefined();
    expect(await catalog.get('k7private01', { userId: stranger.row.id })).toBeUndefined();
    const own = await catalog.get('k7private01', { userId: owner.row.id });
    expect(own).toMatchObject({ source: 'user', visibility: 'private', version: 1, ownerId: owner.row.id });
    expect(own?.roadmap.order).toHaveLength(7);
    expect((await catalog.get('k7unlisted1'))?.visibility).toBe('unlisted');
    const listed = (await catalog.listed()).map((e) => e.id);
    expect(listed).toContain('k7public001');
    expect(listed).not.toContain('k7unlisted1');
    expect(listed).not.toContain('k7private01');
    expect(listed.slice(0, 2)).toEqual(['other', 'sample']);
  });

  it('keeps derived artefacts per version: unchanged versions stay cached, a new version is built afresh', async () => {
    const repository = await addUserRoadmap('k7versions1', 'public');
    let builds = 0;
    const first = await catalog.get('k7versions1');
    const build = () => ({ n: ++builds });
    const a = catalog.derived.get(first!, 'thing', build);
    expect(catalog.derived.get((await catalog.get('k7versions1'))!, 'thing', build)).toBe(a);
    const changed = { ...files, 'topics/alpha.md': topicFile('alpha', { title: 'Alpha renamed', hours: 3 }) };
    await repository.publish('k7versions1', changed, contentHash(new MemoryFiles(changed)));
    await catalog.roadmapChanged('k7versions1');
    const second = await catalog.get('k7versions1');
    expect(second?.version).toBe(2);
    expect(second?.hash).not.toBe(first?.hash);
    expect(second?.roadmap.topics.get('alpha')?.title).toBe('Alpha renamed');
    expect(catalog.derived.get(second!, 'thing', build)).toEqual({ n: 2 });
    // What roadmap X is at version V: the first version is still there.
    expect((await catalog.atVersion('k7versions1', 1))?.roadmap.topics.get('alpha')?.title).toBe('Alpha');
    expect(await catalog.atVersion('k7versions1', 9)).toBeUndefined();
  });

  it('reloads the content folder: a valid edit is served at once, a broken one changes nothing', async () => {
    const dir = writeSampleContent();
    try {
      const own = RoadmapCatalog.open({ contentDir: dir, db: env.db, feed: new LocalChangeFeed(), log: silent });
      const before = await own.get('sample');
      const heard: string[][] = [];
      own.onChange((ids) => heard.push(ids));
      expect(await own.reload()).toEqual({ ok: true, issues: [], changed: [] });

      fs.writeFileSync(
        path.join(dir, 'roadmaps/sample/topics/beta.md'),
        topicFile('beta', { title: 'Beta, second edition', prerequisites: ['alpha-one'], hours: 4.5 }),
      );
      expect(await own.reload()).toEqual({ ok: true, issues: [], changed: ['sample'] });
      const after = await own.get('sample');
      expect(after?.hash).not.toBe(before?.hash);
      expect(after?.roadmap.topics.get('beta')?.title).toBe('Beta, second edition');
      expect(heard).toEqual([['sample']]);

      fs.writeFileSync(path.join(dir, 'roadmaps/sample/topics/gamma.md'), '---\ntitle: Gamma\nlevel: expert\n---\nBody.\n');
      const refused = await own.reload();
      expect(refused.ok).toBe(false);
      expect(refused.issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toContain(
        'roadmaps/sample/topics/gamma.md:3: level: must be one of "beginner", "intermediate", "advanced"',
      );
      expect((await own.get('sample'))?.hash).toBe(after?.hash);
      expect(heard).toHaveLength(1);
    } finally {
      removeDir(dir);
    }
  });
});
