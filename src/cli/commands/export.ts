/**
 * `milepost export <id> <file> [--force]`: writes one roadmap as a `.tar.gz` of content-format
 * files. Unpacked into a content folder it validates as it is, so a user roadmap can become
 * official content, or move to another instance.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserRoadmapRepository } from '../../catalog/user-roadmap-repository.js';
import type { Config } from '../../config.js';
import { filesForExport, packRoadmap, readRoadmapFolder } from '../../content/roadmap-archive.js';
import { openDatabase } from '../../db/database.js';
import { isId } from '../../shared/ids.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandArgs } from '../parse-options.js';

const USAGE = 'Usage: milepost export <roadmap-id> <file> [--force]';

/** Export reads official roadmaps from the content folder as well as user roadmaps from the database. */
export interface ExportContext extends CommandContext {
  config: Pick<Config, 'database' | 'contentDir'>;
}

interface Found {
  kind: 'official' | 'user';
  files: Record<string, string>;
}

/** Runs `milepost export`; returns the exit code (1 for an unknown roadmap) or throws a clear Error. */
export async function exportCommand(args: string[], ctx: ExportContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, USAGE);
  const [id, target, ...extra] = positionals;
  if (id === undefined || target === undefined || extra.length > 0) throw new Error(USAGE);
  const file = path.resolve(target);
  if (fs.existsSync(file) && !values.force) throw new Error(`${file} already exists; pass --force to overwrite it.`);

  // An id is also a folder name below: anything but a well-formed id could walk out of the content folder.
  const found = isId(id) ? (officialRoadmap(ctx.config.contentDir, id) ?? (await userRoadmap(ctx, id))) : null;
  if (!found) {
    ctx.io.err(`No roadmap "${id}": it is neither an official roadmap in ${ctx.config.contentDir} nor a published user roadmap.`);
    return 1;
  }
  // User roadmaps were only ever held to the structural rules; official ones keep their own `checks`.
  const files = filesForExport(found.files, { structuralOnly: found.kind === 'user' });
  const archive = await packRoadmap(id, files);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, archive, { flag: values.force ? 'w' : 'wx' });
  ctx.io.out(`Exported ${found.kind} roadmap ${id} to ${file}: ${Object.keys(files).length} files, ${archive.length} bytes.`);
  return 0;
}

function officialRoadmap(contentDir: string, id: string): Found | null {
  const dir = path.join(contentDir, 'roadmaps', id);
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? { kind: 'official', files: readRoadmapFolder(dir) } : null;
}

/** The current published version of an undeleted user roadmap; null when there is none. */
async function userRoadmap(ctx: ExportContext, id: string): Promise<Found | null> {
  const db = openDatabase(ctx.config.database);
  try {
    const version = (await new UserRoadmapRepository(db).findPublished(id))?.version;
    if (!version) return null;
    const files = parseStoredFiles(version.files);
    if (!files) throw new Error(`The stored files of roadmap "${id}" (version ${version.version}) are not a JSON object of file texts.`);
    return { kind: 'user', files };
  } finally {
    await db.destroy();
  }
}

function parseStoredFiles(json: string): Record<string, string> | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.values(value).every((text) => typeof text === 'string') ? (value as Record<string, string>) : null;
}
