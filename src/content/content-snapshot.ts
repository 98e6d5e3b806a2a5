/**
 * A snapshot of loaded, valid content, so that a server starting on unchanged content does not
 * parse and check every file again (the slowest part of starting). A snapshot is named by the hash
 * of every content file and of the code that reads them: any change to either means a fresh load.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { topicIndex } from '../shared/progress-rules.js';
import { loadContent, type LoadResult } from './roadmap-loader.js';
import type { Roadmap } from './roadmap-model.js';

/** Every roadmap file under the content folder, hashed with its name. */
function contentFolderHash(contentDir: string): string {
  const hash = createHash('sha256');
  const root = path.join(contentDir, 'roadmaps');
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), name);
      else hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, entry.name))).update('\0');
    }
  };
  if (fs.existsSync(root)) walk(root, '');
  return hash.digest('hex');
}

const MAP = '__map';

function toJson(roadmaps: Map<string, Roadmap>): string {
  return JSON.stringify([...roadmaps.values()], (key, value: unknown) => {
    if (key === 'index') return undefined;
    return value instanceof Map ? { [MAP]: [...value] } : value;
  });
}

function fromJson(text: string): Map<string, Roadmap> {
  const roadmaps = JSON.parse(text, (_key, value: unknown) =>
    value && typeof value === 'object' && MAP in value ? new Map((value as Record<string, [string, unknown][]>)[MAP]) : value,
  ) as Roadmap[];
  return new Map(roadmaps.map((r) => [r.id, { ...r, index: topicIndex(r.order, r.retired) }]));
}

/**
 * Loads the content folder, from a snapshot in `snapshotDir` when one matches `codeVersion` and
 * the files as they are now. A valid load is saved as the only snapshot; problems are never saved.
 */
export function loadContentWithSnapshot(contentDir: string, snapshotDir: string, codeVersion: string): LoadResult {
  const name = `${createHash('sha256').update(codeVersion).update(contentFolderHash(contentDir)).digest('hex').slice(0, 32)}.json`;
  const file = path.join(snapshotDir, name);
  try {
    return { content: { roadmaps: fromJson(fs.readFileSync(file, 'utf8')) }, issues: [] };
  } catch {
    // No snapshot yet (or an unreadable one): load the files.
  }
  const loaded = loadContent(contentDir);
  if (loaded.issues.length > 0) return loaded;
  try {
    fs.mkdirSync(snapshotDir, { recursive: true });
    for (const old of fs.readdirSync(snapshotDir)) fs.rmSync(path.join(snapshotDir, old), { force: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, toJson(loaded.content.roadmaps));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only installation starts a little slower every time; nothing else changes.
  }
  return loaded;
}
