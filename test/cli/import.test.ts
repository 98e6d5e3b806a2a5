import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import.js';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { runCli } from '../../src/cli/index.js';
import { importRoadmapSh } from '../../src/content/roadmap-sh-import.js';
import { readWholeFolder, removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { memoryIo } from './support/memory-io.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/roadmap-sh/', import.meta.url));
const SHELL = path.join(FIXTURES, 'shell-basics');
const TEXT_EDITING = path.join(FIXTURES, 'text-editing.json');

let work: string;
let contentDir: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-import-'));
  contentDir = path.join(work, 'content');
});
afterEach(() => removeDir(work));

function run(...args: string[]) {
  const io = memoryIo();
  const code = importCommand(args, contentDir, io);
  return { code, out: io.stdout, err: io.stderr };
}
const roadmapDir = (id: string) => path.join(contentDir, 'roadmaps', id);
const namesIn = (id: string) => Object.keys(readWholeFolder(roadmapDir(id))).sort();
/** Nothing half-written stays behind: only roadmap folders are left in the content folder. */
const leftovers = () => (fs.existsSync(contentDir) ? fs.readdirSync(contentDir).filter((name) => name !== 'roadmaps') : []);
const validates = () => validateCommand(contentDir, memoryIo());

function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('milepost import from roadmap.sh', () => {
  it('imports a folder in roadmap.sh layout, content texts included, and prints the report', () => {
    const { code, out, err } = run(SHELL);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(namesIn('shell-basics')).toEqual([
      'roadmap.md',
      'roadmap.yaml',
      'topics/cd-shortcuts.md',
      'topics/exit-codes.md',
      'topics/files-and-folders.md',
      'topics/globbing-with.md',
      'topics/keep-practising.md',
      'topics/ls-la.md',
      'topics/moving-between-folders.md',
      'topics/pipes-joining-commands.md',
      'topics/pwd.md',
      'topics/the-terminal.md',
      'topics/your-first-script.md',
    ]);
    expect(out).toEqual([
      `Imported ${path.join(SHELL, 'shell-basics.json')} as roadmaps/shell-basics: 3 section(s), 6 topic(s), 5 subtopic(s); 3 with a text from 4 content file(s).`,
      'Dropped 8 node(s):',
      '  - legend (node "Lg9Legend"): the legend; its entries became marks on the topics',
      `  - title "Shell basics" (node "Hd7qTitle"): the diagram's heading; it titles the roadmap`,
      '  - paragraph "A short walk through the command line, from the first prompt to a first script." (node "Pq2Intro"): free text on the diagram; Milepost draws no free text',
      '  - vertical (node "Vl1Line"): a node of type "vertical", which Milepost has no counterpart for',
      '  - label "Tip: press Tab to complete names" (node "Lb1Tip"): free text on the diagram; Milepost draws no free text',
      '  - topic (node "Tp6Empty"): a topic without a label',
      '  - button "Open the longer map" (node "Bt1More"): a link button on the diagram; Milepost has no buttons in a roadmap',
      '  - section "Extras" (node "Sc4Extra"): a section with no topics inside it',
      'Notes:',
      '  - content file "old-topic@Zz9Gone.md" matches no imported topic; it was not used',
      '  - "The terminal": a link to pages of the other site became plain text',
      '  - "The terminal": resource "http://articles.example.net/first-hour" now uses https',
      '  - "The terminal": resource "https://shell.example.org/manual" was listed twice; kept once',
      `  - "The terminal": resource type "roadmap" is not one of Milepost's; "https://maps.example.org/linux" is listed as "article"`,
      '  - "The terminal": resource "javascript:alert(1)" was left out: only http(s) links of at most 500 characters are kept',
      '  - legend "Fun fact inside" (on 1 node) matches no Milepost mark; those nodes have no mark',
      '  - edges not kept as extra connections: 4 joining a subtopic to its topic; 3 along the spine, which Milepost draws itself; 1 to or from a node that was not imported',
      `Written to ${roadmapDir('shell-basics')}.`,
      'Run "milepost content reload" to make a running server show it.',
    ]);
    // The text of the content folder's subfolder reached its topic.
    expect(fs.readFileSync(path.join(roadmapDir('shell-basics'), 'topics/pwd.md'), 'utf8')).toContain('url: https://git.example.org/coreutils');
    expect(leftovers()).toEqual([]);
    expect(validates()).toBe(0);
  });

  it('imports a .json file under the id given, through the milepost command', async () => {
    const io = memoryIo();
    expect(await runCli(['import', TEXT_EDITING, '--id', 'editing'], io, { DATABASE_URL: 'sqlite::memory:', CONTENT_DIR: contentDir })).toBe(0);
    expect(io.stdout[0]).toBe(
      `Imported ${TEXT_EDITING} as roadmaps/editing: 1 section(s), 3 topic(s), 1 subtopic(s); 0 with a text from 0 content file(s).`,
    );
    expect(namesIn('editing')).toEqual([
      'roadmap.md',
      'roadmap.yaml',
      'topics/opening-a-file.md',
      'topics/regular-expressions.md',
      'topics/saving-your-work.md',
      'topics/search-and-replace.md',
    ]);
    expect(validates()).toBe(0);
  });

  it('picks the .json file named after its folder when there are several', () => {
    const folder = path.join(work, 'shell');
    fs.cpSync(SHELL, folder, { recursive: true });
    fs.renameSync(path.join(folder, 'shell-basics.json'), path.join(folder, 'shell.json'));
    write(path.join(folder, 'migration-mapping.json'), '{}');
    expect(run(folder).code).toBe(0);
    expect(namesIn('shell')).toContain('topics/the-terminal.md');
  });

  it('refuses a folder with several .json files and none named after it, or with nothing to import', () => {
    const folder = path.join(work, 'two');
    write(path.join(folder, 'a.json'), '{}');
    write(path.join(folder, 'b.json'), '{}');
    expect(run(folder)).toEqual({ code: 1, out: [], err: [`${folder} holds 2 .json files (a.json, b.json); pass the one to import.`] });
    const empty = path.join(work, 'empty');
    fs.mkdirSync(empty);
    expect(run(empty).err).toEqual([
      `${empty} has no roadmap.yaml (Milepost's format) and no .json file (roadmap.sh's editor format); there is nothing to import.`,
    ]);
  });
});

