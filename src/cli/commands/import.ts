/**
 * `milepost import <file.json | folder> [--id <id>] [--force]`: adds an official roadmap to the
 * content folder, from roadmap.sh's editor format (a `.json` file, or a folder holding one beside
 * a `content/` folder of topic texts) or from a folder already in Milepost's format. The result is
 * checked with the loader before anything is written, then written to a temporary folder that is
 * renamed into place, so a failed import never leaves a half-written roadmap behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { formatIssue } from '../../content/content-issue.js';
import { isRoadmapFileName, MemoryFiles } from '../../content/roadmap-files.js';
import { loadContent, loadRoadmap } from '../../content/roadmap-loader.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import { ImportError, IMPORT_LIMITS, importRoadmapSh, type ImportReport } from '../../content/roadmap-sh-import.js';
import { kebabId } from '../../shared/ids.js';
import { RESERVED_ROADMAP_IDS } from '../../content/reserved-ids.js';
import { splitFrontMatter } from '../../content/yaml-source.js';
import { isId } from '../../shared/ids.js';
import type { CliIo } from '../command-context.js';
import { parseCommandArgs } from '../parse-options.js';

const USAGE = 'Usage: milepost import <file.json | folder> [--id <id>] [--force]';
/** Problems printed when a Milepost folder misses the editorial bars; the rest are counted. */
const SHOWN_ISSUES = 10;

interface Prepared {
  files: Record<string, string>;
  /** What to tell the operator once the files are written. */
  summary: string[];
}

/** Runs `milepost import`; returns the exit code. Every problem is printed, never thrown. */
export function importCommand(args: string[], contentDir: string, io: CliIo): number {
  try {
    return runImport(args, contentDir, io);
  } catch (error) {
    if (error instanceof ImportError) {
      io.err('Nothing was imported:');
      for (const problem of error.problems) io.err(`  - ${problem}`);
    } else io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function runImport(args: string[], contentDir: string, io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { id: { type: 'string' }, force: { type: 'boolean' } }, USAGE);
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0) throw new Error(USAGE);
  const source = path.resolve(given);
  if (!fs.existsSync(source)) throw new Error(`${source} does not exist.`);
  const isFolder = fs.statSync(source).isDirectory();
  const id = values.id ?? kebabId(path.basename(source, isFolder ? '' : path.extname(source)));
  if (!isId(id)) throw new Error(`${JSON.stringify(id)} is not a roadmap id (lower-case kebab-case, at most 64 characters); pass one with --id.`);
  if (RESERVED_ROADMAP_IDS.has(id)) throw new Error(`"${id}" is a page of the site (/${id}), so it cannot be a roadmap id; pass another with --id.`);
  const roadmapsDir = path.join(contentDir, 'roadmaps');
  const target = path.join(roadmapsDir, id);
  if (fs.existsSync(target) && !values.force) throw new Error(`${target} already exists; pass --force to replace it.`);

  const existing = fs.existsSync(roadmapsDir) ? loadContent(contentDir).content.roadmaps : new Map<string, Roadmap>();
  const others = (other: string) => existing.get(other);
  const prepared =
    isFolder && fs.existsSync(path.join(source, 'roadmap.yaml'))
      ? fromMilepostFolder(source, id, others)
      : fromEditorFile(isFolder ? editorFileIn(source) : source, id);

  const { issues } = loadRoadmap(id, new MemoryFiles(prepared.files), { rules: 'official', others });
  if (issues.length > 0) {
    for (const issue of issues) io.err(formatIssue(issue));
    io.err(`\nNothing was imported: ${issues.length} problem(s) found.`);
    return 1;
  }
  writeRoadmap(contentDir, target, prepared.files);
  for (const line of prepared.summary) io.out(line);
  io.out(`Written to ${target}.`);
  io.out('Run "milepost content reload" to make a running server show it.');
  return 0;
}

/** The editor file in a folder of roadmap.sh's layout: its only `.json` file, or the one named after the folder. */
function editorFileIn(folder: string): string {
  const found = fs
    .readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.json'))
    .sort();
  const named = found.find((name) => name === `${path.basename(folder)}.json`);
  const chosen = found.length === 1 ? found[0] : named;
  if (chosen !== undefined) return path.join(folder, chosen);
  if (found.length === 0) {
    throw new Error(`${folder} has no roadmap.yaml (Milepost's format) and no .json file (roadmap.sh's editor format); there is nothing to import.`);
  }
  throw new Error(`${folder} holds ${found.length} .json files (${found.join(', ')}); pass the one to import.`);
}

