/** Request and response schemas of the teams API: teams, members, invites, assigned roadmaps and progress. */
import { Type, type Static } from 'typebox';
import { Email } from '../auth/schema.js';
import { ID_PATTERN } from '../../shared/ids.js';
import { IdSchema as Id, LineText, TokenText } from '../../validation/common-schemas.js';
import { SLUG_MAX, SLUG_MIN, TEAM_NAME_MAX } from './team-service.js';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', maxLength: 36, description: 'a UUID' });
const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'a date, YYYY-MM-DD' });
const Role = Type.Union([Type.Literal('owner'), Type.Literal('mentor'), Type.Literal('member')]);
const Slug = Type.String({ pattern: ID_PATTERN, minLength: SLUG_MIN, maxLength: SLUG_MAX, description: 'lower-case kebab-case' });
const TeamName = LineText({ minLength: 1, maxLength: TEAM_NAME_MAX, description: 'the team name' });
const Count = Type.Integer({ minimum: 0 });

export const TeamParams = Type.Object({ teamId: Uuid }, strict);
export const MemberParams = Type.Object({ teamId: Uuid, userId: Uuid }, strict);
export const InviteParams = Type.Object({ teamId: Uuid, inviteId: Uuid }, strict);
export const TeamRoadmapParams = Type.Object({ teamId: Uuid, roadmapId: Id }, strict);
export const TokenParams = Type.Object({ token: TokenText }, strict);

export const CreateTeamBody = Type.Object({ name: TeamName, slug: Type.Optional(Slug) }, strict);
export const PatchTeamBody = Type.Object(
  { name: Type.Optional(TeamName), slug: Type.Optional(Slug), leaderboard: Type.Optional(Type.Boolean()) },
  { ...strict, minProperties: 1 },
);
export const DeleteTeamBody = Type.Object({ confirm: Type.Optional(Type.String({ maxLength: 64, description: "the team's slug" })) }, strict);
export const DeleteTeamQuery = Type.Object({ confirm: Type.Optional(Type.String({ maxLength: 64, description: "the team's slug" })) }, strict);
export const RoleBody = Type.Object({ role: Role }, strict);
export const TransferBody = Type.Object({ userId: Uuid }, strict);

export const CreateInviteBody = Type.Object(
  {
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: 'default 7' })),
    maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'default: any number (1 for an emailed invite)' })),
    email: Type.Optional(Email),
  },
  strict,
);

export const AssignBody = Type.Object(
  {
    targetDate: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    optionalSections: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true, description: 'sections members may leave out' })),
  },
  strict,
);

const AssignedRoadmap = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    url: Type.String(),
    targetDate: Type.Union([Type.String(), Type.Null()]),
    optionalSections: Type.Array(Type.String()),
    assignedAt: Type.String(),
  },
  strict,
);

export const TeamSchema = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    leaderboard: Type.Boolean(),
    role: Role,
    members: Count,
    roadmaps: Type.Array(AssignedRoadmap),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  strict,
);

export const TeamList = Type.Object(
  { teams: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), role: Role, members: Count }, strict)) },
  strict,
);

const MemberSchema = Type.Object({ userId: Type.String(), name: Type.String(), role: Role, joinedAt: Type.String() }, strict);

export const MemberList = Type.Object(
  {
    members: Type.Array(MemberSchema, { description: 'everyone for owners and mentors; yourself only for a member' }),
    counts: Type.Object({ owners: Count, mentors: Count, members: Count, total: Count }, strict),
  },
  strict,
);

export const MemberResult = MemberSchema;

export const InviteCreated = Type.Object(
  {
    id: Type.String(),
    url: Type.String({ description: 'the secret invite link: shown once' }),
    expiresAt: Type.String(),
    maxUses: Type.Union([Type.Integer(), Type.Null()]),
  },
  strict,
);