describe('milepost import refuses', () => {
  it('an existing roadmap without --force, and replaces it with --force', () => {
    expect(run(TEXT_EDITING).code).toBe(0);
    write(path.join(roadmapDir('text-editing'), 'topics/stale.md'), 'old');
    expect(run(TEXT_EDITING)).toEqual({ code: 1, out: [], err: [`${roadmapDir('text-editing')} already exists; pass --force to replace it.`] });
    expect(run(TEXT_EDITING, '--force').code).toBe(0);
    expect(namesIn('text-editing')).not.toContain('topics/stale.md');
    expect(leftovers()).toEqual([]);
    expect(validates()).toBe(0);
  });

  it('reserved and malformed ids', () => {
    expect(run(TEXT_EDITING, '--id', 'import').err).toEqual([
      '"import" is a page of the site (/import), so it cannot be a roadmap id; pass another with --id.',
    ]);
    const login = path.join(work, 'login.json');
    fs.copyFileSync(TEXT_EDITING, login);
    expect(run(login).err).toEqual(['"login" is a page of the site (/login), so it cannot be a roadmap id; pass another with --id.']);
    expect(run(TEXT_EDITING, '--id', 'Not An Id').err).toEqual([
      '"Not An Id" is not a roadmap id (lower-case kebab-case, at most 64 characters); pass one with --id.',
    ]);
    const symbols = path.join(work, '@@@.json');
    fs.copyFileSync(TEXT_EDITING, symbols);
    expect(run(symbols).err).toEqual(['"" is not a roadmap id (lower-case kebab-case, at most 64 characters); pass one with --id.']);
    expect(fs.existsSync(contentDir)).toBe(false);
  });

  it('a missing file, a bad option, and a file that is not the editor format, writing nothing', () => {
    const missing = path.join(work, 'nope.json');
    expect(run(missing)).toEqual({ code: 1, out: [], err: [`${missing} does not exist.`] });
    // The first line is node's own wording, which changes between versions; the usage line is ours.
    expect(run(TEXT_EDITING, '--fast').err).toEqual([
      expect.stringMatching(/^Unknown option '--fast'.*\nUsage: milepost import <file\.json \| folder> \[--id <id>\] \[--force\]$/),
    ]);
    expect(run().err).toEqual(['Usage: milepost import <file.json | folder> [--id <id>] [--force]']);
    const broken = write(path.join(work, 'broken.json'), '{"nodes": [');
    const result = run(broken);
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('Nothing was imported:');
    expect(result.err[1]).toMatch(/^ {2}- this is not valid JSON: /);
    expect(run(write(path.join(work, 'flat.json'), '{"nodes": {}, "edges": []}')).err).toEqual([
      'Nothing was imported:',
      `  - this is not roadmap.sh's editor format: "nodes" must be a list (an array)`,
    ]);
    expect(fs.existsSync(path.join(contentDir, 'roadmaps'))).toBe(false);
  });
});

