/**
 * The skill test: 40 questions drawn across every section and level of a roadmap, answered in one
 * go and graded on the server, with a score per section, strengths, gaps and topics to revisit.
 */
import { randomBytes } from 'node:crypto';
import { LEVELS } from '../../content/content-schema.js';
import type { Question, Roadmap } from '../../content/roadmap-model.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { grade } from './grading.js';
import type { SkillTestResult } from './schema.js';

export const SKILL_TEST_SIZE = 40;
/** How long an attempt can be submitted after it starts; the page's optional timer is shorter. */
export const SKILL_TEST_EXPIRY_MINUTES = 120;
/** The optional timer the page offers. */
export const SKILL_TEST_TIMER_MINUTES = 45;
/** A section is a strength from this share of right answers on at least 2 questions, a gap below half. */
const STRENGTH_SHARE = 0.8;
const GAP_SHARE = 0.5;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Draws `size` questions: one per section per round (sections in a fresh order after the first),
 * the level cycling beginner, intermediate, advanced from one pick to the next where the section
 * has one, no question twice.
 */
export function drawQuestions(roadmap: Roadmap, size = SKILL_TEST_SIZE, random: () => number = Math.random): Question[] {
  const pools = roadmap.sections
    .map((section) =>
      shuffle(
        section.nodeIds.flatMap((id) => roadmap.questionsByTopic.get(id) ?? []).map((id) => roadmap.questions.get(id)!),
        random,
      ),
    )
    .filter((pool) => pool.length > 0);
  const drawn: Question[] = [];
  for (let round = 0; drawn.length < size && pools.some((p) => p.length > 0); round++) {
    for (const pool of round === 0 ? pools : shuffle([...pools], random)) {
      if (drawn.length >= size || pool.length === 0) continue;
      const level = LEVELS[drawn.length % LEVELS.length];
      const at = Math.max(
        0,
        pool.findIndex((q) => q.level === level),
      );
      drawn.push(pool.splice(at, 1)[0]!);
    }
  }
  return drawn;
}

/** Grades an attempt. Unanswered questions count as wrong; answers to questions not in the test are refused. */
export function gradeSkillTest(
  roadmap: Roadmap,
  testId: string,
  questionIds: readonly string[],
  answers: Record<string, string[]>,
  now: Date,
): SkillTestResult {
  const asked = new Set(questionIds);
  const stray = Object.keys(answers).filter((id) => !asked.has(id));
  if (stray.length > 0) throw new AppError('invalid_input', `Question "${stray[0]}" is not part of this test.`);
  const perSection = new Map(roadmap.sections.map((s) => [s.id, { id: s.id, title: s.title, correct: 0, total: 0 }]));
  const questions: SkillTestResult['questions'] = [];
  const missed = new Set<string>();
  for (const id of questionIds) {
    // A question removed from the roadmap since the test began is left out rather than counted.
    const question = roadmap.questions.get(id);
    const topic = question ? roadmap.topics.get(question.topicId) : undefined;
    if (!question || !topic) continue;
    const chosen = answers[id] ?? [];
    const result = grade(question, chosen);
    const section = perSection.get(topic.sectionId)!;
    section.total++;
    if (result.correct) section.correct++;
    else missed.add(topic.id);
    questions.push({
      id,
      topicId: topic.id,
      correct: result.correct,
      chosen,
      correctOptionIds: result.correctOptionIds,
      explanationHtml: result.explanationHtml,
    });
  }
  const sections = [...perSection.values()].filter((s) => s.total > 0);
  const correct = questions.filter((q) => q.correct).length;
  const total = questions.length;
  return {
    testId,
    roadmapId: roadmap.id,
    submittedAt: now.toISOString(),
    score: { correct, total, percent: total === 0 ? 0 : Math.floor((correct * 100) / total) },
    sections,
    strengths: sections.filter((s) => s.total >= 2 && s.correct / s.total >= STRENGTH_SHARE).map((s) => s.id),
    gaps: sections.filter((s) => s.correct / s.total < GAP_SHARE).map((s) => s.id),
    revisit: roadmap.order.filter((id) => missed.has(id)),
    questions,
  };
}

