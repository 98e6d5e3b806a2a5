/**
 * Files made from a roadmap version (PDFs, PNGs), made once and kept on disk under
 * `<cacheDir>/<roadmap id>@<hash>/<name>`, so a restart does not make them again. Each file is
 * made at most once at a time, and makers of one kind wait in line: a burst of requests for many
 * versions starts one render after another, never many at once. Kept in memory too, bounded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { VersionKey } from '../../catalog/derived-cache.js';
import { AppError } from '../../errors.js';
import { etagOf, type CachedBody } from '../../http/cached-body.js';

/** Roughly twenty PDFs and a few hundred images. */
const MEMORY_BYTES = 96 * 1024 * 1024;
/** Renders waiting in one line beyond this are refused with 503, rather than queued for minutes. */
export const MAX_WAITING = 16;

export type Lane = 'pdf' | 'image';

/** One render at a time; the others wait their turn. */
class Line {
  private tail: Promise<unknown> = Promise.resolve();
  waiting = 0;

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.waiting >= MAX_WAITING) {
      throw new AppError('unavailable', 'Too many documents are being made right now. Try again in a minute.');
    }
    this.waiting++;
    const result = this.tail.then(work).finally(() => this.waiting--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export function binaryBody(bytes: Buffer, contentType: string): CachedBody {
  return { raw: bytes, etag: etagOf(bytes), contentType };
}

export class ArtefactStore {
  private readonly memory = new LRUCache<string, CachedBody>({ maxSize: MEMORY_BYTES, sizeCalculation: (body) => body.raw.length || 1 });
  private readonly making = new Map<string, Promise<CachedBody>>();
  private readonly lines: Record<Lane, Line> = { pdf: new Line(), image: new Line() };

  constructor(
    /** Null keeps files in memory only. */
    private readonly dir: string | null,
  ) {}

  /** The file `name` of this version, made by `make` when neither memory nor disk has it. */
  get(version: VersionKey, name: string, contentType: string, lane: Lane, make: () => Promise<Buffer> | Buffer): Promise<CachedBody> {
    const key = `${version.id}@${version.hash}/${name}`;
    const hit = this.memory.get(key);
    if (hit) return Promise.resolve(hit);
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = (async () => {
      const file = this.dir ? path.join(this.dir, `${version.id}@${version.hash}`, name) : null;
      let bytes: Buffer | null = file ? await fs.promises.readFile(file).catch(() => null) : null;
      if (!bytes) {
        const made = await this.lines[lane].run(async () => make());
        if (file) await this.keep(version, file, made);
        bytes = made;
      }
      const body = binaryBody(bytes, contentType);
      this.memory.set(key, body);
      return body;
    })().finally(() => this.making.delete(key));
    this.making.set(key, made);
    return made;
  }

  /** Makes a file that is not kept (a learner's own PDF), waiting in the same line as the others. */
  once(lane: Lane, key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const pending = this.making.get(key);
    if (pending) return pending.then((body) => body.raw);
    const made = this.lines[lane]
      .run(make)
      .then((bytes) => binaryBody(bytes, 'application/octet-stream'))
      .finally(() => this.making.delete(key));
    this.making.set(key, made);
    return made.then((body) => body.raw);
  }

  /** Writes the file whole (a partial file is never seen) and drops the files of the roadmap's older versions. */
  private async keep(version: VersionKey, file: string, bytes: Buffer): Promise<void> {
    const folder = path.dirname(file);
    await fs.promises.mkdir(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, bytes);
    await fs.promises.rename(temporary, file);
    const root = path.dirname(folder);
    for (const other of await fs.promises.readdir(root)) {
      if (other.startsWith(`${version.id}@`) && other !== `${version.id}@${version.hash}`) {
        await fs.promises.rm(path.join(root, other), { recursive: true, force: true });
      }
    }
  }
}
