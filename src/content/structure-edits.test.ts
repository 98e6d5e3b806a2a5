import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './content-issue.js';
import { FolderFiles, MemoryFiles } from './roadmap-files.js';
import { loadRoadmap } from './roadmap-loader.js';
import { applyStructureEdit, freeTopicId, outlineOf, StructureEditError, type StructureEdit, type StructureEditReason } from './structure-edits.js';

type Files = Record<string, string>;

const topic = (title: string, prerequisites: string, body = `What a learner should know about ${title}.`) =>
  `---\ntitle: ${title}\nlevel: beginner\nhours: 2\nprerequisites: ${prerequisites}\nresources: []\n---\n\n${body}\n`;

const project = (title: string, topics: string[]) =>
  [
    '---',
    `title: ${title}`,
    'difficulty: beginner',
    'hours: 6',
    'topics:',
    ...topics.map((t) => `  - ${t}`),
    `summary: A small project on ${title}.`,
    '---',
    '',
    '## Goal',
    '',
    'Build it.',
    '',
    '## Requirements',
    '',
    'It works.',
    '',
    '## Stretch goals',
    '',
    'It works well.',
    '',
  ].join('\n');

const STRUCTURE = `# The structure of the test roadmap.
sections:
  - id: basics
    title: Basics
    topics:
      - id: internet # the first stop
        mark: recommended
        subtopics:
          - id: http
            mark: recommended
          - id: dns
      - id: terminal

  - id: data
    title: Data
    topics:
      # Databases come before their tools.
      - id: databases
        subtopics:
          - id: sql
          - id: orms
            mark: alternative

  - id: ops
    title: Operations
    topics:
      - id: docker
edges:
  - from: sql # drawn dashed
    to: orms
  - from: http
    to: docker
retired:
  http-basics: http # renamed
  web-1-0: null
`;

const HTTP_TOPIC = `---
title: HTTP
level: beginner
hours: 8 # to working knowledge
prerequisites:
  - internet
resources: []
---

Requests and responses; names come from [DNS](/t/dns#records).
`;

const QUESTIONS = `questions:
  - id: http-safe-method
    level: beginner
    prompt: Which method may a crawler call without changing anything? See [HTTP](/t/http).
    options:
      - id: a
        text: POST
      - id: b
        text: GET
        correct: true
      - id: c
        text: DELETE
    explanation: GET is safe by definition; POST asks the server to process data.
`;

const GUIDE = `---
title: Guide
description: The path.
---

## 1. Basics

Read [HTTP](/t/http) and [DNS](/t/dns), then try [the lookup project](/t/projects/dns-lookup).
`;

/** A small roadmap with everything an edit touches: subtopics, marks, comments, edges, retired ids, projects, questions, links. */
const FIXTURE: Files = {
  'roadmap.md': '---\nversion: 1\nbriefTitle: Test\nbriefDescription: A small roadmap.\ntitle: Test Roadmap\ndescription: Topics to edit.\n---\n\nStart with [HTTP](/t/http).\n',
  'roadmap.yaml': STRUCTURE,
  'topics/internet.md': topic('How the Internet Works', '[]'),
  'topics/http.md': HTTP_TOPIC,
  'topics/dns.md': topic('DNS', '[internet, http]'),
  'topics/terminal.md': topic('Terminal', '[]'),
  'topics/databases.md': topic('Databases', '[]'),
  'topics/sql.md': topic('SQL', '\n  - databases'),
  'topics/orms.md': topic('ORMs', '\n  - sql # first\n  - http'),
  'topics/docker.md': topic('Docker', '[terminal]', 'Containers for [the terminal](/t/terminal).'),
  'projects/api-server.md': project('API Server', ['http', 'sql']),
  'projects/dns-lookup.md': project('DNS Lookup', ['dns']),
  'questions/http.yaml': QUESTIONS,
  'guide.md': GUIDE,
  'faq.md': '---\ntitle: FAQ\n---\n\n## How long does it take?\n\nAbout {{totalHours}} hours.\n',
};

const BACKEND: Files = (() => {
  const folder = new FolderFiles(path.resolve('content/roadmaps/backend'));
  return Object.fromEntries(folder.names().map((name) => [name, folder.read(name) ?? '']));
})();

/** Problems the loader finds, as `file:line: message`; empty means the files are a valid roadmap. */
function problems(files: Files, id = 't'): string[] {
  return loadRoadmap(id, new MemoryFiles(files), { rules: 'structural' }).issues.map(formatIssue);
}

