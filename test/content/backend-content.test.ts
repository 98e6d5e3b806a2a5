import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/content/content-issue.js';
import { loadContent } from '../../src/content/roadmap-loader.js';
import { countEntries, currentTopicId, normalizeEntries } from '../../src/shared/progress-rules.js';

const { content, issues } = loadContent(path.resolve('content'));
const backend = content.roadmaps.get('backend')!;

describe('the Backend Developer roadmap content', () => {
  it('passes the validator, quality bars included', () => {
    expect(issues.map(formatIssue)).toEqual([]);
  });

  it('has at least 150 trackable topics across the expected sections', () => {
    expect(backend.order.length).toBeGreaterThanOrEqual(150);
    expect(backend.sections.map((s) => s.title)).toEqual([
      'How the Web Works',
      'Enough of the Front End',
      'The Machine and Its Shell',
      'Version Control',
      'Pick a Backend Language',
      'Data Structures and Algorithms',
      'Relational Databases and SQL',
      'Transactions, Indexes and Failure',
      'Backend Frameworks',
      'APIs',
      'Identity and Access',
      'Securing the Application',
      'Serving in Production',
      'Testing and Delivery',
      'Debugging and Observability',
      'Containers and Orchestration',
      'Cloud and Deployment',
      'Caching at Every Layer',
      'Growing Past One Server',
      'Designing Code',
      'System Architecture',
      'Messaging and Background Work',
      'Real-time Communication',
      'Search',
      'NoSQL Databases',
      'Staying Up When Things Fail',
      'Data, ML and LLMs',
      'Career',
    ]);
    for (const id of ['http', 'dns', 'git', 'postgresql', 'orms', 'acid', 'transactions', 'n-plus-one-problem', 'database-normalization', 'database-indexes', 'rest', 'graphql', 'grpc', 'soap', 'hateoas', 'openapi', 'jwt', 'oauth2', 'openid-connect', 'saml', 'redis', 'memcached', 'cdn', 'md5', 'bcrypt', 'scrypt', 'argon2', 'xss', 'csrf', 'sql-injection', 'cors', 'content-security-policy', 'solid', 'cqrs', 'event-sourcing', 'microservices', 'service-mesh', 'twelve-factor-apps', 'rabbitmq', 'kafka', 'docker', 'kubernetes', 'lxc', 'nginx', 'caddy', 'iis', 'litespeed', 'websockets', 'server-sent-events', 'long-polling', 'short-polling', 'cap-theorem', 'sharding', 'circuit-breakers', 'backpressure', 'terraform',
      // The second edition's topics.
      'authorization-models', 'background-jobs', 'idempotency', 'sagas-and-outbox', 'webhooks', 'object-storage', 'secrets-management', 'deployment-strategies', 'multi-tenancy', 'privacy-and-personal-data', 'load-testing', 'server-hardening', 'distributed-coordination', 'mongodb', 'pbkdf2', 'llm-integration']) {
      expect(backend.topics.has(id), id).toBe(true);
    }
  });

  it('uses legend marks: one recommended language with the others as alternatives', () => {
    const languages = backend.topics.get('pick-a-language')!.subtopicIds.map((id) => backend.topics.get(id)!.mark);
    expect(languages.filter((m) => m === 'recommended')).toHaveLength(1);
    expect(languages.filter((m) => m === 'alternative').length).toBe(languages.length - 1);
    const marks = new Set([...backend.topics.values()].map((t) => t.mark));
    for (const mark of ['recommended', 'alternative', 'any-order', 'not-recommended']) expect(marks.has(mark as never), mark).toBe(true);
  });

  it('has a FAQ with the required questions and computed hours', () => {
    expect(backend.faq.length).toBeGreaterThanOrEqual(8);
    const questions = backend.faq.map((f) => f.question.toLowerCase()).join(' | ');
    for (const words of ['what is backend development', 'what does a backend developer do', 'how do i become', 'how long', 'everything on', 'language', 'degree', 'full-stack', 'earn', 'remote', 'certifications']) {
      expect(questions, words).toContain(words);
    }
    const howLong = backend.faq.find((f) => f.question.toLowerCase().includes('how long'))!;
    expect(howLong.answer).toContain('{{totalHours}}');
    expect(howLong.answer).toContain('{{paceTable}}');
  });

  it('has an eight-stage guide and at least 15 project briefs from beginner to advanced', () => {
    const stages = [...(backend.guide?.body ?? '').matchAll(/^## (\d)\. /gm)].map((m) => Number(m[1]));
    expect(stages).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(backend.projects.length).toBeGreaterThanOrEqual(15);
    expect(new Set(backend.projects.map((p) => p.difficulty))).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
    expect(backend.projects.some((p) => p.id === 'capstone')).toBe(true);
  });

  it('lists every topic in the guide once, in the roadmap\'s own order', () => {
    const linked = [...(backend.guide?.body ?? '').matchAll(/\]\(\/backend\/([a-z0-9-]+)\)/g)].map((m) => m[1]!).filter((id) => backend.topics.has(id));
    const listed = [...(backend.guide?.body ?? '').matchAll(/^Topics: (.*)$/gm)].flatMap((m) => [...m[1]!.matchAll(/\(\/backend\/([a-z0-9-]+)\)/g)].map((l) => l[1]!));
    expect(listed).toEqual(backend.order);
    expect(new Set(linked)).toEqual(new Set(backend.order));
  });

  it('still counts every topic id of the first edition, so saved progress follows every change', () => {
    const { ids } = JSON.parse(fs.readFileSync('test/fixtures/backend-first-edition-ids.json', 'utf8')) as { ids: string[] };
    expect(ids).toHaveLength(212);
    for (const id of ids) expect(currentTopicId(backend.index, id), id).not.toBeNull();
    const saved = normalizeEntries(
      ids.map((id) => [id, { status: 'done', updatedAt: '2026-11-01T00:00:00.000Z' }] as const),
      backend.index,
    );
    expect(countEntries(backend.index, saved)).toMatchObject({ done: 212, total: 228, complete: 212, percent: 92 });
  });

  it('has a question bank of at least 850 questions, at least 4 on every topic, across all levels', () => {
    expect(backend.questions.size).toBeGreaterThanOrEqual(850);
    for (const id of backend.order) expect(backend.questionsByTopic.get(id)?.length ?? 0, id).toBeGreaterThanOrEqual(4);
    const levels = new Set([...backend.questions.values()].map((q) => q.level));
    expect(levels).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
    for (const q of backend.questions.values()) {
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.correctOptionIds.length, q.id).toBeGreaterThanOrEqual(1);
      // A question with several right answers says so.
      if (q.correctOptionIds.length > 1) expect(q.prompt, q.id).toMatch(/\(Select all that apply\.\)$/);
    }
  });

  it('keeps section ids apart from topic ids, and every large topic structured', () => {
    for (const section of backend.sections) expect(backend.topics.has(section.id), section.id).toBe(false);
    const large = [...backend.topics.values()].filter((t) => t.hours >= 12);
    expect(large.length).toBeGreaterThanOrEqual(40);
    for (const topic of large) expect(topic.body.match(/^### /gm)?.length ?? 0, topic.id).toBeGreaterThanOrEqual(2);
  });
});
