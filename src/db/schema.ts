/**
 * Table types for Kysely. Each migration that adds or changes a table updates this file.
 * Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers (portable across dialects).
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  email_verified_at: string | null;
  password_hash: string;
  name: Generated<string>;
  username: string | null;
  time_zone: Generated<string>;
  public_profile: Generated<number>;
  is_admin: Generated<number>;
  /** A new address waiting for its owner's confirmation; the old one signs in until then. */
  pending_email: Generated<string | null>;
  /** Set while an administrator has disabled the account: it signs in nowhere. */
  disabled_at: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: Generated<string>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ProgressTable {
  user_id: string;
  roadmap_id: string;
  topic_id: string;
  status: string;
  updated_at: string;
}

export interface ActivityTable {
  id: string;
  user_id: string;
  roadmap_id: string;
  topic_id: string;
  status: string;
  occurred_at: string;
}

export interface EmailTokensTable {
  token_hash: string;
  user_id: string;
  purpose: string;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  /** Emptied once the mail is sent by SMTP: its links must not outlive delivery in the database. */
  body_text: string;
  created_at: string;
  /** pending (waiting to be sent), sending (claimed by a sender), sent, kept (written to the log, no SMTP), failed */
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  /** When the mail's links stop working; the row is deleted after that. */
  expires_at: string | null;
}

export interface ActivityBucketsTable {
  user_id: string;
  /** A UTC quarter-hour, `YYYY-MM-DDTHH:MM` with minutes 00, 15, 30 or 45. */
  bucket: string;
  count: number;
}

export interface UserRoadmapsTable {
  id: string;
  owner_id: string;
  title: string;
  /** public | unlisted | private */
  visibility: Generated<string>;
  forked_from_id: string | null;
  forked_from_hash: string | null;
  /** The source's version at the fork. */
  forked_from_version: number | null;
  /** JSON `{name: text}`: the source's topic files as last taken (at the fork, then at each pull). */
  upstream_files: string | null;
  /** The published version pages serve; 0 until the first publish. */
  current_version: Generated<number>;
  /** The editor's autosaved files (JSON `{name: text}`), when they differ from the published version. */
  draft_files: string | null;
  draft_updated_at: string | null;
  /** The published version the draft was made from. */
  draft_base_version: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** When an administrator unlisted it after a report: its owner cannot make it public again. */
  moderated_at: Generated<string | null>;
}

export interface UserRoadmapVersionsTable {
  roadmap_id: string;
  version: number;
  hash: string;
  /** JSON `{name: text}` of every file of the version. */
  files: string;
  note: string | null;
  created_at: string;
}

export interface JobLeasesTable {
  name: string;
  /** The instance running the job. */
  holder: string;
  /** When another instance may take the job over, had this one died mid-run. */
  expires_at: string;
}

export interface SkillTestsTable {
  /** Random, unguessable: whoever holds it may submit a guest's attempt. */
  id: string;
  user_id: string | null;
  roadmap_id: string;
  /** The roadmap version the questions were drawn from. */
  roadmap_hash: string;
  /** JSON array of question ids, in the order asked. */
  question_ids: string;
  created_at: string;
  expires_at: string;
  submitted_at: string | null;
  /** JSON of the graded result, once submitted. */
  result: string | null;
  /** 1 when the owner shows this result on their public profile. */
  shared: Generated<number>;
}

/** One account's review card for one question: its FSRS memory state and when it is next due. */
export interface ReviewCardsTable {
  user_id: string;
  roadmap_id: string;
  question_id: string;
  topic_id: string;
  /** ISO instant. */
  due: string;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  last_review: string | null;
  /** Wrong answers to this question so far. */
  misses: number;
}

/** Every review ever made, with the card as it was before: enough to replay and re-tune scheduling. */
export interface ReviewLogTable {
  id: string;
  user_id: string;
  roadmap_id: string;
  question_id: string;
  /** FSRS rating: 1 again, 2 hard, 3 good, 4 easy. */
  rating: number;
  correct: number;
  reviewed_at: string;
  /** JSON of the card before this review. */
  card_before: string;
  due_after: string;
}

/** A learner's study plan for one roadmap, and the calendar feed's token (hashed) when one is on. */
export interface StudyPlansTable {
  user_id: string;
  roadmap_id: string;
  /** JSON of the plan's settings (shared/study-plan.ts `PlanSettings`). */
  settings: string;
  updated_at: string;
  /** SHA-256 (hex) of the feed's secret token; null when no feed is on. */
  feed_token_hash: string | null;
  feed_created_at: string | null;
}

/** A learner's private note on one topic, in Markdown. */
export interface TopicNotesTable {
  user_id: string;
  roadmap_id: string;
  topic_id: string;
  markdown: string;
  updated_at: string;
}

/** The resources of one topic a learner has checked off: a JSON array of their URLs. */
export interface ResourceChecksTable {
  user_id: string;
  roadmap_id: string;
  topic_id: string;
  checked: string;
  updated_at: string;
}

/** A team: learners who follow roadmaps together, with owners and mentors. */
export interface TeamsTable {
  id: string;
  /** Lower-case kebab-case, unique: the team's readable name in links. */
  slug: string;
  name: string;
  /** 1 when members may see a leaderboard of the team. */
  leaderboard: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One user's membership of one team. */
export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  /** owner | mentor | member */
  role: string;
  joined_at: string;
  last_seen: string | null;
}

/** An invite link to a team; only the SHA-256 of its token is kept. */
export interface TeamInvitesTable {
  id: string;
  team_id: string;
  token_hash: string;
  /** The address it was mailed to; null for a link to share. */
  email: string | null;
  /** Who made it; null once that account is deleted. */
  created_by: string | null;
  /** null: any number of uses until it expires. */
  max_uses: number | null;
  uses: Generated<number>;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

/** A roadmap assigned to a team. */
export interface TeamRoadmapsTable {
  team_id: string;
  roadmap_id: string;
  /** YYYY-MM-DD, or null without a target. */
  target_date: string | null;
  /** JSON array of the section ids that are optional for this team. */
  optional_sections: Generated<string>;
  assigned_at: string;
}

export interface AdminAuditTable {
  id: string;
  at: string;
  admin_id: string;
  admin_email: string;
  action: string;
  target_id: string | null;
  target_label: Generated<string>;
  detail: Generated<string>;
}

export interface RoadmapReportsTable {
  id: string;
  roadmap_id: string;
  reporter_id: string | null;
  /** spam | copied | harmful | broken | other */
  reason: string;
  details: Generated<string>;
  created_at: string;
  /** open | unlisted | removed | dismissed */
  status: Generated<string>;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: Generated<string>;
}

export interface DatabaseSchema {
  admin_audit: AdminAuditTable;
  roadmap_reports: RoadmapReportsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  progress: ProgressTable;
  activity: ActivityTable;
  email_tokens: EmailTokensTable;
  outbox: OutboxTable;
  user_roadmaps: UserRoadmapsTable;
  user_roadmap_versions: UserRoadmapVersionsTable;
  job_leases: JobLeasesTable;
  activity_buckets: ActivityBucketsTable;
  skill_tests: SkillTestsTable;
  review_cards: ReviewCardsTable;
  review_log: ReviewLogTable;
  study_plans: StudyPlansTable;
  topic_notes: TopicNotesTable;
  resource_checks: ResourceChecksTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_invites: TeamInvitesTable;
  team_roadmaps: TeamRoadmapsTable;
}