function loaded(files: Files, id = 't') {
  const { roadmap } = loadRoadmap(id, new MemoryFiles(files), { rules: 'structural' });
  if (!roadmap) throw new Error('roadmap did not load');
  return roadmap;
}

/** Applies an edit to the fixture (links belong to roadmap `t`) and checks the result still loads cleanly. */
function edit(e: StructureEdit, files: Files = FIXTURE) {
  const result = applyStructureEdit(files, e, { roadmapId: 't' });
  expect(problems(result.files)).toEqual([]);
  return result;
}

const structureOf = (files: Files) => outlineOf(files).sections.map((s) => `${s.id}: ${s.topics.map((t) => [t.id, ...t.subtopics.map((u) => `>${u.id}`)].join(' ')).join(' | ')}`);

describe('the fixtures', () => {
  it('load without problems before any edit', () => {
    expect(problems(FIXTURE)).toEqual([]);
    expect(problems(BACKEND, 'backend')).toEqual([]);
  });
});

describe('outlineOf', () => {
  it('lists sections, topics and subtopics with titles from the topic files and marks from the structure', () => {
    const { sections, problem } = outlineOf(FIXTURE);
    expect(problem).toBeNull();
    expect(sections[0]).toEqual({
      id: 'basics',
      title: 'Basics',
      topics: [
        {
          id: 'internet',
          title: 'How the Internet Works',
          mark: 'recommended',
          subtopics: [
            { id: 'http', title: 'HTTP', mark: 'recommended' },
            { id: 'dns', title: 'DNS' },
          ],
        },
        { id: 'terminal', title: 'Terminal', subtopics: [] },
      ],
    });
    expect(sections.map((s) => s.id)).toEqual(['basics', 'data', 'ops']);
  });

  it('falls back to the id when a topic file is missing or its front matter is broken', () => {
    const files: Files = { ...FIXTURE, 'topics/dns.md': '---\ntitle: [broken\n---\n' };
    delete files['topics/terminal.md'];
    const [basics] = outlineOf(files).sections;
    expect(basics?.topics[0]?.subtopics[1]?.title).toBe('dns');
    expect(basics?.topics[1]?.title).toBe('terminal');
  });

  it('gives what it could read and the problem when roadmap.yaml is broken, without throwing', () => {
    const broken = outlineOf({ ...FIXTURE, 'roadmap.yaml': STRUCTURE.replace('      - id: docker\n', '      - id: docker\n   bad: [\n') });
    expect(broken.problem).toMatch(/^roadmap\.yaml, line \d+: /);
    expect(broken.sections.map((s) => s.id)).toContain('basics');
    expect(outlineOf({ 'roadmap.yaml': 'sections: 3\n' })).toEqual({ sections: [], problem: 'roadmap.yaml: `sections` must be a list' });
    expect(outlineOf({})).toEqual({ sections: [], problem: 'The roadmap has no roadmap.yaml.' });
  });
});

describe('freeTopicId', () => {
  it('makes a kebab-case id from a title', () => {
    expect(freeTopicId(FIXTURE, 'Message Queues')).toBe('message-queues');
    expect(freeTopicId(FIXTURE, '  Café & C++ ')).toBe('cafe-and-c-plus-plus');
    expect(freeTopicId(FIXTURE, '!!!')).toBe('topic');
    expect(freeTopicId(FIXTURE, 'word '.repeat(30))).toMatch(/^word(-word)*$/);
    expect(freeTopicId(FIXTURE, 'word '.repeat(30)).length).toBeLessThanOrEqual(64);
  });

  it('skips ids of topics, sections, retired ids and reserved pages', () => {
    expect(freeTopicId(FIXTURE, 'HTTP')).toBe('http-2');
    expect(freeTopicId(FIXTURE, 'Basics')).toBe('basics-2');
    expect(freeTopicId(FIXTURE, 'HTTP basics')).toBe('http-basics-2');
    expect(freeTopicId(FIXTURE, 'Web 1.0')).toBe('web-1-0-2');
    expect(freeTopicId(FIXTURE, 'Guide')).toBe('guide-2');
    expect(freeTopicId({ ...FIXTURE, 'topics/http-2.md': 'stray' }, 'HTTP')).toBe('http-3');
  });
});