describe('milepost import from a folder in Milepost format', () => {
  it('copies only roadmap files, and leaves roadmap.md alone when the roadmap meets the official rules', () => {
    const sample = writeSampleContent(path.join(work, 'source'));
    const folder = path.join(sample, 'roadmaps', 'sample');
    write(path.join(folder, 'notes.txt'), 'not part of the roadmap');
    write(path.join(folder, 'drafts', 'idea.md'), 'not part of the roadmap');
    const { code, out } = run(folder);
    expect(code).toBe(0);
    expect(out).toEqual([
      `Copied 12 files from ${folder} as roadmaps/sample.`,
      '2 other file(s) there are not roadmap files and were not copied.',
      `Written to ${roadmapDir('sample')}.`,
      'Run "milepost content reload" to make a running server show it.',
    ]);
    expect(namesIn('sample')).not.toContain('notes.txt');
    expect(namesIn('sample')).toHaveLength(12);
    expect(fs.readFileSync(path.join(roadmapDir('sample'), 'roadmap.md'), 'utf8')).toBe(fs.readFileSync(path.join(folder, 'roadmap.md'), 'utf8'));
    expect(validates()).toBe(0);
  });

  it('adds checks: structural to a roadmap that meets only the structural rules', () => {
    const { files } = importRoadmapSh({ json: fs.readFileSync(TEXT_EDITING, 'utf8'), id: 'text-editing' });
    const folder = path.join(work, 'text-editing');
    for (const [name, text] of Object.entries(files))
      write(
        path.join(folder, name),
        name === 'roadmap.md' ? text.replace('isForkable: true\nchecks: structural\n', 'isForkable: true # kept comment\n') : text,
      );
    const { code, out } = run(folder);
    expect(code).toBe(0);
    expect(out[1]).toBe('It does not meet the editorial bars of official content (12 problem(s)), so its roadmap.md now says "checks: structural":');
    expect(out[2]).toMatch(/^ {2}roadmaps\/text-editing\/topics\/opening-a-file\.md:\d+: needs 3–8 resources, has 0$/);
    const roadmapMd = fs.readFileSync(path.join(roadmapDir('text-editing'), 'roadmap.md'), 'utf8');
    expect(roadmapMd).toContain('isForkable: true # kept comment\nchecks: structural\n---\n');
    expect(validates()).toBe(0);
  });

  it('refuses a roadmap that breaks the structural rules, writing nothing', () => {
    const { files } = importRoadmapSh({ json: fs.readFileSync(TEXT_EDITING, 'utf8'), id: 'text-editing' });
    const folder = path.join(work, 'text-editing');
    for (const [name, text] of Object.entries(files)) if (name !== 'topics/saving-your-work.md') write(path.join(folder, name), text);
    const { code, out, err } = run(folder);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'roadmaps/text-editing/roadmap.yaml:6: topic "saving-your-work" has no file topics/saving-your-work.md',
      '\nNothing was imported: 1 problem(s) found.',
    ]);
    expect(fs.existsSync(roadmapDir('text-editing'))).toBe(false);
  });
});
