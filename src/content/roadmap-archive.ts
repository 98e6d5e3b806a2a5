/**
 * A roadmap as one `.tar.gz` of content-format files, laid out as `roadmaps/<id>/…` so that
 * unpacking it into a content folder gives a roadmap the validator and the server read as they
 * are. Exports write it; imports read it back, so reading refuses anything that could escape
 * the roadmap's folder or exhaust the server.
 */
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { isMap, parseDocument } from 'yaml';
import { isId } from '../shared/ids.js';
import { FolderFiles, isRoadmapFileName } from './roadmap-files.js';
import { splitFrontMatter } from './yaml-source.js';

/** Most entries an archive may hold. */
export const MAX_ARCHIVE_ENTRIES = 1000;
/** Most bytes of file content an archive may unpack to. */
export const MAX_ARCHIVE_BYTES = 5 * 1024 * 1024;
/**
 * Most bytes of tar stream read after decompression: the content plus headers, padding and the
 * extended headers other tools add. It stops a small gzip that inflates without end (padding,
 * huge extended headers) before tar-stream buffers it.
 */
const MAX_TAR_BYTES = MAX_ARCHIVE_BYTES + MAX_ARCHIVE_ENTRIES * 4096 + 64 * 1024;

/** Every entry gets the same metadata, so equal files always give equal bytes. */
const ENTRY_HEADER = { type: 'file', mode: 0o644, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' } as const;

/** A refused or unreadable archive: the importer's fault, never the server's. */
export class RoadmapArchiveError extends Error {
  override readonly name = 'RoadmapArchiveError';
}

/** Files of a roadmap folder on disk, as the loader sees them (only names for which isRoadmapFileName is true). */
export function readRoadmapFolder(dir: string): Record<string, string> {
  const folder = new FolderFiles(dir);
  const files: Record<string, string> = {};
  for (const name of folder.names()) {
    const text = folder.read(name);
    if (text !== null) files[name] = text;
  }
  return files;
}

/**
 * The files to export, sorted, without names that are not roadmap files. For a roadmap held to
 * the structural rules only (user roadmaps), roadmap.md's front matter gains `checks: structural`
 * so the unpacked folder validates as an official roadmap; its other keys, comments and the body
 * are kept.
 */
export function filesForExport(files: Record<string, string>, options: { structuralOnly: boolean }): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of Object.keys(files).filter(isRoadmapFileName).sort()) kept[name] = files[name] ?? '';
  const main = kept['roadmap.md'];
  if (options.structuralOnly && main !== undefined) kept['roadmap.md'] = withStructuralChecks(main);
  return kept;
}