describe('add', () => {
  it('puts a spine topic at the given place and writes its file', () => {
    const { files, changed, notes } = edit({ op: 'add', title: 'Shell Scripting', sectionId: 'basics', index: 1 });
    expect(changed).toEqual(['roadmap.yaml', 'topics/shell-scripting.md']);
    expect(notes).toEqual([]);
    expect(files['roadmap.yaml']).toBe(STRUCTURE.replace('      - id: terminal\n', '      - id: shell-scripting\n      - id: terminal\n'));
    expect(files['topics/shell-scripting.md']).toBe(
      '---\ntitle: Shell Scripting\nlevel: beginner\nhours: 1\nprerequisites: []\nresources: []\n---\n\nWrite what a learner should know about Shell Scripting.\n',
    );
  });

  it('adds at the end by default, and quotes a title YAML would misread', () => {
    const { files } = edit({ op: 'add', title: 'Docker: Compose', sectionId: 'ops' });
    expect(structureOf(files)[2]).toBe('ops: docker | docker-compose');
    expect(files['topics/docker-compose.md']).toContain('\ntitle: "Docker: Compose"\n');
    expect(loaded(files).topics.get('docker-compose')?.title).toBe('Docker: Compose');
  });

  it('adds a subtopic, giving a topic without subtopics its first', () => {
    const { files } = edit({ op: 'add', title: 'SSH', sectionId: 'basics', parentId: 'terminal', id: 'secure-shell' });
    expect(files['roadmap.yaml']).toContain('      - id: terminal\n        subtopics:\n          - id: secure-shell\n\n  - id: data\n');
    expect(loaded(files).topics.get('secure-shell')).toMatchObject({ parentId: 'terminal', kind: 'subtopic', title: 'SSH' });
  });

  it('brings back a retired id on request, dropping its retired entry and saying so', () => {
    const { files, notes } = edit({ op: 'add', title: 'Web 1.0', sectionId: 'basics', id: 'web-1-0' });
    expect(loaded(files).retired).toEqual(new Map([['http-basics', 'http']]));
    expect(notes).toEqual(['"web-1-0" was a removed topic\'s id; it names this topic again, so progress saved under it counts again.']);
  });
});

describe('add-section', () => {
  it('adds a section with a first topic, spaced like its neighbours', () => {
    const { files, changed, notes } = edit({ op: 'add-section', title: 'Security', index: 2 });
    expect(changed).toEqual(['roadmap.yaml', 'topics/new-topic.md']);
    expect(files['roadmap.yaml']).toBe(
      STRUCTURE.replace('  - id: ops\n', '  - id: security\n    title: Security\n    topics:\n      - id: new-topic\n\n  - id: ops\n'),
    );
    expect(notes).toEqual(['The new section starts with a topic "New topic" (new-topic), because a section needs at least one.']);
    expect(loaded(files).topics.get('new-topic')?.title).toBe('New topic');
  });

  it('adds a first section and keeps the blank line after it', () => {
    const { files } = edit({ op: 'add-section', title: 'Basics', index: 0 });
    expect(files['roadmap.yaml']).toContain('sections:\n  - id: basics-2\n    title: Basics\n    topics:\n      - id: new-topic\n\n  - id: basics\n');
  });
});

