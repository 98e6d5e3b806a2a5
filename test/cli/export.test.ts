import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportCommand } from '../../src/cli/commands/export.js';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { runCli } from '../../src/cli/index.js';
import { readRoadmapFolder, unpackRoadmap } from '../../src/content/roadmap-archive.js';
import { splitFrontMatter } from '../../src/content/yaml-source.js';
import { DIALECTS } from '../helpers/databases.js';
import { createSignedInUser } from '../helpers/signed-in-user.js';
import { useDatabase } from '../helpers/test-app.js';
import { memoryIo } from './support/memory-io.js';

const CONTENT = path.resolve(import.meta.dirname, '../../content');

/** A roadmap as a user publishes it: structurally sound, below the editorial bars (short bodies, no resources). */
const TINY: Record<string, string> = {
  'roadmap.md':
    '---\nversion: 1\nbriefTitle: Notes\nbriefDescription: My notes.\ntitle: My Notes\ndescription: Two topics.\n---\n\nWhere I started.\n',
  'roadmap.yaml': 'sections:\n  - id: start\n    title: Start\n    topics:\n      - id: first-steps\n      - id: next-steps\n',
  'topics/first-steps.md': '---\ntitle: First steps\nlevel: beginner\nhours: 1\nprerequisites: []\nresources: []\n---\n\nBegin here.\n',
  'topics/next-steps.md': '---\ntitle: Next steps\nlevel: beginner\nhours: 2\nprerequisites: [first-steps]\nresources: []\n---\n\nThen go on.\n',
};

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-export-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let serial = 0;
const archivePath = () => path.join(scratch, `export-${++serial}`, 'roadmap.tar.gz');

/** Unpacks an exported file into a fresh content folder and runs `milepost validate` on it. */
async function unpackAndValidate(file: string) {
  const { id, files } = await unpackRoadmap(fs.readFileSync(file));
  const dir = path.join(scratch, `content-${++serial}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'roadmaps', id, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'roadmaps', id, name), text);
  }
  const io = memoryIo();
  return { id, files, code: validateCommand(dir, io), stderr: io.stderr };
}

describe('milepost export of an official roadmap', () => {
  // An explicit environment: the test runner's own variables are not Milepost's.
  const env = { CONTENT_DIR: CONTENT, DATABASE_URL: 'sqlite::memory:' };

  it('writes the Backend roadmap from the content folder as an archive that validates once unpacked', async () => {
    const file = archivePath();
    const io = memoryIo();
    expect(await runCli(['export', 'backend', file], io, env)).toBe(0);
    const original = readRoadmapFolder(path.join(CONTENT, 'roadmaps/backend'));
    expect(io.stdout).toEqual([
      `Exported official roadmap backend to ${file}: ${Object.keys(original).length} files, ${fs.statSync(file).size} bytes.`,
    ]);
    const unpacked = await unpackAndValidate(file);
    expect(unpacked.stderr).toEqual([]);
    expect(unpacked.code).toBe(0);
    expect(unpacked.id).toBe('backend');
    expect(unpacked.files).toEqual(original);
  });

  it('refuses to overwrite a file unless --force is given', async () => {
    const file = archivePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'precious');
    const io = memoryIo();
    expect(await runCli(['export', 'backend', file], io, env)).toBe(1);
    expect(io.stderr).toEqual([`${file} already exists; pass --force to overwrite it.`]);
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
    expect(await runCli(['export', 'backend', file, '--force'], memoryIo(), env)).toBe(0);
    expect((await unpackRoadmap(fs.readFileSync(file))).id).toBe('backend');
  });

  it('lists the command in the help', async () => {
    const io = memoryIo();
    expect(await runCli(['help'], io, env)).toBe(0);
    expect(io.stdout.join('\n')).toContain('export <id> <file> [--force]');
  });
});

describe.each(DIALECTS)('milepost export of a user roadmap on $name', ({ create }) => {
  const env = useDatabase(create, { migrated: true });
  const run = async (args: string[]) => {
    const io = memoryIo();
    const code = await exportCommand(args, { config: { database: env.testDb.config, contentDir: CONTENT }, io });
    return { code, io };
  };
  const T = '2026-12-01T10:00:00.000Z';

  /** A user roadmap row and its published versions, written as the editor stores them. */
  const insertRoadmap = async (id: string, versions: Record<string, string>[], deleted = false) => {
    const owner = await createSignedInUser(env.db);
    await env.db
      .insertInto('user_roadmaps')
      .values({
        id,
        owner_id: owner.row.id,
        title: 'My Notes',
        visibility: 'private',
        forked_from_id: null,
        forked_from_hash: null,
        current_version: versions.length,
        draft_files: null,
        draft_updated_at: null,
        created_at: T,
        updated_at: T,
        deleted_at: deleted ? T : null,
      })
      .execute();
    for (const [i, files] of versions.entries()) {
      await env.db
        .insertInto('user_roadmap_versions')
        .values({ roadmap_id: id, version: i + 1, hash: `hash-${i + 1}`, files: JSON.stringify(files), note: null, created_at: T })
        .execute();
    }
  };

  it('exports the current version, marked `checks: structural`, as an archive that validates once unpacked', async () => {
    const older = { ...TINY, 'topics/next-steps.md': TINY['topics/next-steps.md']?.replace('Then go on.', 'An older text.') ?? '' };
    await insertRoadmap('my-notes', [older, TINY]);
    const file = archivePath();
    const { code, io } = await run(['my-notes', file]);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout).toEqual([`Exported user roadmap my-notes to ${file}: 4 files, ${fs.statSync(file).size} bytes.`]);

    const unpacked = await unpackAndValidate(file);
    expect(unpacked.stderr).toEqual([]);
    expect(unpacked.code).toBe(0);
    expect(unpacked.id).toBe('my-notes');
    expect(unpacked.files['topics/next-steps.md']).toContain('Then go on.');
    const { frontMatter, body } = splitFrontMatter(unpacked.files['roadmap.md'] ?? '');
    expect(parse(frontMatter ?? '')).toMatchObject({ title: 'My Notes', version: 1, checks: 'structural' });
    expect(body).toBe('\nWhere I started.\n');
  });

  it('answers exit 1 with a clear message for an unknown, deleted or unpublished roadmap, and writes nothing', async () => {
    await insertRoadmap('gone-notes', [TINY], true);
    await insertRoadmap('unpublished', []);
    for (const id of ['no-such-roadmap', 'gone-notes', 'unpublished', '../content']) {
      const file = archivePath();
      const { code, io } = await run([id, file]);
      expect(code).toBe(1);
      expect(io.stderr).toEqual([`No roadmap "${id}": it is neither an official roadmap in ${CONTENT} nor a published user roadmap.`]);
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('explains its usage when the file is missing', async () => {
    await expect(run(['my-notes'])).rejects.toThrow('Usage: milepost export <roadmap-id> <file> [--force]');
  });
});