function withStructuralChecks(text: string): string {
  const { frontMatter, body } = splitFrontMatter(text);
  const doc = parseDocument(frontMatter ?? '');
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    throw new Error('roadmap.md: the front matter is not a YAML mapping, so `checks: structural` cannot be added to it');
  }
  doc.set('checks', 'structural');
  // lineWidth 0: never fold the long descriptions of the other keys onto new lines.
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body}`;
}

/**
 * A gzipped tar holding `roadmaps/<id>/<name>` for every file, plus nothing else; deterministic
 * (fixed mtime, mode 0644, sorted names) so the same roadmap gives the same bytes. Refuses what
 * unpackRoadmap would refuse, so every export can be imported again.
 */
export async function packRoadmap(id: string, files: Record<string, string>): Promise<Buffer> {
  if (!isId(id)) throw new RoadmapArchiveError(`"${id}" is not a roadmap id (lower-case kebab-case, at most 64 characters)`);
  const names = Object.keys(files).sort();
  if (names.length > MAX_ARCHIVE_ENTRIES) throw new RoadmapArchiveError(`the roadmap has ${names.length} files; an archive holds at most ${MAX_ARCHIVE_ENTRIES}`);
  const entries = names.map((name) => {
    const problem = pathProblem(name);
    if (problem) throw new RoadmapArchiveError(`file "${name}": ${problem}`);
    return { name, body: Buffer.from(files[name] ?? '', 'utf8') };
  });
  const total = entries.reduce((sum, { body }) => sum + body.length, 0);
  if (total > MAX_ARCHIVE_BYTES) throw new RoadmapArchiveError(`the roadmap's files come to ${total} bytes; an archive holds at most ${MAX_ARCHIVE_BYTES}`);

  const pack = tar.pack();
  for (const { name, body } of entries) pack.entry({ ...ENTRY_HEADER, name: `roadmaps/${id}/${name}`, size: body.length }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  await pipeline(pack, createGzip(), async (gzipped: AsyncIterable<Buffer>) => {
    for await (const chunk of gzipped) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/**
 * Reads an archive made by packRoadmap (or by hand, in the same layout) back into a roadmap id
 * and its files. Names inside the folder that are not roadmap files are skipped, as the loader
 * skips them. Throws a RoadmapArchiveError for entries outside `roadmaps/<id>/`, `..`, absolute
 * paths, links and other non-files, more than 1,000 entries, more than 5 MB unpacked, text that
 * is not UTF-8, or data that is not a gzipped tar.
 */
export async function unpackRoadmap(archive: Buffer): Promise<{ id: string; files: Record<string, string> }> {
  const extract = tar.extract();
  // Settles with the stream error, if any, so a refusal below never leaves a rejection unhandled.
  const fed = pipeline(Readable.from([archive]), createGunzip(), byteLimit(MAX_TAR_BYTES), extract).then(
    () => null,
    (error: unknown) => error,
  );
  try {
    const result = await readEntries(extract);
    const failure = await fed;
    if (failure) throw failure;
    return result;
  } catch (error) {
    await fed;
    if (error instanceof RoadmapArchiveError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RoadmapArchiveError(`not a readable .tar.gz archive (${reason})`, { cause: error });
  }
}

async function readEntries(extract: tar.Extract): Promise<{ id: string; files: Record<string, string> }> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const files: Record<string, string> = {};
  let id: string | null = null;
  let entries = 0;
  let bytes = 0;
  for await (const entry of extract) {
    const { header } = entry;
    const refuse = (problem: string) => new RoadmapArchiveError(`archive entry "${header.name}": ${problem}`);
    entries += 1;
    if (entries > MAX_ARCHIVE_ENTRIES) throw new RoadmapArchiveError(`the archive holds more than ${MAX_ARCHIVE_ENTRIES} entries`);
    if (header.type !== 'file') throw refuse(`is a ${header.type ?? 'special entry'}; only regular files are accepted`);
    const [top, entryId, ...rest] = header.name.split('/');
    const problem = pathProblem(header.name) ?? (top === 'roadmaps' && isId(entryId) && rest.length > 0 ? null : 'is outside roadmaps/<id>/');
    if (problem || entryId === undefined) throw refuse(problem ?? 'is outside roadmaps/<id>/');
    if (id !== null && entryId !== id) throw refuse(`is outside roadmaps/${id}/; an archive holds one roadmap`);
    id = entryId;
    const name = rest.join('/');
    if (Object.hasOwn(files, name)) throw refuse('appears twice');
    bytes += header.size;
    if (bytes > MAX_ARCHIVE_BYTES) throw new RoadmapArchiveError(`the archive unpacks to more than ${MAX_ARCHIVE_BYTES} bytes`);

    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    if (!isRoadmapFileName(name)) continue;
    try {
      files[name] = decoder.decode(Buffer.concat(chunks));
    } catch {
      throw refuse('is not UTF-8 text');
    }
  }
  if (id === null || Object.keys(files).length === 0) throw new RoadmapArchiveError('the archive holds no roadmap files under roadmaps/<id>/');
  return { id, files };
}

/** Why a relative file name could reach outside its folder, or null when it cannot. */
function pathProblem(name: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) return 'is an absolute path';
  const segments = name.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'contains "." or ".." segments';
  if (segments.some((s) => s === '' || s.includes('\0'))) return 'has an empty segment';
  return null;
}

/** Passes bytes through until more than `max` have gone by, then fails. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(new RoadmapArchiveError(`the archive unpacks to more than ${max} bytes of tar data`));
      else done(null, chunk);
    },
  });
}