export const InviteList = Type.Object(
  {
    invites: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          email: Type.Union([Type.String(), Type.Null()]),
          createdBy: Type.Union([Type.String(), Type.Null()]),
          maxUses: Type.Union([Type.Integer(), Type.Null()]),
          uses: Count,
          expiresAt: Type.String(),
          createdAt: Type.String(),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const InvitePreview = Type.Object(
  {
    team: Type.Object({ name: Type.String(), slug: Type.String() }, strict),
    invitedBy: Type.Union([Type.String(), Type.Null()]),
    expiresAt: Type.String(),
    sees: Type.String({ description: 'what the team will see of you' }),
    roadmaps: Type.Array(Type.String(), { description: "the titles of the team's roadmaps" }),
  },
  strict,
);

const SectionCount = Type.Object({ done: Count, complete: Type.Integer({ minimum: 0, description: 'done + skipped' }), total: Count }, strict);
const Pace = Type.Object(
  {
    state: Type.Union([
      Type.Literal('not-started'),
      Type.Literal('on-track'),
      Type.Literal('behind'),
      Type.Literal('ahead'),
      Type.Literal('finished'),
    ]),
    behindHours: Type.Integer({ description: 'hours of the topics due behind the even pace to the target date; negative when ahead' }),
    label: Type.String({ description: '"6 h behind", "on track", "3 h ahead"…' }),
  },
  strict,
);
const RoadmapCounts = Type.Object(
  {
    done: Count,
    learning: Count,
    skipped: Count,
    complete: Type.Integer({ minimum: 0, description: 'done + skipped: what counts toward "N of M done"' }),
    total: Count,
    percent: Count,
    sections: Type.Record(Type.String(), SectionCount),
    pace: Type.Union([Pace, Type.Null()], { description: 'against the target date; null without one' }),
  },
  strict,
);

export const TeamProgress = Type.Object(
  {
    roadmaps: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          title: Type.String(),
          url: Type.String(),
          targetDate: Type.Union([Type.String(), Type.Null()]),
          assignedAt: Type.String(),
          sections: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), total: Count, optional: Type.Boolean() }, strict)),
        },
        strict,
      ),
    ),
    role: Role,
    members: Type.Array(
      Type.Object(
        {
          userId: Type.String(),
          name: Type.String(),
          role: Role,
          lastActiveAt: Type.Union([Type.String(), Type.Null()]),
          roadmaps: Type.Record(Type.String(), RoadmapCounts),
        },
        strict,
      ),
      { description: 'every member for owners and mentors; your own row only for a member' },
    ),
    totals: Type.Record(Type.String(), Type.Object({ complete: Count, total: Count, members: Count }, strict), {
      description: 'per roadmap, over every member of the team',
    }),
    leaderboard: Type.Union(
      [
        Type.Array(Type.Object({ place: Count, name: Type.String(), you: Type.Boolean(), complete: Count, total: Count, percent: Count }, strict)),
        Type.Null(),
      ],
      { description: 'the top places (and yours) when the owner turned the leaderboard on; else null' },
    ),
  },
  strict,
);

const ActivityEvent = Type.Object(
  {
    userId: Type.String(),
    name: Type.String(),
    roadmapId: Type.String(),
    roadmapTitle: Type.String(),
    topicId: Type.String(),
    topicTitle: Type.String(),
    url: Type.String(),
    at: Type.String(),
  },
  strict,
);

export const ActivityQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'how many days back, default 7' })) },
  strict,
);

export const TeamActivity = Type.Object(
  {
    since: Type.String(),
    events: Type.Array(ActivityEvent, { description: 'topics finished, newest first: every member for owners and mentors, your own for a member' }),
  },
  strict,
);

export type CreateInvite = Static<typeof CreateInviteBody>;
export type AssignSettings = Static<typeof AssignBody>;
export type TeamPatch = Static<typeof PatchTeamBody>;
export type TeamDocument = Static<typeof TeamSchema>;
export type TeamProgressDocument = Static<typeof TeamProgress>;
export type MemberListDocument = Static<typeof MemberList>;
export type InvitePreviewDocument = Static<typeof InvitePreview>;
export type InviteListDocument = Static<typeof InviteList>;
export type TeamActivityDocument = Static<typeof TeamActivity>;
