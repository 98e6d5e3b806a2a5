/**
 * Runs the migrations in `migrations/` in name order. Migrations are listed here explicitly
 * (not discovered on disk) so the same code runs from TypeScript sources and from the build.
 */
import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import { isDatabaseUnavailable, pingDatabase, type Database } from './database.js';

import * as createUsers from './migrations/2026_11_21_001_create_users.js';
import * as createSessions from './migrations/2026_11_21_002_create_sessions.js';
import * as createApiTokens from './migrations/2026_11_21_003_create_api_tokens.js';
import * as createProgress from './migrations/2026_11_21_004_create_progress.js';
import * as createActivity from './migrations/2026_11_21_005_create_activity.js';
import * as createEmailTokens from './migrations/2026_11_21_006_create_email_tokens.js';
import * as createOutbox from './migrations/2026_11_21_007_create_outbox.js';
import * as logProgressChanges from './migrations/2026_11_21_008_log_progress_changes.js';
import * as createUserRoadmaps from './migrations/2026_12_01_009_create_user_roadmaps.js';
import * as createJobLeases from './migrations/2026_12_01_010_create_job_leases.js';
import * as queueOutboxMail from './migrations/2026_12_02_011_queue_outbox_mail.js';
import * as addPendingEmail from './migrations/2026_12_02_012_add_pending_email.js';
import * as createActivityBuckets from './migrations/2026_12_02_013_create_activity_buckets.js';
import * as fillActivityBuckets from './migrations/2026_12_02_014_fill_activity_buckets.js';
import * as createSkillTests from './migrations/2026_12_02_015_create_skill_tests.js';
import * as createReviewCards from './migrations/2026_12_02_016_create_review_cards.js';
import * as shareSkillTests from './migrations/2026_12_02_017_share_skill_tests.js';
import * as createStudyData from './migrations/2026_12_02_018_create_study_data.js';
import * as addDraftBaseVersion from './migrations/2026_12_03_019_add_draft_base_version.js';
import * as trackForkUpstream from './migrations/2026_12_03_020_track_fork_upstream.js';
import * as createTeams from './migrations/2026_12_03_021_create_teams.js';
import * as addAdmin from './migrations/2026_12_03_022_add_admin.js';
import * as createRoadmapReports from './migrations/2026_12_03_023_create_roadmap_reports.js';

/** Every migration, by name. Names sort in the order they run; a landed migration never changes. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_21_001_create_users': createUsers,
  '2026_11_21_002_create_sessions': createSessions,
  '2026_11_21_003_create_api_tokens': createApiTokens,
  '2026_11_21_004_create_progress': createProgress,
  '2026_11_21_005_create_activity': createActivity,
  '2026_11_21_006_create_email_tokens': createEmailTokens,
  '2026_11_21_007_create_outbox': createOutbox,
  '2026_11_21_008_log_progress_changes': logProgressChanges,
  '2026_12_01_009_create_user_roadmaps': createUserRoadmaps,
  '2026_12_01_010_create_job_leases': createJobLeases,
  '2026_12_02_011_queue_outbox_mail': queueOutboxMail,
  '2026_12_02_012_add_pending_email': addPendingEmail,
  '2026_12_02_013_create_activity_buckets': createActivityBuckets,
  '2026_12_02_014_fill_activity_buckets': fillActivityBuckets,
  '2026_12_02_015_create_skill_tests': createSkillTests,
  '2026_12_02_016_create_review_cards': createReviewCards,
  '2026_12_02_017_share_skill_tests': shareSkillTests,
  '2026_12_02_018_create_study_data': createStudyData,
  '2026_12_03_019_add_draft_base_version': addDraftBaseVersion,
  '2026_12_03_020_track_fork_upstream': trackForkUpstream,
  '2026_12_03_021_create_teams': createTeams,
  '2026_12_03_022_add_admin': addAdmin,
  '2026_12_03_023_create_roadmap_reports': createRoadmapReports,
};

/** The name of the newest migration this code knows. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

/** The newest migration applied to `db`, or null when none is (an empty database); throws when the database does not answer. */
export async function appliedSchemaVersion(db: Database): Promise<string | null> {
  try {
    const row = await sql<{ name: string }>`select max(name) as name from milepost_migrations`.execute(db);
    return row.rows[0]?.name ?? null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // A database that answers but has no migration table is empty, not away.
      if (await pingDatabase(db)) return null;
    }
    throw error;
  }
}

/** How long an instance waits for another one's migration on the same SQLite file. */
const MIGRATION_WAIT_MS = 120_000;

const isSqliteBusy = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_BUSY';

/**
 * Applies the pending migrations, once however many instances start together: PostgreSQL takes
 * an advisory lock, SQLite its write lock (see sqlite-dialect.ts), and an instance that waited
 * longer than SQLite's busy timeout tries again until the other is done.
 */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'milepost_migrations',
    migrationLockTableName: 'milepost_migrations_lock',
  });
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  for (;;) {
    const result = await migrator.migrateToLatest();
    if (!result.error) return result;
    if (isSqliteBusy(result.error) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    throw result.error instanceof Error ? result.error : new Error(String(result.error));
  }
}
