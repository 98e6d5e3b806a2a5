import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, topicFile, writeSampleContent, topicBody } from '../../test/helpers/content-fixture.js';
import { formatIssue } from './content-issue.js';
import { loadContent } from './roadmap-loader.js';

let dir: string;
const file = (rel: string) => path.join(dir, 'roadmaps/sample', rel);
const write = (rel: string, text: string) => fs.writeFileSync(file(rel), text);
const edit = (rel: string, from: string | RegExp, to: string) => {
  const before = fs.readFileSync(file(rel), 'utf8');
  const after = before.replace(from, to);
  expect(after).not.toBe(before);
  write(rel, after);
};
const messages = () => loadContent(dir).issues.map(formatIssue);

beforeEach(() => {
  dir = writeSampleContent();
});
afterEach(() => removeDir(dir));

describe('loadContent', () => {
  it('loads valid content into sections, topics in learning order, and resolved retirements', () => {
    const { content, issues } = loadContent(dir);
    expect(issues).toEqual([]);
    const sample = content.roadmaps.get('sample');
    expect(sample?.order).toEqual(['alpha', 'alpha-one', 'alpha-two', 'alpha-three-with-a-really-long-title-that-must-wrap', 'beta', 'gamma', 'gamma-one']);
    expect(sample?.sections.map((s) => s.nodeIds.length)).toEqual([5, 2]);
    expect(sample?.topics.get('alpha-two')).toMatchObject({ parentId: 'alpha', kind: 'subtopic', mark: 'alternative', sectionId: 'basics' });
    expect(sample?.retired.get('older-alpha')).toBe('alpha');
    expect(sample?.retired.get('removed-topic')).toBeNull();
    expect(sample?.totalHours).toBe(3 + 2 + 2 + 2 + 4.5 + 10 + 2);
    expect(sample?.faq.map((f) => f.question)).toEqual(['How long does sample take?', 'Is this a question?']);
  });

  it('reports an unknown prerequisite id with the line of the entry', () => {
    write('topics/beta.md', topicFile('beta', { prerequisites: ['alpha', 'no-such-topic'] }));
    expect(messages()).toContain('roadmaps/sample/topics/beta.md:5: unknown prerequisite "no-such-topic"');
  });

  it('reports a duplicate topic id in the structure', () => {
    edit('roadmap.yaml', '      - id: beta\n', '      - id: beta\n      - id: alpha-one\n');
    expect(messages()).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/roadmap\.yaml:13: duplicate topic id "alpha-one" \(first used on line 8\)$/));
  });

  it('reports a node without an id', () => {
    edit('roadmap.yaml', '      - id: beta\n', '      - mark: recommended\n');
    expect(messages()).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/roadmap\.yaml:12: sections\.0\.topics\.1\.id: expected required property/));
  });

  it('reports a node whose topic file is missing', () => {
    fs.rmSync(file('topics/gamma-one.md'));
    expect(messages()).toContain('roadmaps/sample/roadmap.yaml:19: topic "gamma-one" has no file topics/gamma-one.md');
  });

  it('reports a topic file that the structure does not mention', () => {
    write('topics/stray.md', topicFile('stray'));
    expect(messages()).toContainEqual(expect.stringContaining('roadmaps/sample/topics/stray.md:1: topic "stray" is not in roadmap.yaml'));
  });

  it('reports an unknown resource type and a URL that is not https', () => {
    write(
      'topics/alpha.md',
      topicFile('alpha', {
        resources: [
          { type: 'blog', title: 'A', url: 'https://example.org/a' },
          { type: 'article', title: 'B', url: 'http://example.org/b' },
          { type: 'book', title: 'C', url: 'https://example.org/c' },
        ],
      }),
    );
    const found = messages();
    expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/topics\/alpha\.md:7: resources\.0\.type: must be one of "official", /));
    expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/topics\/alpha\.md:12: resources\.1\.url: .*https/));
  });

  it('reports prerequisite cycles', () => {
    write('topics/alpha.md', topicFile('alpha', { prerequisites: ['beta'] }));
    expect(messages()).toContainEqual(expect.stringMatching(/prerequisite cycle: .*alpha.*beta/));
  });

  it('reports a retired id that still exists', () => {
    edit('roadmap.yaml', 'retired:\n', 'retired:\n  beta: gamma\n');
    expect(messages()).toContain('roadmaps/sample/roadmap.yaml:25: retired id "beta" still exists in the roadmap');
  });

  it('reports a retired id pointing nowhere', () => {
    edit('roadmap.yaml', 'retired:\n', 'retired:\n  gone: not-here\n');
    expect(messages()).toContain('roadmaps/sample/roadmap.yaml:25: retired id "gone" points to unknown topic "not-here"');
  });

  it('reports front-matter fields of the wrong type', () => {
    edit('topics/gamma.md', 'hours: 10', 'hours: lots');
    edit('topics/beta.md', 'level: beginner', 'level: expert');
    edit('roadmap.md', /"version":1|version: 1/, 'version: "one"');
    const found = messages();
    expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/topics\/gamma\.md:4: hours: expected number/));
    expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/topics\/beta\.md:3: level: must be one of "beginner", "intermediate", "advanced"/));
    expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/roadmap\.md:2: version: expected integer/));
  });

  it('reports unknown fields in a topic and invalid YAML', () => {
    edit('topics/alpha.md', 'level: beginner', 'level: beginner\ncolour: blue');
    edit('topics/beta.md', 'hours: 4.5', 'hours: [4.5');
    const found = messages();
    expect(found).toContain('roadmaps/sample/topics/alpha.md:4: colour: unexpected property');
    expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/topics\/beta\.md:5: invalid YAML: /));
  });

  it('enforces the resource-count bar, and the word-count bar by hours', () => {
    write('topics/alpha.md', topicFile('alpha', { hours: 3, body: 'Too short to teach anything.' }));
    write('topics/beta.md', topicFile('beta', { hours: 4.5, prerequisites: ['alpha-one'], body: topicBody('beta', 420) }));
    write('topics/gamma.md', topicFile('gamma', { hours: 10, resources: [{ type: 'official', title: 'Only one', url: 'https://example.org/one' }] }));
    const found = messages();
    expect(found).toContain('roadmaps/sample/topics/alpha.md:17: explanation has 5 words; a topic of 3 h needs 150–400');
    expect(found).toContain('roadmaps/sample/topics/beta.md:17: explanation has 420 words; a topic of 4.5 h needs 150–400');
    expect(found).toContain('roadmaps/sample/topics/gamma.md:7: needs 3–8 resources, has 1');
  });

  it('asks large topics for more words, with a sub-heading per main part', () => {
    write('topics/gamma.md', topicFile('gamma', { hours: 12, body: topicBody('gamma', 300) }));
    const flat = messages();
    expect(flat).toContain('roadmaps/sample/topics/gamma.md:17: explanation has 300 words; a topic of 12 h needs 350–650');
    expect(flat).toContain('roadmaps/sample/topics/gamma.md:17: explanation has 0 sub-headings; a topic of 12 h needs at least 2, one per main part');
    // Headings inside code blocks do not count; real ones do.
    const body = `### Concepts\n\n${topicBody('gamma', 250)}\n\`\`\`bash\n## not a heading\n\`\`\`\n\n### In practice\n\n${topicBody('gammb', 250)}`;
    write('topics/gamma.md', topicFile('gamma', { hours: 12, body }));
    expect(messages()).toEqual([]);
    write('topics/gamma.md', topicFile('gamma', { hours: 12, body: body.replace('### In practice', 'In practice') }));
    expect(messages()).toContain('roadmaps/sample/topics/gamma.md:17: explanation has 1 sub-headings; a topic of 12 h needs at least 2, one per main part');
  });

  it('keeps at least 2 free resources per topic, and paid must be a boolean', () => {
    const paid = (n: number) => ({ type: 'book', title: `Paid ${n}`, url: `https://example.org/paid-${n}`, paid: true });
    write('topics/gamma.md', topicFile('gamma', { hours: 10, resources: [paid(1), paid(2), { type: 'official', title: 'Free', url: 'https://example.org/free' }] }));
    expect(messages()).toEqual(['roadmaps/sample/topics/gamma.md:7: needs at least 2 free resources (without paid: true), has 1']);
    write('topics/gamma.md', topicFile('gamma', { hours: 10 }).replace('    url: https://example.org/gamma/book', '    url: https://example.org/gamma/book\n    paid: yes please'));
    expect(messages()).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/topics\/gamma\.md:16: resources\.2\.paid: expected boolean/));
  });

  it('refuses a prerequisite of a higher level unless levelNote explains it', () => {
    write('topics/gamma.md', topicFile('gamma', { hours: 10, level: 'advanced' }));
    write('topics/gamma-one.md', topicFile('gamma-one', { prerequisites: ['gamma'] }));
    expect(messages()).toEqual([
      'roadmaps/sample/topics/gamma-one.md:5: this beginner topic requires "gamma", which is advanced; lower one of the levels, or explain the exception in levelNote',
    ]);
    write('topics/gamma-one.md', topicFile('gamma-one', { prerequisites: ['gamma'], levelNote: 'Only the first part of gamma is needed here.' }));
    expect(messages()).toEqual([]);
  });

  it('refuses a section id that is also a topic id', () => {
    edit('roadmap.yaml', /- id: basics\n/, '- id: beta\n');
    expect(messages()).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/roadmap\.yaml:\d+: section id "beta" is also a topic id; give the section an id of its own$/));
  });

  it('reports duplicate URLs within a topic and paragraphs repeated across topics', () => {
    const repeated = 'This exact paragraph appears in two topics and the validator should notice it straight away.';
    write('topics/alpha.md', topicFile('alpha', { body: `${topicBody('alpha')}\n${repeated}\n` }));
    write('topics/gamma.md', topicFile('gamma', { body: `${topicBody('gamma')}\n${repeated}\n` }));
    write(
      'topics/beta.md',
      topicFile('beta', {
        prerequisites: ['alpha-one'],
        resources: [
          { type: 'official', title: 'A', url: 'https://example.org/same' },
          { type: 'article', title: 'B', url: 'https://example.org/same' },
          { type: 'book', title: 'C', url: 'https://example.org/c' },
        ],
      }),
    );
    const found = messages();
    expect(found).toContain('roadmaps/sample/topics/gamma.md:17: paragraph repeated from topic "alpha": "this exact paragraph appears in two topics and the validator…"');
    expect(found).toContain('roadmaps/sample/topics/beta.md:12: duplicate resource URL (also resource 1)');
  });

  it('checks FAQ headings, placeholders and internal links', () => {
    write('faq.md', '---\ntitle: FAQ\n---\n\n## Not a question\n\nAnswer with {{unknown}} and [a link](/sample/nowhere).\n');
    const found = messages();
    expect(found).toContain('roadmaps/sample/faq.md:5: an FAQ heading must be a question ending in "?"');
    expect(found).toContain('roadmaps/sample/faq.md:7: unknown placeholder {{unknown}}');
    expect(found).toContain('roadmaps/sample/faq.md:7: link to /sample/nowhere does not resolve');
  });

  it('checks project briefs: front matter, sections and topic ids', () => {
    fs.mkdirSync(file('projects'), { recursive: true });
    write('projects/demo.md', '---\ntitle: Demo\ndifficulty: beginner\nhours: 3\ntopics:\n  - alpha\n  - nope\nsummary: A demo.\n---\n\n## Goal\n\nBuild it.\n');
    const found = messages();
    expect(found).toContain('roadmaps/sample/projects/demo.md:7: unknown topic "nope"');
    expect(found).toContain('roadmaps/sample/projects/demo.md:10: missing "## Requirements" section');
  });

  describe('question bank', () => {
    const question = (id: string, prompt: string, options = 'a:Yes:correct b:No c:Maybe') =>
      [
        `  - id: ${id}`,
        '    level: beginner',
        `    prompt: ${JSON.stringify(prompt)}`,
        '    options:',
        ...options.split(' ').flatMap((o) => {
          const [oid, text, correct] = o.split(':');
          return [`      - id: ${oid}`, `        text: ${JSON.stringify(text!.replace(/_/g, ' '))}`, ...(correct ? ['        correct: true'] : [])];
        }),
        '    explanation: Because the topic says so.',
      ].join('\n');
    const bank = (topic: string, ...questions: string[]) => {
      fs.mkdirSync(file('questions'), { recursive: true });
      write(`questions/${topic}.yaml`, `questions:\n${questions.join('\n')}\n`);
    };
    const fourEach = () => {
      for (const topic of ['alpha', 'alpha-one', 'alpha-two', 'alpha-three-with-a-really-long-title-that-must-wrap', 'beta', 'gamma', 'gamma-one']) {
        bank(topic, ...[1, 2, 3, 4].map((n) => question(`${topic.slice(0, 20)}-q${n}`, `Question ${n} on ${topic}?`)));
      }
    };

    it('loads questions per topic in learning order, with their correct options kept apart', () => {
      fourEach();
      const { content, issues } = loadContent(dir);
      expect(issues).toEqual([]);
      const sample = content.roadmaps.get('sample')!;
      expect(sample.questions.size).toBe(28);
      expect(sample.questionsByTopic.get('beta')).toEqual(['beta-q1', 'beta-q2', 'beta-q3', 'beta-q4']);
      expect(sample.questions.get('beta-q2')).toEqual({
        id: 'beta-q2',
        topicId: 'beta',
        level: 'beginner',
        prompt: 'Question 2 on beta?',
        options: [
          { id: 'a', text: 'Yes' },
          { id: 'b', text: 'No' },
          { id: 'c', text: 'Maybe' },
        ],
        correctOptionIds: ['a'],
        explanation: 'Because the topic says so.',
      });
    });

    it('refuses unknown topics, duplicate ids and prompts, bad option sets and lazy options', () => {
      fourEach();
      bank('nowhere', question('nowhere-q1', 'Where?'));
      bank(
        'gamma',
        question('gamma-q1', 'Question 1 on gamma?'),
        question('alpha-q1', 'A new prompt?'),
        question('gamma-q3', 'question 2 ON alpha'),
        question('gamma-q4', 'No right answer?', 'a:One b:Two c:Three'),
        question('gamma-q5', 'All right answers?', 'a:One:correct b:Two:correct c:Three:correct'),
        question('gamma-q7', 'Same option twice?', 'a:One:correct b:Two c:two'),
        question('gamma-q8', 'Lazy option?', 'a:One:correct b:Two c:All_of_the_above'),
      );
      // A schema problem refuses its whole file, so it has one of its own.
      bank('gamma-one', question('gamma-one-q1', 'Two options only?', 'a:One:correct b:Two'));
      const found = messages();
      expect(found).toContain('roadmaps/sample/questions/nowhere.yaml:1: questions for unknown topic "nowhere" (the file name must be a topic id)');
      expect(found).toContain('roadmaps/sample/questions/gamma.yaml:14: duplicate question id "alpha-q1" (also in questions/alpha.yaml)');
      expect(found).toContain('roadmaps/sample/questions/gamma.yaml:28: the same prompt as question "alpha-q2"');
      expect(found).toContain('roadmaps/sample/questions/gamma.yaml:42: no option is marked correct: true');
      expect(found).toContain('roadmaps/sample/questions/gamma.yaml:53: every option is correct; a question needs a wrong one');
      expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/questions\/gamma-one\.yaml:6: questions\.0\.options: must not have fewer than 3 items$/));
      expect(found).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/questions\/gamma\.yaml:\d+: the same text as another option$/));
      expect(found).toContain('roadmaps/sample/questions/gamma.yaml:85: "All of the above" is not an answer of its own; write a real option');
    });

    it('asks every topic for 4 questions once a roadmap has a bank, and none before', () => {
      expect(messages()).toEqual([]);
      bank('alpha', ...[1, 2, 3, 4].map((n) => question(`alpha-q${n}`, `Question ${n} on alpha?`)));
      bank('beta', question('beta-q1', 'Only one on beta?'));
      const found = messages();
      expect(found).toContain('roadmaps/sample/questions/beta.yaml:1: topic "beta" has 1 questions; it needs at least 4');
      expect(found).toContain('roadmaps/sample/questions/gamma.yaml:1: topic "gamma" has 0 questions; it needs at least 4');
      expect(found).toHaveLength(6);
    });
  });

  it('rejects ids reserved for roadmap pages and malformed ids', () => {
    edit('roadmap.yaml', '      - id: beta\n', '      - id: Beta_Topic\n');
    expect(messages()).toContainEqual(expect.stringMatching(/^roadmaps\/sample\/roadmap\.yaml:12: sections\.0\.topics\.1\.id: .*kebab-case/));
  });
});
