/**
 * Writes small, valid roadmaps into a temporary folder. Tests then break one file at a time
 * to check that the validator names the right file and line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WORDS =
  'servers handle requests by parsing input checking permissions reading data and writing answers while logs record what happened for later review'.split(
    ' ',
  );

/** A unique, readable body of about `count` words for a topic. */
export function topicBody(id: string, count = 160): string {
  const words: string[] = [];
  for (let i = 0; words.length < count; i++) words.push(i % 12 === 0 ? `${id}${i}` : (WORDS[i % WORDS.length] ?? 'word'));
  const half = Math.floor(words.length / 2);
  return `${words.slice(0, half).join(' ')}.\n\n${words.slice(half).join(' ')}.\n\n\`\`\`bash\necho "code does not count"\n\`\`\`\n`;
}

export interface TopicSpec {
  title?: string;
  level?: string;
  hours?: number;
  prerequisites?: string[];
  body?: string;
  resources?: { type: string; title: string; url: string; paid?: boolean }[];
  levelNote?: string;
}

export function topicFile(id: string, spec: TopicSpec = {}): string {
  const resources = spec.resources ?? [
    { type: 'official', title: `${id} docs`, url: `https://example.org/${id}/docs` },
    { type: 'article', title: `${id} article`, url: `https://example.org/${id}/article` },
    { type: 'book', title: `${id} book`, url: `https://example.org/${id}/book` },
  ];
  const lines = [
    '---',
    `title: ${JSON.stringify(spec.title ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()))}`,
    `level: ${spec.level ?? 'beginner'}`,
    `hours: ${spec.hours ?? 2}`,
    `prerequisites: ${JSON.stringify(spec.prerequisites ?? [])}`,
    'resources:',
    ...resources.flatMap((r) => [
      `  - type: ${r.type}`,
      `    title: ${JSON.stringify(r.title)}`,
      `    url: ${r.url}`,
      ...(r.paid ? ['    paid: true'] : []),
    ]),
    ...(spec.levelNote ? [`levelNote: ${JSON.stringify(spec.levelNote)}`] : []),
    '---',
    '',
    spec.body ?? topicBody(id),
  ];
  return lines.join('\n');
}

export function roadmapFile(id: string, extra: Record<string, unknown> = {}): string {
  const meta: Record<string, unknown> = {
    version: 1,
    briefTitle: `${id} brief`,
    briefDescription: `Short description of ${id}.`,
    title: `${id.charAt(0).toUpperCase()}${id.slice(1)} Developer`,
    description: `Learn ${id} step by step.`,
    question: { title: `What is ${id}?`, description: `An answer about ${id}.` },
    relatedRoadmaps: ['other', 'does-not-exist'],
    ...extra,
  };
  return `---\n${Object.entries(meta)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n---\n\nIntro for ${id}.\n`;
}

export const SAMPLE_STRUCTURE = `sections:
  - id: basics
    title: The Basics
    topics:
      - id: alpha
        mark: recommended
        subtopics:
          - id: alpha-one
          - id: alpha-two
            mark: alternative
          - id: alpha-three-with-a-really-long-title-that-must-wrap
      - id: beta
  - id: advanced
    title: Advanced Things
    topics:
      - id: gamma
        mark: any-order
        subtopics:
          - id: gamma-one
            mark: not-recommended
edges:
  - from: alpha-one
    to: gamma-one
retired:
  old-alpha: alpha
  older-alpha: old-alpha
  removed-topic: null
`;

export const SAMPLE_TOPICS: Record<string, TopicSpec> = {
  alpha: { hours: 3 },
  'alpha-one': { prerequisites: ['alpha'], level: 'beginner' },
  'alpha-two': { prerequisites: ['alpha'] },
  'alpha-three-with-a-really-long-title-that-must-wrap': {
    title: 'Supercalifragilisticexpialidocious-Internationalization Considerations',
  },
  beta: { prerequisites: ['alpha-one'], hours: 4.5 },
  gamma: { level: 'advanced', hours: 10 },
  'gamma-one': { prerequisites: ['gamma', 'beta'], level: 'advanced' },
};

export const SAMPLE_FAQ = `---
title: FAQ
---

## How long does sample take?

About {{totalHours}} hours.

{{paceTable}}

## Is this a question?

Yes it is.
`;

