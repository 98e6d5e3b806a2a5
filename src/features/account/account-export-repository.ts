/** Reads everything stored about one user, for "export my data". */
import type { Database } from '../../db/database.js';
import type { UserRow } from '../auth/user-repository.js';
import { ReviewRepository } from '../reviews/review-repository.js';
import { TeamRepository } from '../teams/team-repository.js';

export class AccountExportRepository {
  constructor(private readonly db: Database) {}

  async collect(user: UserRow) {
    const [progress, activity, tokens, sessions, skillTests, reviewCards, reviewLog, notes, checks, plans, teams] = await Promise.all([
      this.db
        .selectFrom('progress')
        .select(['roadmap_id', 'topic_id', 'status', 'updated_at'])
        .where('user_id', '=', user.id)
        .orderBy('roadmap_id')
        .orderBy('topic_id')
        .execute(),
      this.db
        .selectFrom('activity')
        .select(['roadmap_id', 'topic_id', 'status', 'occurred_at'])
        .where('user_id', '=', user.id)
        .orderBy('occurred_at')
        .execute(),
      this.db.selectFrom('api_tokens').select(['name', 'prefix', 'created_at', 'last_used_at']).where('user_id', '=', user.id).execute(),
      this.db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'expires_at', 'user_agent']).where('user_id', '=', user.id).execute(),
      this.db
        .selectFrom('skill_tests')
        .select(['roadmap_id', 'created_at', 'submitted_at', 'result'])
        .where('user_id', '=', user.id)
        .orderBy('created_at')
        .execute(),
      new ReviewRepository(this.db).all(user.id),
      this.db
        .selectFrom('review_log')
        .select(['roadmap_id', 'question_id', 'rating', 'correct', 'reviewed_at'])
        .where('user_id', '=', user.id)
        .orderBy('reviewed_at')
        .execute(),
      this.db
        .selectFrom('topic_notes')
        .select(['roadmap_id', 'topic_id', 'markdown', 'updated_at'])
        .where('user_id', '=', user.id)
        .orderBy('roadmap_id')
        .orderBy('topic_id')
        .execute(),
      this.db
        .selectFrom('resource_checks')
        .select(['roadmap_id', 'topic_id', 'checked', 'updated_at'])
        .where('user_id', '=', user.id)
        .orderBy('roadmap_id')
        .orderBy('topic_id')
        .execute(),
      this.db
        .selectFrom('study_plans')
        .select(['roadmap_id', 'settings', 'updated_at', 'feed_created_at'])
        .where('user_id', '=', user.id)
        .orderBy('roadmap_id')
        .execute(),
      new TeamRepository(this.db).teamsOf(user.id),
    ]);
    return {
      format: 'milepost-account-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      account: {
        email: user.email,
        emailVerifiedAt: user.email_verified_at,
        name: user.name,
        username: user.username,
        timeZone: user.time_zone,
        publicProfile: user.public_profile === 1,
        createdAt: user.created_at,
      },
      progress: progress.map((p) => ({ roadmapId: p.roadmap_id, topicId: p.topic_id, status: p.status, updatedAt: p.updated_at })),
      activity: activity.map((a) => ({ roadmapId: a.roadmap_id, topicId: a.topic_id, status: a.status, occurredAt: a.occurred_at })),
      apiTokens: tokens.map((t) => ({ name: t.name, prefix: t.prefix, createdAt: t.created_at, lastUsedAt: t.last_used_at })),
      sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at, userAgent: s.user_agent })),
      skillTests: skillTests.map((t) => ({
        roadmapId: t.roadmap_id,
        startedAt: t.created_at,
        submittedAt: t.submitted_at,
        result: t.result === null ? null : (JSON.parse(t.result) as unknown),
      })),
      reviewCards,
      reviewLog: reviewLog.map((r) => ({
        roadmapId: r.roadmap_id,
        questionId: r.question_id,
        rating: r.rating,
        correct: r.correct === 1,
        reviewedAt: r.reviewed_at,
      })),
      notes: notes.map((n) => ({ roadmapId: n.roadmap_id, topicId: n.topic_id, markdown: n.markdown, updatedAt: n.updated_at })),
      resourceChecks: checks.map((c) => ({
        roadmapId: c.roadmap_id,
        topicId: c.topic_id,
        checked: JSON.parse(c.checked) as string[],
        updatedAt: c.updated_at,
      })),
      // The feed's secret is never exported: only whether one is on, and since when.
      plans: plans.map((p) => ({
        roadmapId: p.roadmap_id,
        settings: JSON.parse(p.settings) as unknown,
        updatedAt: p.updated_at,
        feedCreatedAt: p.feed_created_at,
      })),
      teams: teams.map((t) => ({ name: t.name, slug: t.slug, role: t.role, joinedAt: t.joined_at })),
    };
  }
}
