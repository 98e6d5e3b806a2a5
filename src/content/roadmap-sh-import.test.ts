import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './content-issue.js';
import { MemoryFiles } from './roadmap-files.js';
import { loadRoadmap } from './roadmap-loader.js';
import { kebabId } from '../shared/ids.js';
import { IMPORT_LIMITS, ImportError, importRoadmapSh } from './roadmap-sh-import.js';
import { readWholeFolder } from '../../test/helpers/content-fixture.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/roadmap-sh/', import.meta.url));
/** The names docs/content-format.md allows an imported roadmap; nothing else may come out. */
const FILE_NAME = /^(roadmap\.md|roadmap\.yaml|topics\/[a-z0-9]+(-[a-z0-9]+)*\.md)$/;

function load(id: string, files: Record<string, string>) {
  const { roadmap, issues } = loadRoadmap(id, new MemoryFiles(files), { rules: 'structural' });
  expect(issues.map(formatIssue)).toEqual([]);
  expect(Object.keys(files).every((name) => FILE_NAME.test(name))).toBe(true);
  if (!roadmap) throw new Error('no roadmap');
  return roadmap;
}

/** The problems of the ImportError `run` throws; fails the test when it throws anything else, or nothing. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).problems;
  }
  throw new Error('expected an ImportError');
}

let serial = 0;
function topic(label: string, y: number, extra: Record<string, unknown> = {}) {
  return { id: `n${serial++}`, type: 'topic', position: { x: 0, y }, data: { label }, ...extra };
}
const diagram = (nodes: unknown[], edges: unknown[] = []) => ({ nodes, edges });

describe('importRoadmapSh with the Shell basics fixture', () => {
  const dir = path.join(FIXTURES, 'shell-basics');
  const { files, report } = importRoadmapSh({
    json: fs.readFileSync(path.join(dir, 'shell-basics.json'), 'utf8'),
    contentFiles: readWholeFolder(path.join(dir, 'content')),
    id: 'shell-basics',
  });
  const roadmap = load('shell-basics', files);

  it('makes sections from the section rectangles, in order, and drops the empty one', () => {
    expect(roadmap.sections.map((s) => [s.id, s.title, s.topicIds])).toEqual([
      ['getting-around', 'Getting around', ['the-terminal', 'moving-between-folders']],
      ['working-with-files', 'Working with files', ['files-and-folders', 'pipes-joining-commands']],
      // "Keep practising" lies below every rectangle, so it joins the nearest section above it.
      ['scripting', 'Scripting', ['your-first-script', 'keep-practising']],
    ]);
    expect(roadmap.meta).toMatchObject({ title: 'Shell basics', briefTitle: 'Shell basics', isForkable: true, checks: 'structural', version: 1 });
  });

  it('hangs each subtopic off its topic: by an edge either way, through another subtopic, or by nearness', () => {
    expect(roadmap.order).toEqual([
      'the-terminal',
      'pwd',
      'moving-between-folders',
      'ls-la',
      'cd-shortcuts',
      'files-and-folders',
      'globbing-with',
      'pipes-joining-commands',
      'your-first-script',
      'exit-codes',
      'keep-practising',
    ]);
    const parents = Object.fromEntries([...roadmap.topics.values()].filter((t) => t.parentId).map((t) => [t.id, t.parentId]));
    expect(parents).toEqual({
      pwd: 'the-terminal',
      'ls-la': 'moving-between-folders',
      'cd-shortcuts': 'moving-between-folders',
      'globbing-with': 'files-and-folders',
      'exit-codes': 'your-first-script',
    });
  });

  it('turns legend entries into marks, whether named by label or by id only', () => {
    const marks = Object.fromEntries([...roadmap.topics.values()].filter((t) => t.mark).map((t) => [t.id, t.mark]));
    expect(marks).toEqual({
      'the-terminal': 'recommended',
      'moving-between-folders': 'any-order',
      'ls-la': 'alternative',
      'exit-codes': 'not-recommended',
    });
  });

  it('keeps only the edge that is neither a subtopic link nor a step along the spine', () => {
    expect(roadmap.edges).toEqual([{ from: 'files-and-folders', to: 'your-first-script' }]);
  });

  it('takes the explanation and resources from the content file, within the rules', () => {
    const terminal = roadmap.topics.get('the-terminal');
    expect(terminal?.resources).toEqual([
      { type: 'official', title: 'Shell manual', url: 'https://shell.example.org/manual' },
      { type: 'article', title: 'A first hour at the prompt', url: 'https://articles.example.net/first-hour' },
      { type: 'video', title: 'Typing your first command', url: 'https://video.example.com/watch?v=abc123' },
      { type: 'article', title: 'A longer map of the same ground', url: 'https://maps.example.org/linux' },
    ]);
    expect(terminal?.body).toBe(
      'The terminal is a window where you type a command, press Enter and read the answer it prints.\n' +
        'Each command runs to its end before the next prompt appears.\n\n' +
        'You can open several terminals at once; each one keeps its own current folder. See\n' +
        'moving between folders for how to change it.',
    );
    expect(roadmap.topics.get('pwd')).toMatchObject({ body: '`pwd` prints the folder you are in.', level: 'beginner', hours: 2, prerequisites: [] });
    expect(roadmap.topics.get('globbing-with')).toMatchObject({ title: 'Globbing with *', body: 'Notes on Globbing with \\* will go here.', resources: [] });
    expect(roadmap.topics.get('your-first-script')?.title).toBe('Your first "script"');
  });

  it('reports every dropped node with its reason, and the counts', () => {
    expect(report.dropped).toEqual([
      { nodeId: 'Lg9Legend', type: 'legend', label: '', reason: 'the legend; its entries became marks on the topics' },
      { nodeId: 'Hd7qTitle', type: 'title', label: 'Shell basics', reason: "the diagram's heading; it titles the roadmap" },
      {
        nodeId: 'Pq2Intro',
        type: 'paragraph',
        label: 'A short walk through the command line, from the first prompt to a first script.',
        reason: 'free text on the diagram; Milepost draws no free text',
      },
      { nodeId: 'Vl1Line', type: 'vertical', label: '', reason: 'a node of type "vertical", which Milepost has no counterpart for' },
      { nodeId: 'Lb1Tip', type: 'label', label: 'Tip: press Tab to complete names', reason: 'free text on the diagram; Milepost draws no free text' },
      { nodeId: 'Tp6Empty', type: 'topic', label: '', reason: 'a topic without a label' },
      { nodeId: 'Bt1More', type: 'button', label: 'Open the longer map', reason: 'a link button on the diagram; Milepost has no buttons in a roadmap' },
      { nodeId: 'Sc4Extra', type: 'section', label: 'Extras', reason: 'a section with no topics inside it' },
    ]);
    expect(report.counts).toEqual({ sections: 3, topics: 6, subtopics: 5, withContent: 3, dropped: 8 });
    expect(report.imported.filter((i) => i.withContent).map((i) => i.id)).toEqual(['the-terminal', 'pwd', 'pipes-joining-commands']);
    expect(report.imported[0]).toEqual({ nodeId: 'Sc1Around', id: 'getting-around', title: 'Getting around', kind: 'section', withContent: false });
  });

  it('notes unused content files, changed resources, unknown legends and edges left out', () => {
    expect(report.notes).toEqual([
      'content file "old-topic@Zz9Gone.md" matches no imported topic; it was not used',
      '"The terminal": a link to pages of the other site became plain text',
      '"The terminal": resource "http://articles.example.net/first-hour" now uses https',
      '"The terminal": resource "https://shell.example.org/manual" was listed twice; kept once',
      '"The terminal": resource type "roadmap" is not one of Milepost\'s; "https://maps.example.org/linux" is listed as "article"',
      '"The terminal": resource "javascript:alert(1)" was left out: only http(s) links of at most 500 characters are kept',
      'legend "Fun fact inside" (on 1 node) matches no Milepost mark; those nodes have no mark',
      'edges not kept as extra connections: 4 joining a subtopic to its topic; 3 along the spine, which Milepost draws itself; 1 to or from a node that was not imported',
    ]);
  });
});

describe('importRoadmapSh without section nodes', () => {
  const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'text-editing.json'), 'utf8')) as unknown;

  it('puts every topic in one section titled by the heading', () => {
    const { files, report } = importRoadmapSh({ json, id: 'text-editing' });
    const roadmap = load('text-editing', files);
    expect(roadmap.sections.map((s) => [s.id, s.title, s.topicIds])).toEqual([
      ['text-editing', 'Text editing', ['opening-a-file', 'saving-your-work', 'search-and-replace']],
    ]);
    expect(roadmap.topics.get('regular-expressions')).toMatchObject({ parentId: 'search-and-replace', body: 'Notes on Regular expressions will go here.' });
    expect(roadmap.topics.get('search-and-replace')?.mark).toBe('recommended');
    expect(roadmap.edges).toEqual([]);
    expect(roadmap.meta.title).toBe('Text editing');
    expect(report.imported[0]).toEqual({ nodeId: '', id: 'text-editing', title: 'Text editing', kind: 'section', withContent: false });
    expect(report.dropped.map((d) => [d.nodeId, d.reason])).toEqual([
      ['aa1', "the diagram's heading; it titles the roadmap and its one section"],
      ['aa6', 'free text on the diagram; Milepost draws no free text'],
    ]);
  });

  it('takes the title given over the heading, and names the section "Roadmap" when there is no heading', () => {
    const { files } = importRoadmapSh({ json: diagram([topic('Only', 0)]), id: 'solo', title: '  My  notes ' });
    const roadmap = load('solo', files);
    expect(roadmap.meta.title).toBe('My notes');
    expect(roadmap.sections.map((s) => [s.id, s.title])).toEqual([['roadmap', 'Roadmap']]);
    expect(load('solo', importRoadmapSh({ json: diagram([topic('Only', 0)]), id: 'shell-tips' }).files).meta.title).toBe('Shell tips');
  });
});

describe('importRoadmapSh on sections', () => {
  const section = (id: string, label: string, y: number) => ({ id, type: 'section', position: { x: 0, y }, width: 400, height: 100, data: { label } });

  it('calls an unlabelled section by its place, and puts a topic above every section into the first', () => {
    const { files, report } = importRoadmapSh({
      json: diagram([section('s1', '', 100), section('s2', 'Later', 300), topic('Early bird', 0), topic('Inside', 120), topic('After', 320)]),
      id: 'sections',
    });
    const roadmap = load('sections', files);
    expect(roadmap.sections.map((s) => [s.id, s.title, s.topicIds])).toEqual([
      ['section-1', 'Section 1', ['early-bird', 'inside']],
      ['later', 'Later', ['after']],
    ]);
    expect(report.notes).toEqual(['section 1 has no label on the diagram; it is called "Section 1"']);
  });
});

describe('importRoadmapSh ids and labels', () => {
  it('never makes a reserved topic id', () => {
    const { files } = importRoadmapSh({ json: diagram([topic('Plan', 0), topic('Edit', 10), topic('Embed', 20), topic('Plan topic', 30)]), id: 'reserved' });
    expect(load('reserved', files).order).toEqual(['plan-topic', 'edit-topic', 'embed-topic', 'plan-topic-2']);
  });

  it('numbers repeated ids, and gives a section an id no topic has', () => {
    const nodes = [
      { id: 's', type: 'section', position: { x: 0, y: 0 }, width: 500, height: 500, data: { label: 'Pipes' } },
      topic('Pipes', 10),
      topic('pipes!', 20),
      topic('PIPES', 30),
    ];
    const roadmap = load('dupes', importRoadmapSh({ json: diagram(nodes), id: 'dupes' }).files);
    expect(roadmap.order).toEqual(['pipes', 'pipes-2', 'pipes-3']);
    expect(roadmap.sections.map((s) => s.id)).toEqual(['pipes-4']);
  });

  it('keeps labels with YAML and Markdown syntax exactly, and makes ids from what is left', () => {
    const labels = ['key: value # not a comment', `"quoted" and 'single'`, '- starts like a list', '@at & sign', 'two\nlines', '[a link](/evil)', '---', '文件', 'C++ & C#'];
    const { files } = importRoadmapSh({ json: diagram(labels.map((label, i) => topic(label, i * 10))), id: 'specials' });
    const roadmap = load('specials', files);
    expect(roadmap.order).toEqual([
      'key-value-not-a-comment',
      'quoted-and-single',
      'starts-like-a-list',
      'at-and-sign',
      'two-lines',
      'a-link-evil',
      'topic',
      'topic-2',
      'c-plus-plus-and-c',
    ]);
    expect([...roadmap.topics.values()].map((t) => t.title)).toEqual([
      'key: value # not a comment',
      `"quoted" and 'single'`,
      '- starts like a list',
      '@at & sign',
      'two lines',
      '[a link](/evil)',
      '---',
      '文件',
      'C++ & C#',
    ]);
    expect(roadmap.topics.get('a-link-evil')?.body).toBe('Notes on \\[a link\\]\\(/evil\\) will go here.');
  });

  it('cuts long titles to 80 characters and ids to 64', () => {
    const label = `${'Understanding '.repeat(21)}end`.slice(0, IMPORT_LIMITS.labelChars);
    const { files } = importRoadmapSh({ json: diagram([topic(label, 0), topic(label, 10)]), id: 'long' });
    const [first, second] = [...load('long', files).topics.values()];
    expect(first?.title).toBe(`${'Understanding '.repeat(5)}Understan…`);
    expect(first?.title.length).toBe(80);
    expect(first?.id).toBe('understanding-understanding-understanding-understanding-understa');
    expect(second?.id).toBe('understanding-understanding-understanding-understanding-unders-2');
  });

  it('makes ids from accented text', () => {
    expect(kebabId('Crème brûlée: Ça marche!')).toBe('creme-brulee-ca-marche');
    expect(kebabId("What's new?")).toBe('whats-new');
    expect(kebabId('***')).toBe('');
  });

  it.each([
    ['Personal Recommendation / Opinion', 'recommended'],
    ['Alternative option - pick this or purple', 'alternative'],
    ['Order not strict / learn anytime', 'any-order'],
    ['Not recommended', 'not-recommended'],
    ['I wouldn’t bother', 'not-recommended'],
    ['Would not start here', 'not-recommended'],
  ])('reads the legend %j as %s', (label, mark) => {
    const { files } = importRoadmapSh({ json: diagram([topic('Marked', 0, { data: { label: 'Marked', legend: { id: 'x', label } } })]), id: 'marks' });
    expect(load('marks', files).topics.get('marked')?.mark).toBe(mark);
  });
});

describe('importRoadmapSh content files', () => {
  it('keeps at most 20 resources and a topic file of at most 20 KB', () => {
    const links = Array.from({ length: 25 }, (_, i) => `- [@article@Link ${i}](https://example.org/${i})`);
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} ${'word '.repeat(20)}`).join('\n\n');
    const { files, report } = importRoadmapSh({
      json: diagram([{ id: 'big', type: 'topic', position: { x: 0, y: 0 }, data: { label: 'Big' } }]),
      contentFiles: { 'content/big@big.md': `# Big\n\n${long}\n\n${links.join('\n')}\n` },
      id: 'big',
    });
    const big = load('big', files).topics.get('big');
    expect(big?.resources).toHaveLength(20);
    expect(big?.resources[19]?.url).toBe('https://example.org/19');
    expect(Buffer.byteLength(files['topics/big.md'] ?? '')).toBeLessThanOrEqual(20 * 1024);
    expect(big?.body.startsWith('Paragraph 0 word')).toBe(true);
    expect(report.notes).toContain('"Big": resource "https://example.org/20" was left out: a topic lists at most 20 resources');
    expect(report.notes.at(-1)).toBe('"Big": the text was shortened to fit the 20 KB limit of a topic file');
  });
});

describe('importRoadmapSh refuses broken and hostile input', () => {
  const valid = fs.readFileSync(path.join(FIXTURES, 'text-editing.json'), 'utf8');

  it('not JSON, or cut short', () => {
    expect(problemsOf(() => importRoadmapSh({ json: 'hello', id: 'x' }))).toEqual([expect.stringMatching(/^this is not valid JSON: .*JSON/)]);
    expect(problemsOf(() => importRoadmapSh({ json: valid.slice(0, valid.length / 2), id: 'x' }))).toEqual([expect.stringMatching(/^this is not valid JSON: /)]);
  });

  it('not the editor format', () => {
    expect(problemsOf(() => importRoadmapSh({ json: '{}', id: 'x' }))).toEqual([`this is not roadmap.sh's editor format: "nodes" and "edges" must be a list (an array)`]);
    expect(problemsOf(() => importRoadmapSh({ json: { nodes: {}, edges: [] }, id: 'x' }))).toEqual([
      `this is not roadmap.sh's editor format: "nodes" must be a list (an array)`,
    ]);
    expect(problemsOf(() => importRoadmapSh({ json: '[1, 2]', id: 'x' }))).toEqual([
      `this is not roadmap.sh's editor format: expected an object with "nodes" and "edges" lists`,
    ]);
    expect(problemsOf(() => importRoadmapSh({ json: null, id: 'x' }))).toEqual([`this is not roadmap.sh's editor format: expected an object with "nodes" and "edges" lists`]);
  });

  it('malformed nodes and edges, each named', () => {
    const json = '{"nodes": [{"id": "a", "type": "topic"}, {"id": "b", "type": "topic", "position": {"x": 1e999, "y": 0}}, {"type": "topic", "position": {"x": 0, "y": 0}}, 7, {"id": "c", "type": "topic", "position": {"x": 0, "y": 0}, "width": "wide"}], "edges": [{"id": "e"}]}';
    expect(problemsOf(() => importRoadmapSh({ json, id: 'x' }))).toEqual([
      'node 1 ("a"): needs a "position" with finite numbers "x" and "y"',
      'node 2 ("b"): needs a "position" with finite numbers "x" and "y"',
      'node 3: needs an "id" (a text)',
      'node 4: is not an object',
      'node 5 ("c"): "width" must be a finite number',
      'edge 1: needs a "source" and a "target" node id',
    ]);
  });

  it('two nodes with one id', () => {
    expect(problemsOf(() => importRoadmapSh({ json: diagram([{ ...topic('A', 0), id: 'same' }, { ...topic('B', 1), id: 'same' }]), id: 'x' }))).toEqual([
      'node 2: the id "same" is used by another node too',
    ]);
  });

  it('no topic at all', () => {
    expect(problemsOf(() => importRoadmapSh({ json: diagram([topic('', 0), { id: 't', type: 'title', position: { x: 0, y: 0 }, data: { label: 'T' } }]), id: 'x' }))).toEqual([
      'the roadmap has no topics: nodes of type "topic" with a label',
    ]);
  });

  it('a hostile node id imports, but names no file', () => {
    const { files, report } = importRoadmapSh({
      json: diagram([{ ...topic('Escape', 0), id: '../../etc/passwd' }]),
      contentFiles: { '../../etc/passwd.md': 'x', 'a@../../etc/passwd.md': 'y' },
      id: 'hostile',
    });
    expect(Object.keys(files).sort()).toEqual(['roadmap.md', 'roadmap.yaml', 'topics/escape.md']);
    expect(load('hostile', files).order).toEqual(['escape']);
    expect(report.imported[1]).toEqual({ nodeId: '../../etc/passwd', id: 'escape', title: 'Escape', kind: 'topic', withContent: false });
    expect(Object.values(files).join('\n')).not.toContain('etc');
  });

  it('nesting 40 deep, as text or as a value, and a cycle', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { inner: deep };
    const json = diagram([topic('A', 0, { data: { label: 'A', deep } })]);
    const message = ['the file is nested more than 32 levels deep; an editor file never is'];
    expect(problemsOf(() => importRoadmapSh({ json, id: 'x' }))).toEqual(message);
    expect(problemsOf(() => importRoadmapSh({ json: JSON.stringify(json), id: 'x' }))).toEqual(message);
    const cyclic: Record<string, unknown> = { label: 'A' };
    cyclic.self = cyclic;
    expect(problemsOf(() => importRoadmapSh({ json: diagram([topic('A', 0, { data: cyclic })]), id: 'x' }))).toEqual(message);
  });

  it('a 3 MB string, as text or as a value', () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const json = diagram([topic('A', 0, { data: { label: 'A', note: huge } })]);
    expect(problemsOf(() => importRoadmapSh({ json: JSON.stringify(json), id: 'x' }))).toEqual(['the file is 3.0 MB; the limit is 2 MB']);
    expect(problemsOf(() => importRoadmapSh({ json, id: 'x' }))).toEqual(['the file holds more than 2 MB of text']);
  });

  it('too many nodes, edges or topics, and labels over the limit', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => topic(`T ${i}`, i));
    expect(problemsOf(() => importRoadmapSh({ json: diagram(many(2001)), id: 'x' }))).toEqual(['the roadmap has 2001 nodes; the limit is 2000']);
    expect(problemsOf(() => importRoadmapSh({ json: diagram(many(1), Array.from({ length: 5001 }, () => ({ source: 'a', target: 'b' }))), id: 'x' }))).toEqual([
      'the roadmap has 5001 edges; the limit is 5000',
    ]);
    expect(problemsOf(() => importRoadmapSh({ json: diagram(many(501)), id: 'x' }))).toEqual(['the roadmap has 501 topics and subtopics; the limit is 500']);
    expect(problemsOf(() => importRoadmapSh({ json: diagram([{ ...topic('x'.repeat(301), 0), id: 'long' }]), id: 'x' }))).toEqual([
      'node 1 ("long"): its label is 301 characters long; the limit is 300',
    ]);
  });

  it('a bad roadmap id, and a value that throws when read', () => {
    expect(problemsOf(() => importRoadmapSh({ json: valid, id: '../up' }))).toEqual(['"../up" is not a roadmap id: use lower-case kebab-case of at most 64 characters']);
    const throwing = Object.defineProperty({ id: 'n', type: 'topic', position: { x: 0, y: 0 } }, 'data', {
      enumerable: true,
      get() {
        throw new Error('no access');
      },
    });
    expect(problemsOf(() => importRoadmapSh({ json: diagram([throwing]), id: 'x' }))).toEqual(['the file could not be imported: no access']);
  });
});

describe('importRoadmapSh on random diagrams', () => {
  // Node ids are handed out by place in the array, so that most diagrams get past the duplicate-id check.
  const ids = ['a', 'b', 'c', 'd', '../x', '__proto__', 'constructor', 'e', 'f', 'g', 'h', 'i'];
  const label = fc.oneof(
    fc.constantFrom('', ' ', 'Plan', 'edit', 'A: b', '#x', '---', '"q"', 'Same', 'same', 'x\ny', '[l](/r)', 'a](/b'),
    fc.string({ maxLength: 40 }),
  );
  const number = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -2000, max: 2000 }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308) },
  );
  const wellFormed = fc.record(
    {
      type: fc.constantFrom('topic', 'topic', 'topic', 'subtopic', 'subtopic', 'section', 'title', 'label', 'legend', 'vertical'),
      position: fc.record({ x: number, y: number }),
      width: fc.option(number, { nil: undefined }),
      height: fc.option(number, { nil: undefined }),
      data: fc.record({ label, legend: fc.option(fc.record({ id: fc.string(), label }), { nil: undefined }) }, { requiredKeys: ['label'] }),
    },
    { requiredKeys: ['type', 'position', 'data'] },
  );
  const node = fc.oneof({ weight: 40, arbitrary: wellFormed }, { weight: 1, arbitrary: fc.anything() });
  const nodes = fc.array(node, { minLength: 1, maxLength: ids.length }).map((list) => list.map((n, i) => (n !== null && typeof n === 'object' && 'position' in n ? { ...n, id: ids[i] } : n)));
  const edge = fc.oneof({ weight: 60, arbitrary: fc.record({ source: fc.constantFrom(...ids), target: fc.constantFrom(...ids) }) }, { weight: 1, arbitrary: fc.anything() });

  it('throws nothing but ImportError, and what it returns always loads', () => {
    let imported = 0;
    fc.assert(
      fc.property(nodes, fc.array(edge, { maxLength: 16 }), (nodeList, edges) => {
        let result: ReturnType<typeof importRoadmapSh>;
        try {
          result = importRoadmapSh({ json: { nodes: nodeList, edges }, id: 'random', contentFiles: { 'a@a.md': '# A\n\nText [x](/y).\n\n- [@book@B](http://b.example)\n' } });
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
          // These two messages mean the importer itself failed, which no input should cause.
          for (const problem of (error as ImportError).problems) expect(problem).not.toMatch(/^the importer made files|^the file could not be imported/);
          return;
        }
        imported++;
        const { issues } = loadRoadmap('random', new MemoryFiles(result.files), { rules: 'structural' });
        expect(issues).toEqual([]);
        expect(Object.keys(result.files).every((name) => FILE_NAME.test(name))).toBe(true);
      }),
      { numRuns: 400 },
    );
    // The property says little unless many diagrams actually import.
    expect(imported).toBeGreaterThan(200);
  });
});
