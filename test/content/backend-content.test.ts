import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/content/content-issue.js';
import { loadContent } from '../../src/content/roadmap-loader.js';

const { content, issues } = loadContent(path.resolve('content'));
const backend = content.roadmaps.get('backend')!;

describe('the Backend Developer roadmap content', () => {
  it('passes the validator, quality bars included', () => {
    expect(issues.map(formatIssue)).toEqual([]);
  });

  it('has at least 150 trackable topics across the expected sections', () => {
    expect(backend.order.length).toBeGreaterThanOrEqual(150);
    const titles = backend.sections.map((s) => s.title.toLowerCase()).join(' | ');
    for (const words of ['internet', 'front-end', 'terminal', 'language', 'data structures', 'version control', 'relational', 'more about databases', 'frameworks', 'apis', 'authentication', 'caching', 'web security', 'testing', 'debugging', 'design', 'architectur', 'search', 'message brokers', 'container', 'web servers', 'real-time', 'nosql', 'scaling databases', 'scale', 'cloud', 'data engineering', 'career']) {
      expect(titles, words).toContain(words);
    }
    for (const id of ['http', 'dns', 'git', 'postgresql', 'orms', 'acid', 'transactions', 'n-plus-one-problem', 'database-normalization', 'database-indexes', 'rest', 'graphql', 'grpc', 'soap', 'hateoas', 'openapi', 'jwt', 'oauth2', 'openid-connect', 'saml', 'redis', 'memcached', 'cdn', 'md5', 'bcrypt', 'scrypt', 'argon2', 'xss', 'csrf', 'sql-injection', 'cors', 'content-security-policy', 'solid', 'cqrs', 'event-sourcing', 'microservices', 'service-mesh', 'twelve-factor-apps', 'rabbitmq', 'kafka', 'docker', 'kubernetes', 'lxc', 'nginx', 'caddy', 'iis', 'litespeed', 'websockets', 'server-sent-events', 'long-polling', 'short-polling', 'cap-theorem', 'sharding', 'circuit-breakers', 'backpressure', 'terraform']) {
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
    for (const words of ['what is backend development', 'what does a backend developer do', 'how do i become', 'how long', 'everything on', 'language', 'degree', 'full-stack']) {
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
});
