import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import tar, { type Header } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { memoryIo } from '../../test/cli/support/memory-io.js';
import { validateCommand } from '../cli/commands/validate.js';
import { filesForExport, packRoadmap, readRoadmapFolder, RoadmapArchiveError, unpackRoadmap } from './roadmap-archive.js';
import { splitFrontMatter } from './yaml-source.js';

const BACKEND = path.resolve(import.meta.dirname, '../../content/roadmaps/backend');

/** A roadmap a user could publish: structurally sound, far below the editorial bars (short bodies, no resources). */
const TINY: Record<string, string> = {
  'roadmap.md': '---\nversion: 1\nbriefTitle: Tiny\nbriefDescription: A tiny roadmap.\ntitle: Tiny Roadmap\ndescription: Two topics.\n---\n\nA small start.\n',
  'roadmap.yaml': 'sections:\n  - id: start\n    title: Start\n    topics:\n      - id: first-steps\n      - id: next-steps\n',
  'topics/first-steps.md': '---\ntitle: First steps\nlevel: beginner\nhours: 1\nprerequisites: []\nresources: []\n---\n\nBegin here.\n',
  'topics/next-steps.md': '---\ntitle: Next steps\nlevel: beginner\nhours: 2\nprerequisites: [first-steps]\nresources: []\n---\n\nThen go on.\n',
};

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the files as the content folder `<tmp>/roadmaps/<id>/` and returns `<tmp>`. */
function writeContent(id: string, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-archive-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, 'roadmaps', id, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

function validate(dir: string) {
  const io = memoryIo();
  return { code: validateCommand(dir, io), io };
}

/** A .tar.gz with exactly these entries, as another tool (or an attacker) might write it. */
async function handMadeArchive(entries: { header: Partial<Header> & { name: string }; body?: string | Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const { header, body } of entries) pack.entry(header, body ?? '');
  pack.finalize();
  const chunks: Buffer[] = [];
  await pipeline(pack, createGzip(), async (gzipped: AsyncIterable<Buffer>) => {
    for await (const chunk of gzipped) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

const file = (name: string, body = 'text') => ({ header: { name, type: 'file' as const, size: Buffer.byteLength(body) }, body });

describe('roadmap archives', () => {
  it('packs the Backend roadmap and reads back the same files, byte for byte the same archive each time', async () => {
    const files = readRoadmapFolder(BACKEND);
    expect(Object.keys(files)).toContain('roadmap.md');
    expect(Object.keys(files).every((name) => /^(roadmap\.(md|yaml)|faq\.md|guide\.md|(topics|projects|questions)\/.+)$/.test(name))).toBe(true);
    const archive = await packRoadmap('backend', files);
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await packRoadmap('backend', files)).equals(archive)).toBe(true);
    const unpacked = await unpackRoadmap(archive);
    expect(unpacked.id).toBe('backend');
    expect(unpacked.files).toEqual(files);
  });

  it('unpacks the Backend roadmap into a folder the validator accepts', async () => {
    const { id, files } = await unpackRoadmap(await packRoadmap('backend', filesForExport(readRoadmapFolder(BACKEND), { structuralOnly: false })));
    const { code, io } = validate(writeContent(id, files));
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout.at(-1)).toBe('Content is valid.');
  });

  it('marks a user roadmap `checks: structural`, so it validates as official content although it misses the editorial bars', async () => {
    const refused = validate(writeContent('tiny', TINY));
    expect(refused.code).toBe(1);
    expect(refused.io.stderr.join('\n')).toMatch(/resources/);

    const exported = filesForExport(TINY, { structuralOnly: true });
    const { id, files } = await unpackRoadmap(await packRoadmap('tiny', exported));
    const accepted = validate(writeContent(id, files));
    expect(accepted.io.stderr).toEqual([]);
    expect(accepted.code).toBe(0);
  });

  it('adds `checks: structural` to roadmap.md and keeps every other key, comment, file and the body', () => {
    const original = TINY['roadmap.md']?.replace('version: 1\n', 'version: 1 # bumped on breaking changes\nchecks: editorial\n') ?? '';
    const exported = filesForExport({ ...TINY, 'roadmap.md': original, 'notes.txt': 'not a roadmap file' }, { structuralOnly: true });
    expect(Object.keys(exported)).toEqual(Object.keys(TINY).sort());
    const { frontMatter, body } = splitFrontMatter(exported['roadmap.md'] ?? '');
    expect(parse(frontMatter ?? '')).toEqual({ ...parse(splitFrontMatter(original).frontMatter ?? ''), checks: 'structural' });
    expect(frontMatter).toContain('# bumped on breaking changes');
    expect(body).toBe('\nA small start.\n');
    expect(exported['topics/first-steps.md']).toBe(TINY['topics/first-steps.md']);
    expect(filesForExport(TINY, { structuralOnly: false })).toEqual(TINY);
  });

  it('refuses entries that would land outside the roadmap folder', async () => {
    const cases: [string, RegExp][] = [
      ['../evil', /archive entry "\.\.\/evil": contains "\." or "\.\." segments/],
      ['roadmaps/tiny/../../evil', /contains "\." or "\.\." segments/],
      ['/etc/cron.d/evil', /archive entry "\/etc\/cron\.d\/evil": is an absolute path/],
      ['evil.md', /is outside roadmaps\/<id>\//],
      ['roadmaps/Not_An_Id/roadmap.md', /is outside roadmaps\/<id>\//],
    ];
    for (const [name, message] of cases) {
      await expect(unpackRoadmap(await handMadeArchive([file('roadmaps/tiny/roadmap.md'), file(name)]))).rejects.toThrow(message);
    }
    await expect(unpackRoadmap(await handMadeArchive([file('roadmaps/tiny/roadmap.md'), file('roadmaps/other/roadmap.md')]))).rejects.toThrow(
      'archive entry "roadmaps/other/roadmap.md": is outside roadmaps/tiny/; an archive holds one roadmap',
    );
  });

  it('refuses links and other entries that are not regular files', async () => {
    const symlink = { header: { name: 'roadmaps/tiny/topics/first-steps.md', type: 'symlink' as const, linkname: '/etc/passwd' } };
    await expect(unpackRoadmap(await handMadeArchive([file('roadmaps/tiny/roadmap.md'), symlink]))).rejects.toThrow(
      'archive entry "roadmaps/tiny/topics/first-steps.md": is a symlink; only regular files are accepted',
    );
    const hardLink = { header: { name: 'roadmaps/tiny/roadmap.yaml', type: 'link' as const, linkname: 'roadmaps/tiny/roadmap.md' } };
    await expect(unpackRoadmap(await handMadeArchive([file('roadmaps/tiny/roadmap.md'), hardLink]))).rejects.toThrow(/is a link; only regular files/);
    const folder = { header: { name: 'roadmaps/tiny/topics', type: 'directory' as const } };
    await expect(unpackRoadmap(await handMadeArchive([folder]))).rejects.toThrow(/is a directory; only regular files/);
  });

  it('refuses more than 1,000 entries and more than 5 MB of content', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => file(`roadmaps/tiny/topics/t${i}.md`, 'x'));
    await expect(unpackRoadmap(await handMadeArchive(many))).rejects.toThrow('the archive holds more than 1000 entries');
    const big = 'x'.repeat(3 * 1024 * 1024);
    await expect(unpackRoadmap(await handMadeArchive([file('roadmaps/tiny/faq.md', big), file('roadmaps/tiny/guide.md', big)]))).rejects.toThrow(
      'the archive unpacks to more than 5242880 bytes',
    );
    // A small gzip that inflates to 50 MB of tar padding is stopped long before it is all read.
    await expect(unpackRoadmap(gzipSync(Buffer.alloc(50 * 1024 * 1024)))).rejects.toThrow(/^the archive unpacks to more than \d+ bytes of tar data$/);
  });

  it('refuses data that is not a gzipped tar, duplicate names and text that is not UTF-8', async () => {
    await expect(unpackRoadmap(Buffer.from('not an archive'))).rejects.toThrow(/^not a readable \.tar\.gz archive/);
    await expect(unpackRoadmap(gzipSync(Buffer.alloc(700, 7)))).rejects.toBeInstanceOf(RoadmapArchiveError);
    await expect(unpackRoadmap(await handMadeArchive([]))).rejects.toThrow('the archive holds no roadmap files under roadmaps/<id>/');
    await expect(unpackRoadmap(await handMadeArchive([file('roadmaps/tiny/faq.md'), file('roadmaps/tiny/faq.md')]))).rejects.toThrow(
      'archive entry "roadmaps/tiny/faq.md": appears twice',
    );
    const latin1 = { header: { name: 'roadmaps/tiny/faq.md', type: 'file' as const, size: 1 }, body: Buffer.from([0xe9]) };
    await expect(unpackRoadmap(await handMadeArchive([latin1]))).rejects.toThrow('archive entry "roadmaps/tiny/faq.md": is not UTF-8 text');
  });

  it('never writes an archive it would refuse to read', async () => {
    await expect(packRoadmap('../etc', TINY)).rejects.toThrow('"../etc" is not a roadmap id');
    await expect(packRoadmap('tiny', { ...TINY, '../evil.md': 'x' })).rejects.toThrow('file "../evil.md": contains "." or ".." segments');
  });
});