function fromEditorFile(file: string, id: string): Prepared {
  const bytes = fs.statSync(file).size;
  if (bytes > IMPORT_LIMITS.bytes)
    throw new ImportError([`the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_LIMITS.bytes / 1024 / 1024} MB`]);
  const contentFolder = path.join(path.dirname(file), 'content');
  const contentFiles = fs.existsSync(contentFolder) ? readTree(contentFolder, (name) => name.toLowerCase().endsWith('.md')).files : {};
  const { files, report } = importRoadmapSh({ json: fs.readFileSync(file, 'utf8'), contentFiles, id });
  return { files, summary: describeReport(file, id, report, Object.keys(contentFiles).length) };
}

/**
 * A folder already in Milepost's format: only its roadmap files are copied. One that meets the
 * structural rules but not the editorial bars is marked `checks: structural`, as an import is.
 */
function fromMilepostFolder(folder: string, id: string, others: (id: string) => Roadmap | undefined): Prepared {
  const { files, skipped } = readTree(folder, isRoadmapFileName);
  const summary = [`Copied ${Object.keys(files).length} files from ${folder} as roadmaps/${id}.`];
  if (skipped > 0) summary.push(`${skipped} other file(s) there are not roadmap files and were not copied.`);
  const official = loadRoadmap(id, new MemoryFiles(files), { rules: 'official', others });
  const main = files['roadmap.md'];
  if (official.issues.length === 0 || main === undefined) return { files, summary };
  const structural = loadRoadmap(id, new MemoryFiles(files), { rules: 'structural', others });
  if (structural.issues.length > 0) return { files, summary };
  summary.push(
    `It does not meet the editorial bars of official content (${official.issues.length} problem(s)), so its roadmap.md now says "checks: structural":`,
  );
  summary.push(...official.issues.slice(0, SHOWN_ISSUES).map((issue) => `  ${formatIssue(issue)}`));
  if (official.issues.length > SHOWN_ISSUES) summary.push(`  … and ${official.issues.length - SHOWN_ISSUES} more`);
  return { files: { ...files, 'roadmap.md': withStructuralChecks(main) }, summary };
}

/** `roadmap.md` with `checks: structural` set in its front matter; the rest of the file is kept as it was. */
function withStructuralChecks(text: string): string {
  const { frontMatter, body } = splitFrontMatter(text);
  const doc = parseDocument(frontMatter ?? '');
  doc.set('checks', 'structural');
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body}`;
}

/** Files under `root` whose `/`-separated relative name passes `keep`. Symbolic links are never followed. */
function readTree(root: string, keep: (name: string) => boolean): { files: Record<string, string>; skipped: number } {
  const files: Record<string, string> = {};
  let skipped = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile() && keep(name)) files[name] = fs.readFileSync(path.join(root, name), 'utf8');
      else skipped++;
    }
  };
  walk('');
  return { files, skipped };
}

function describeReport(file: string, id: string, report: ImportReport, contentFiles: number): string[] {
  const { sections, topics, subtopics, withContent } = report.counts;
  const lines = [
    `Imported ${file} as roadmaps/${id}: ${sections} section(s), ${topics} topic(s), ${subtopics} subtopic(s); ${withContent} with a text from ${contentFiles} content file(s).`,
  ];
  if (report.dropped.length > 0) {
    lines.push(`Dropped ${report.dropped.length} node(s):`);
    for (const node of report.dropped) {
      const label = node.label === '' ? '' : ` ${JSON.stringify(node.label)}`;
      lines.push(`  - ${node.type.replace(/[^\w-]/g, '?')}${label} (node ${JSON.stringify(node.nodeId)}): ${node.reason}`);
    }
  }
  if (report.notes.length > 0) lines.push('Notes:', ...report.notes.map((line) => `  - ${line}`));
  return lines;
}

/** Writes the roadmap beside the others in one rename; a roadmap it replaces is removed only once the new one is in place. */
function writeRoadmap(contentDir: string, target: string, files: Record<string, string>): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = fs.mkdtempSync(path.join(contentDir, '.import-'));
  const old = `${temp}-replaced-${randomBytes(4).toString('hex')}`;
  try {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(temp, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    const replacing = fs.existsSync(target);
    if (replacing) fs.renameSync(target, old);
    try {
      fs.renameSync(temp, target);
    } catch (error) {
      if (replacing) fs.renameSync(old, target);
      throw error;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
}