describe('rename', () => {
  it('changes only the title in the front matter when the id stays', () => {
    const { files, changed } = edit({ op: 'rename', topicId: 'http', title: 'HTTP: the protocol' });
    expect(changed).toEqual(['topics/http.md']);
    expect(files['topics/http.md']).toBe(HTTP_TOPIC.replace('title: HTTP\n', 'title: "HTTP: the protocol"\n'));
  });

  it('keeps the quoting style of the old title', () => {
    const files = { ...FIXTURE, 'topics/dns.md': FIXTURE['topics/dns.md']!.replace('title: DNS', "title: 'DNS' # short") };
    const result = edit({ op: 'rename', topicId: 'dns', title: "Domain Name System's basics" }, files);
    expect(result.files['topics/dns.md']).toContain("title: 'Domain Name System''s basics' # short\n");
  });

  it('with a new id, moves the files and every reference, and retires the old id', () => {
    const { files, changed } = edit({ op: 'rename', topicId: 'http', title: 'Web Protocol', newId: 'web-protocol' });
    expect(changed).toEqual([
      'guide.md',
      'projects/api-server.md',
      'questions/http.yaml',
      'questions/web-protocol.yaml',
      'roadmap.md',
      'roadmap.yaml',
      'topics/dns.md',
      'topics/http.md',
      'topics/orms.md',
      'topics/web-protocol.md',
    ]);
    expect(files['roadmap.yaml']).toBe(
      STRUCTURE.replace('- id: http\n', '- id: web-protocol\n')
        .replace('  - from: http\n', '  - from: web-protocol\n')
        .replace('  http-basics: http # renamed\n  web-1-0: null\n', '  http-basics: web-protocol # renamed\n  web-1-0: null\n  http: web-protocol\n'),
    );
    expect(files['topics/web-protocol.md']).toBe(HTTP_TOPIC.replace('title: HTTP\n', 'title: Web Protocol\n'));
    expect(files['topics/dns.md']).toContain('prerequisites: [internet, web-protocol]\n');
    expect(files['topics/orms.md']).toContain('prerequisites: \n  - sql # first\n  - web-protocol\n');
    expect(files['projects/api-server.md']).toContain('topics:\n  - web-protocol\n  - sql\n');
    expect(files['questions/web-protocol.yaml']).toBe(QUESTIONS.replace('](/t/http)', '](/t/web-protocol)'));
    expect(files['guide.md']).toContain('Read [HTTP](/t/web-protocol) and [DNS](/t/dns)');
    const roadmap = loaded(files);
    expect(roadmap.retired).toEqual(
      new Map([
        ['http-basics', 'web-protocol'],
        ['web-1-0', null],
        ['http', 'web-protocol'],
      ]),
    );
    expect(roadmap.questionsByTopic.get('web-protocol')).toEqual(['http-safe-method']);
    expect(roadmap.edges).toContainEqual({ from: 'web-protocol', to: 'docker' });
  });

  it('keeps the comments on the lines it changes', () => {
    const { files } = edit({ op: 'rename', topicId: 'internet', title: 'The Internet', newId: 'the-internet' });
    const again = edit({ op: 'rename', topicId: 'sql', title: 'SQL', newId: 'structured-query-language' }, files);
    expect(again.files['roadmap.yaml']).toContain('      - id: the-internet # the first stop\n');
    expect(again.files['roadmap.yaml']).toContain('  - from: structured-query-language # drawn dashed\n');
    expect(again.files['topics/orms.md']).toContain('  - structured-query-language # first\n');
  });

  it('renamed back, drops the retired entry of the id it takes again and keeps chains one step long', () => {
    const there = edit({ op: 'rename', topicId: 'http', title: 'Web Protocol', newId: 'web-protocol' });
    const back = edit({ op: 'rename', topicId: 'web-protocol', title: 'HTTP', newId: 'http' }, there.files);
    expect(loaded(back.files).retired).toEqual(
      new Map([
        ['http-basics', 'http'],
        ['web-1-0', null],
        ['web-protocol', 'http'],
      ]),
    );
    expect(back.notes).toEqual([
      '"http" was a retired id whose saved progress went to "web-protocol"; it names this topic again, so older progress saved under it counts here.',
    ]);
    expect(back.files['topics/http.md']).toBe(HTTP_TOPIC);
    expect(back.files['guide.md']).toBe(GUIDE);
  });

  it('turns an empty flow `retired: {}` into a block mapping', () => {
    const files = { ...FIXTURE, 'roadmap.yaml': STRUCTURE.replace(/retired:\n[\s\S]*$/, 'retired: {}\n') };
    const result = edit({ op: 'rename', topicId: 'docker', title: 'Containers', newId: 'containers' }, files);
    expect(result.files['roadmap.yaml']).toMatch(/\nretired:\n {2}docker: containers\n$/);
  });
});