export interface SkillTestRow {
  id: string;
  userId: string | null;
  roadmapId: string;
  questionIds: string[];
  expiresAt: string;
  submittedAt: string | null;
}

export class SkillTestRepository {
  constructor(private readonly db: Database) {}

  async create(input: { userId: string | null; roadmap: Roadmap; questionIds: string[]; now: Date }): Promise<SkillTestRow> {
    const id = randomBytes(18).toString('base64url');
    const expiresAt = new Date(input.now.getTime() + SKILL_TEST_EXPIRY_MINUTES * 60_000).toISOString();
    await this.db
      .insertInto('skill_tests')
      .values({
        id,
        user_id: input.userId,
        roadmap_id: input.roadmap.id,
        roadmap_hash: input.roadmap.hash,
        question_ids: JSON.stringify(input.questionIds),
        created_at: input.now.toISOString(),
        expires_at: expiresAt,
        submitted_at: null,
        result: null,
      })
      .execute();
    return { id, userId: input.userId, roadmapId: input.roadmap.id, questionIds: input.questionIds, expiresAt, submittedAt: null };
  }

  async find(id: string): Promise<SkillTestRow | undefined> {
    const row = await this.db.selectFrom('skill_tests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      roadmapId: row.roadmap_id,
      questionIds: JSON.parse(row.question_ids) as string[],
      expiresAt: row.expires_at,
      submittedAt: row.submitted_at,
    };
  }

  /** Stores the result once: false when the attempt was already submitted (even a moment ago, elsewhere). */
  async submit(id: string, result: SkillTestResult): Promise<boolean> {
    const updated = await this.db
      .updateTable('skill_tests')
      .set({ submitted_at: result.submittedAt, result: JSON.stringify(result) })
      .where('id', '=', id)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** The account's submitted attempts on a roadmap, newest first. */
  async history(userId: string, roadmapId: string, limit = 20): Promise<SkillTestResult[]> {
    const rows = await this.db
      .selectFrom('skill_tests')
      .select('result')
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .where('result', 'is not', null)
      .orderBy('submitted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => JSON.parse(r.result!) as SkillTestResult);
  }

  /** Shows or hides one of the account's submitted results on its public profile; false when it has no such result. */
  async share(id: string, userId: string, shared: boolean): Promise<boolean> {
    const updated = await this.db
      .updateTable('skill_tests')
      .set({ shared: shared ? 1 : 0 })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('result', 'is not', null)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** The latest shared result per roadmap, newest first: what the public profile shows. */
  async shared(userId: string): Promise<{ roadmapId: string; submittedAt: string; score: SkillTestResult['score'] }[]> {
    const rows = await this.db
      .selectFrom('skill_tests')
      .select(['roadmap_id', 'submitted_at', 'result'])
      .where('user_id', '=', userId)
      .where('shared', '=', 1)
      .where('result', 'is not', null)
      .orderBy('submitted_at', 'desc')
      .execute();
    const latest = new Map<string, { roadmapId: string; submittedAt: string; score: SkillTestResult['score'] }>();
    for (const row of rows) {
      if (latest.has(row.roadmap_id)) continue;
      latest.set(row.roadmap_id, {
        roadmapId: row.roadmap_id,
        submittedAt: row.submitted_at!,
        score: (JSON.parse(row.result!) as SkillTestResult).score,
      });
    }
    return [...latest.values()];
  }

  /** Attempts nobody can submit any more, and guests' results after 30 days. */
  async purge(now: Date): Promise<number> {
    const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const stale = await this.db
      .deleteFrom('skill_tests')
      .where((eb) =>
        eb.or([
          eb.and([eb('submitted_at', 'is', null), eb('expires_at', '<', now.toISOString())]),
          eb.and([eb('user_id', 'is', null), eb('created_at', '<', monthAgo)]),
        ]),
      )
      .executeTakeFirst();
    return Number(stale.numDeletedRows);
  }
}