export const SAMPLE_GUIDE = `---
title: How to learn sample
description: The order that works.
---

## 1. Start here

Read [Alpha](/sample/alpha) first, then [Beta](/sample/beta).

## 2. Go further

Finish with [Gamma](/sample/gamma).
`;

export const SAMPLE_PROJECT = `---
title: Build a Small Server
difficulty: beginner
hours: 6
topics: [alpha, beta]
summary: A first server that answers requests.
---

## Goal

Answer requests.

## Requirements

Parse input.

## Stretch goals

Log what happened.
`;

/** Creates a content folder with the `sample` roadmap (guide and one project included) and a small `other` roadmap. Returns its path. */
export function writeSampleContent(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-content-'))): string {
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write(
    'roadmaps/sample/roadmap.md',
    roadmapFile('sample', { sitemap: { priority: 1, changefreq: 'monthly' }, schema: { dateModified: '2026-11-21' }, isForkable: true }),
  );
  write('roadmaps/sample/roadmap.yaml', SAMPLE_STRUCTURE);
  for (const [id, spec] of Object.entries(SAMPLE_TOPICS)) write(`roadmaps/sample/topics/${id}.md`, topicFile(id, spec));
  write('roadmaps/sample/faq.md', SAMPLE_FAQ);
  write('roadmaps/sample/guide.md', SAMPLE_GUIDE);
  write('roadmaps/sample/projects/small-server.md', SAMPLE_PROJECT);
  write('roadmaps/other/roadmap.md', roadmapFile('other', { relatedRoadmaps: ['sample'] }));
  write('roadmaps/other/roadmap.yaml', 'sections:\n  - id: only\n    title: Only\n    topics:\n      - id: solo\n');
  write('roadmaps/other/topics/solo.md', topicFile('solo'));
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file in a roadmap folder, roadmap file or not, as `{name: text}`. */
export function readWholeFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
    }
  };
  walk('');
  return files;
}

/** Adds a `wide` roadmap of `count` topics (`t1` … `tN`) in one section, for tests that need many topics. */
export function addWideRoadmap(dir: string, count: number): string {
  const ids = Array.from({ length: count }, (_, i) => `t${i + 1}`);
  const root = path.join(dir, 'roadmaps/wide');
  fs.mkdirSync(path.join(root, 'topics'), { recursive: true });
  fs.writeFileSync(path.join(root, 'roadmap.md'), roadmapFile('wide', { relatedRoadmaps: [] }));
  fs.writeFileSync(
    path.join(root, 'roadmap.yaml'),
    `sections:\n  - id: all\n    title: Everything\n    topics:\n${ids.map((id) => `      - id: ${id}\n`).join('')}`,
  );
  for (const id of ids) fs.writeFileSync(path.join(root, 'topics', `${id}.md`), topicFile(id));
  return dir;
}

/**
 * Adds a question bank to the `sample` roadmap of `dir`: 4 questions per topic. The second of
 * each has two correct options (b and d); the others have one (a correct option "b").
 */
export function writeSampleQuestions(dir: string): void {
  const folder = path.join(dir, 'roadmaps/sample/questions');
  fs.mkdirSync(folder, { recursive: true });
  for (const topic of Object.keys(SAMPLE_TOPICS)) {
    const questions = [1, 2, 3, 4].map((n) => {
      const multiple = n === 2;
      const options = ['a', 'b', 'c', 'd'].map((id) => {
        const correct = id === 'b' || (multiple && id === 'd');
        return `      - id: ${id}\n        text: "Option ${id.toUpperCase()} for \`${topic}\` ${n}"${correct ? '\n        correct: true' : ''}`;
      });
      return [
        `  - id: ${topic.slice(0, 40)}-q${n}`,
        `    level: ${n === 4 ? 'advanced' : 'beginner'}`,
        `    prompt: ${JSON.stringify(`Which is right about **${topic}**, case ${n}?${multiple ? ' (Select all that apply.)' : ''}`)}`,
        '    options:',
        ...options,
        `    explanation: ${JSON.stringify(`Option B is right for ${topic}; option A is the tempting one, but it is wrong.`)}`,
      ].join('\n');
    });
    fs.writeFileSync(path.join(folder, `${topic}.yaml`), `questions:\n${questions.join('\n')}\n`);
  }
}
