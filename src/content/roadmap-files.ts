/**
 * The files of one roadmap, from a folder on disk (official roadmaps) or held in memory (user
 * roadmaps stored in the database, imports, the editor's preview). The loader reads either
 * the same way, and each set has a content hash that names this exact version.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface RoadmapFiles {
  /** The file's text, or null when there is no such file. */
  read(name: string): string | null;
  /** Names of the files directly in `folder` that end with `extension`, sorted. */
  list(folder: string, extension: string): string[];
  /** Every file name (relative, `/`-separated), sorted: what the content hash covers. */
  names(): string[];
}

/** The files a roadmap is made of; anything else in its folder is ignored and not hashed. */
export function isRoadmapFileName(name: string): boolean {
  return /^(roadmap\.md|roadmap\.yaml|faq\.md|guide\.md|(topics|projects)\/[^/]+\.md|questions\/[^/]+\.yaml)$/.test(name);
}

export class FolderFiles implements RoadmapFiles {
  constructor(private readonly dir: string) {}

  read(name: string): string | null {
    try {
      return fs.readFileSync(path.join(this.dir, name), 'utf8');
    } catch {
      return null;
    }
  }

  list(folder: string, extension: string): string[] {
    try {
      return fs
        .readdirSync(path.join(this.dir, folder))
        .filter((f) => f.endsWith(extension))
        .sort();
    } catch {
      return [];
    }
  }

  names(): string[] {
    const top = ['roadmap.md', 'roadmap.yaml', 'faq.md', 'guide.md'].filter((f) => fs.existsSync(path.join(this.dir, f)));
    const nested = [
      ...this.list('topics', '.md').map((f) => `topics/${f}`),
      ...this.list('projects', '.md').map((f) => `projects/${f}`),
      ...this.list('questions', '.yaml').map((f) => `questions/${f}`),
    ];
    return [...top, ...nested].filter(isRoadmapFileName).sort();
  }
}

export class MemoryFiles implements RoadmapFiles {
  private readonly files: Map<string, string>;

  /** `files`: relative name (e.g. `topics/http.md`) → text. Names that are not roadmap files are ignored. */
  constructor(files: Record<string, string> | Map<string, string>) {
    const entries = files instanceof Map ? [...files] : Object.entries(files);
    this.files = new Map(entries.filter(([name]) => isRoadmapFileName(name)));
  }

  read(name: string): string | null {
    return this.files.get(name) ?? null;
  }

  list(folder: string, extension: string): string[] {
    const prefix = `${folder}/`;
    return [...this.files.keys()]
      .filter((name) => name.startsWith(prefix) && name.endsWith(extension))
      .map((name) => name.slice(prefix.length))
      .sort();
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The files as a plain object, sorted by name (for storage and export). */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.names().map((name) => [name, this.files.get(name) ?? '']));
  }
}

/** A short, stable hash of every file's name and bytes: equal for equal content, on any machine. */
export function contentHash(files: RoadmapFiles): string {
  const hash = createHash('sha256');
  for (const name of files.names()) {
    const text = files.read(name) ?? '';
    hash.update(`${name}\0${Buffer.byteLength(text)}\0`).update(text);
  }
  return hash.digest('base64url').slice(0, 16);
}