describe('remove', () => {
  it('takes out a topic with its subtopics, their files, prerequisites, edges, links and emptied projects', () => {
    const { files, changed, notes } = edit({ op: 'remove', topicId: 'internet' });
    expect(notes).toEqual([
      'Its subtopics "HTTP", "DNS" were removed too.',
      'Project "DNS Lookup" practised only the removed topics, so its brief (projects/dns-lookup.md) was deleted.',
    ]);
    expect(changed).toEqual([
      'guide.md',
      'projects/api-server.md',
      'projects/dns-lookup.md',
      'questions/http.yaml',
      'roadmap.md',
      'roadmap.yaml',
      'topics/dns.md',
      'topics/http.md',
      'topics/internet.md',
      'topics/orms.md',
    ]);
    expect(Object.keys(files).filter((name) => !(name in FIXTURE))).toEqual([]);
    expect(files['roadmap.yaml']).toBe(
      STRUCTURE.replace(/ {6}- id: internet # the first stop\n[\s\S]*?(?= {6}- id: terminal)/, '')
        .replace('  - from: http\n    to: docker\n', '')
        .replace('  http-basics: http # renamed\n  web-1-0: null\n', '  http-basics: null # renamed\n  web-1-0: null\n  internet: null\n  http: null\n  dns: null\n'),
    );
    expect(files['topics/orms.md']).toContain('prerequisites: \n  - sql # first\nresources');
    expect(files['projects/api-server.md']).toContain('topics:\n  - sql\n');
    expect(files['guide.md']).toContain('Read HTTP and DNS, then try the lookup project.');
    expect(files['roadmap.md']).toContain('Start with HTTP.');
    expect(loaded(files).retired.get('http-basics')).toBeNull();
  });

  it('empties a flow list of prerequisites to `[]`', () => {
    const { files } = edit({ op: 'remove', topicId: 'terminal' });
    expect(files['topics/docker.md']).toBe(topic('Docker', '[]', 'Containers for the terminal.'));
  });

  it('removes a section left without topics, and says so', () => {
    const { files, notes } = edit({ op: 'remove', topicId: 'docker' });
    expect(structureOf(files)).toEqual(['basics: internet >http >dns | terminal', 'data: databases >sql >orms']);
    expect(notes).toEqual(['Section "Operations" had no other topics, so it was removed.']);
  });

  it('drops the `subtopics` key of a topic left without subtopics', () => {
    const once = edit({ op: 'remove', topicId: 'sql' });
    const { files } = edit({ op: 'remove', topicId: 'orms' }, once.files);
    expect(files['roadmap.yaml']).toContain('      # Databases come before their tools.\n      - id: databases\n\n  - id: ops\n');
  });
});

describe('move', () => {
  it('reorders topics within a section', () => {
    const { files, changed } = edit({ op: 'move', topicId: 'terminal', sectionId: 'basics', index: 0 });
    expect(changed).toEqual(['roadmap.yaml']);
    expect(structureOf(files)[0]).toBe('basics: terminal | internet >http >dns');
    expect(files['roadmap.yaml']).toContain('    topics:\n      - id: terminal\n      - id: internet # the first stop\n        mark: recommended\n');
  });

  it('moves a topic with its subtopics, mark and comment to another section', () => {
    const { files } = edit({ op: 'move', topicId: 'internet', sectionId: 'ops', index: 1 });
    expect(structureOf(files)).toEqual(['basics: terminal', 'data: databases >sql >orms', 'ops: docker | internet >http >dns']);
    expect(files['roadmap.yaml']).toContain('      - id: docker\n      - id: internet # the first stop\n        mark: recommended\n        subtopics:\n');
    expect(loaded(files).topics.get('http')).toMatchObject({ sectionId: 'ops', parentId: 'internet' });
  });

  it('turns a spine topic into a subtopic and a subtopic into a spine topic', () => {
    const down = edit({ op: 'move', topicId: 'terminal', sectionId: 'data', parentId: 'databases', index: 2 });
    expect(structureOf(down.files)[1]).toBe('data: databases >sql >orms >terminal');
    const up = edit({ op: 'move', topicId: 'orms', sectionId: 'ops', index: 0 }, down.files);
    expect(structureOf(up.files)).toEqual(['basics: internet >http >dns', 'data: databases >sql >terminal', 'ops: orms | docker']);
    expect(loaded(up.files).topics.get('orms')).toMatchObject({ kind: 'topic', mark: 'alternative', sectionId: 'ops' });
  });

  it('moves the only topic of a section away, and the section goes', () => {
    const { files, notes } = edit({ op: 'move', topicId: 'docker', sectionId: 'basics', parentId: 'internet', index: 0 });
    expect(structureOf(files)).toEqual(['basics: internet >docker >http >dns | terminal', 'data: databases >sql >orms']);
    expect(notes).toEqual(['Section "Operations" had no other topics, so it was removed.']);
  });

  it('leaves the files as they were when the topic stays in place', () => {
    const { files, changed } = edit({ op: 'move', topicId: 'docker', sectionId: 'ops', index: 0 });
    expect(changed).toEqual([]);
    expect(files).toEqual(FIXTURE);
  });
});

describe('refused edits', () => {
  const cases: [string, StructureEdit, StructureEditReason, string, Files?][] = [
    [
      'unreadable YAML',
      { op: 'remove', topicId: 'docker' },
      'unreadable',
      'roadmap.yaml cannot be read (line 4: Missing closing "quote). Fix it in the file editor first.',
      { ...FIXTURE, 'roadmap.yaml': 'sections:\n  - id: a\n    title: "x\n' },
    ],
    ['no roadmap.yaml', { op: 'remove', topicId: 'docker' }, 'unreadable', 'The roadmap has no roadmap.yaml, so its structure cannot be edited.', {}],
    [
      'a topic without an id',
      { op: 'remove', topicId: 'docker' },
      'unreadable',
      'roadmap.yaml: topic 1 of section "ops" has no id. Fix it in the file editor first.',
      { ...FIXTURE, 'roadmap.yaml': STRUCTURE.replace('- id: docker', '- mark: recommended') },
    ],
    ['an unknown topic', { op: 'remove', topicId: 'kafka' }, 'unknown-topic', 'There is no topic "kafka" in this roadmap.'],
    ['an unknown topic to rename', { op: 'rename', topicId: 'kafka', title: 'Kafka' }, 'unknown-topic', 'There is no topic "kafka" in this roadmap.'],
    ['an unknown section', { op: 'add', title: 'X', sectionId: 'nowhere' }, 'unknown-section', 'There is no section "nowhere" in this roadmap.'],
    ['an unknown target section', { op: 'move', topicId: 'sql', sectionId: 'nowhere', index: 0 }, 'unknown-section', 'There is no section "nowhere" in this roadmap.'],
    ['an unknown parent', { op: 'add', title: 'X', sectionId: 'basics', parentId: 'kafka' }, 'unknown-topic', 'There is no topic "kafka" in this roadmap.'],
    [
      'a subtopic as parent',
      { op: 'add', title: 'X', sectionId: 'basics', parentId: 'http' },
      'invalid-parent',
      '"http" is itself a subtopic, and a subtopic cannot have subtopics: a roadmap has only two levels.',
    ],
    ['a parent in another section', { op: 'move', topicId: 'docker', sectionId: 'ops', parentId: 'databases', index: 0 }, 'invalid-parent', '"databases" is not in section "ops".'],
    [
      'a topic with subtopics under another',
      { op: 'move', topicId: 'databases', sectionId: 'basics', parentId: 'terminal', index: 0 },
      'too-deep',
      '"databases" has 2 subtopics, so it cannot become a subtopic: a roadmap has only two levels. Move its subtopics out first.',
    ],
    ['a topic under itself', { op: 'move', topicId: 'terminal', sectionId: 'basics', parentId: 'terminal', index: 0 }, 'invalid-parent', '"terminal" cannot be a subtopic of itself.'],
    [
      'a position past the end',
      { op: 'move', topicId: 'terminal', sectionId: 'basics', index: 2 },
      'invalid-index',
      'Position 2 is outside section "basics", which has room for positions 0 to 1.',
    ],
    [
      'a negative position',
      { op: 'add', title: 'X', sectionId: 'data', parentId: 'databases', index: -1 },
      'invalid-index',
      'Position -1 is outside the subtopics of "databases", which has room for positions 0 to 2.',
    ],
    ['an id in use by a topic', { op: 'rename', topicId: 'http', title: 'HTTP', newId: 'dns' }, 'id-taken', 'The id "dns" is already used by a topic.'],
    ['an id in use by a section', { op: 'add', title: 'X', sectionId: 'ops', id: 'data' }, 'id-taken', 'The id "data" is already used by a section.'],
    [
      'a retired id for a section',
      { op: 'add-section', title: 'Web', id: 'web-1-0' },
      'id-taken',
      'The id "web-1-0" belonged to a topic that was renamed or removed; a section needs an id of its own.',
    ],
    [
      'an id in use by a stray file',
      { op: 'add', title: 'X', sectionId: 'ops', id: 'kafka' },
      'id-taken',
      'The id "kafka" is already used by a file (topics/kafka.md or questions/kafka.yaml).',
      { ...FIXTURE, 'questions/kafka.yaml': 'questions: []\n' },
    ],
    [
      'an id that is not kebab-case',
      { op: 'rename', topicId: 'http', title: 'HTTP', newId: 'HTTP Basics' },
      'invalid-id',
      '"HTTP Basics" is not a valid id: use lower-case letters, digits and single hyphens, at most 64 characters.',
    ],
    [
      'a reserved id',
      { op: 'add', title: 'Guide', sectionId: 'ops', id: 'guide' },
      'invalid-id',
      '"guide" is the address of a page of every roadmap, so it cannot be an id. Choose another.',
    ],
    ['an empty title', { op: 'add', title: '  \n ', sectionId: 'ops' }, 'invalid-title', 'A title cannot be empty.'],
    ['a long title', { op: 'rename', topicId: 'sql', title: 'x'.repeat(81) }, 'invalid-title', 'A title may have at most 80 characters; this one has 81.'],
    [
      'a missing topic file',
      { op: 'rename', topicId: 'sql', title: 'SQL' },
      'unreadable',
      'topics/sql.md is missing, so the title of "sql" cannot be changed.',
      Object.fromEntries(Object.entries(FIXTURE).filter(([name]) => name !== 'topics/sql.md')),
    ],
    [
      'the last topic',
      { op: 'remove', topicId: 'only' },
      'last-topic',
      '"only" cannot be removed: a roadmap needs at least one topic. Add another topic first.',
      { 'roadmap.yaml': 'sections:\n  - id: s\n    title: S\n    topics:\n      - id: only\n        subtopics:\n          - id: sub\n' },
    ],
  ];

  it.each(cases)('refuses %s with a message for the user', (_name, e, reason, message, files = FIXTURE) => {
    const before = JSON.stringify(files);
    let thrown: unknown;
    try {
      applyStructureEdit(files, e);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StructureEditError);
    expect(thrown).toMatchObject({ reason, message });
    expect(JSON.stringify(files)).toBe(before);
  });
});

describe('edits of the official Backend roadmap', () => {
  const before = loaded(BACKEND, 'backend');
  const backend = (e: StructureEdit) => {
    const result = applyStructureEdit(BACKEND, e, { roadmapId: 'backend' });
    expect(problems(result.files, 'backend')).toEqual([]);
    return { ...result, roadmap: loaded(result.files, 'backend') };
  };
  const dependentsOf = (id: string) => [...before.topics.values()].filter((t) => t.prerequisites.includes(id));

  it('renames http to http-basics-2: files, prerequisites, edge, links and a retired entry, comments kept', () => {
    const dependents = dependentsOf('http');
    expect(dependents.length).toBeGreaterThan(10);
    const { files, roadmap } = backend({ op: 'rename', topicId: 'http', title: 'HTTP Basics', newId: 'http-basics-2' });
    expect(files['roadmap.yaml']).toBe(
      BACKEND['roadmap.yaml']!.replace('          - id: http\n', '          - id: http-basics-2\n')
        .replace('  - from: http\n', '  - from: http-basics-2\n')
        .replace('retired: {}\n', 'retired:\n  http: http-basics-2\n'),
    );
    expect(files['roadmap.yaml']).toContain('# Ids are permanent: rename or remove a topic by recording it under `retired`.\n');
    expect(roadmap.retired).toEqual(new Map([['http', 'http-basics-2']]));
    expect(roadmap.topics.get('http-basics-2')).toMatchObject({ title: 'HTTP Basics', parentId: 'how-the-internet-works', mark: 'recommended' });
    for (const { id, prerequisites } of dependents) {
      expect(roadmap.topics.get(id)?.prerequisites).toEqual(prerequisites.map((p) => (p === 'http' ? 'http-basics-2' : p)));
    }
    expect(files['topics/http-basics-2.md']).toBe(BACKEND['topics/http.md']!.replace('title: HTTP\n', 'title: HTTP Basics\n'));
    expect(files['questions/http-basics-2.yaml']).toBe(BACKEND['questions/http.yaml']);
    expect(files['guide.md']).toContain('[HTTP](/backend/http-basics-2)');
    expect(roadmap.projects.find((p) => p.id === 'access-log-analyzer')?.topics).toContain('http-basics-2');
  });

  it('removes dns, which others list as a prerequisite', () => {
    expect(dependentsOf('dns').map((t) => t.id)).toEqual(['domain-names']);
    const { files, notes, roadmap } = backend({ op: 'remove', topicId: 'dns' });
    expect(notes).toEqual([]);
    expect(files['roadmap.yaml']).toBe(BACKEND['roadmap.yaml']!.replace('          - id: dns\n', '').replace('retired: {}\n', 'retired:\n  dns: null\n'));
    expect(files['topics/domain-names.md']).toBe(BACKEND['topics/domain-names.md']!.replace('prerequisites:\n  - dns\n', 'prerequisites: []\n'));
    expect(roadmap.topics.get('domain-names')?.prerequisites).toEqual([]);
    expect(roadmap.retired).toEqual(new Map([['dns', null]]));
    const project = (r: typeof roadmap) => r.projects.find((p) => p.id === 'static-site-on-a-vps')?.topics;
    expect(project(roadmap)).toEqual(project(before)?.filter((t) => t !== 'dns'));
    expect(files['topics/dns.md']).toBeUndefined();
    expect(files['questions/dns.yaml']).toBeUndefined();
    expect(files['guide.md']).toContain('[HTTP](/backend/http), DNS, [Domain Names](/backend/domain-names)');
  });

  it('moves repo-hosting with its subtopics to another section', () => {
    const { files, changed, roadmap } = backend({ op: 'move', topicId: 'repo-hosting', sectionId: 'os', index: 0 });
    expect(changed).toEqual(['roadmap.yaml']);
    const block = '      - id: repo-hosting\n        subtopics:\n          - id: github\n            mark: recommended\n          - id: gitlab\n            mark: alternative\n          - id: bitbucket\n            mark: alternative\n';
    expect(files['roadmap.yaml']).toBe(BACKEND['roadmap.yaml']!.replace(block, '').replace('    topics:\n      - id: operating-systems\n', `    topics:\n${block}      - id: operating-systems\n`));
    expect(roadmap.sections.find((s) => s.id === 'os')?.topicIds).toEqual(['repo-hosting', 'operating-systems', 'terminal-usage']);
    expect(roadmap.topics.get('gitlab')).toMatchObject({ sectionId: 'os', parentId: 'repo-hosting', mark: 'alternative' });
  });
});

describe('any sequence of valid edits', () => {
  const titles = fc
    .string({ unit: fc.constantFrom('a', 'B', 'z', ' ', ':', '#', "'", '"', '-', '&', '+', 'é', '1', '[', ']', '{'), minLength: 1, maxLength: 24 })
    .filter((t) => t.trim() !== '');
  const step = fc.record({
    kind: fc.constantFrom('add', 'add-sub', 'add-section', 'retitle', 'rename', 'move', 'move-sub', 'remove'),
    a: fc.nat(),
    b: fc.nat(),
    c: fc.nat(),
    title: titles,
  });

  /** Turns random numbers into an edit that is valid for these files, or null when there is none of that kind. */
  function editFor(files: Files, s: { kind: string; a: number; b: number; c: number; title: string }): StructureEdit | null {
    const { sections } = outlineOf(files);
    const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];
    const nodes = sections.flatMap((sec) => sec.topics.flatMap((t) => [{ id: t.id, kids: t.subtopics.length }, ...t.subtopics.map((u) => ({ id: u.id, kids: 0 }))]));
    const section = pick(sections, s.a);
    const node = pick(nodes, s.b);
    if (!section || !node) return null;
    const spine = section.topics.filter((t) => t.id !== node.id);
    switch (s.kind) {
      case 'add':
        return { op: 'add', title: s.title, sectionId: section.id, index: s.c % (section.topics.length + 1) };
      case 'add-sub': {
        const parent = pick(section.topics, s.c);
        return parent ? { op: 'add', title: s.title, sectionId: section.id, parentId: parent.id, index: s.c % (parent.subtopics.length + 1) } : null;
      }
      case 'add-section':
        return { op: 'add-section', title: s.title, index: s.c % (sections.length + 1) };
      case 'retitle':
        return { op: 'rename', topicId: node.id, title: s.title };
      case 'rename':
        return { op: 'rename', topicId: node.id, title: s.title, newId: freeTopicId(files, s.title) };
      case 'move': {
        const inPlace = section.topics.some((t) => t.id === node.id);
        return { op: 'move', topicId: node.id, sectionId: section.id, index: s.c % (section.topics.length + (inPlace ? 0 : 1)) };
      }
      case 'move-sub': {
        const parent = pick(spine, s.c);
        if (!parent || node.kids > 0) return null;
        const inPlace = parent.subtopics.some((u) => u.id === node.id);
        return { op: 'move', topicId: node.id, sectionId: section.id, parentId: parent.id, index: s.c % (parent.subtopics.length + (inPlace ? 0 : 1)) };
      }
      default:
        return nodes.length > node.kids + 1 ? { op: 'remove', topicId: node.id } : null;
    }
  }

  it('keeps the roadmap loading without problems', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        let files = FIXTURE;
        for (const s of steps) {
          const e = editFor(files, s);
          if (!e) continue;
          files = applyStructureEdit(files, e, { roadmapId: 't' }).files;
          expect(problems(files), JSON.stringify(e)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
