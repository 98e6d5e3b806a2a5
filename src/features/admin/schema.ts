/** Request and response schemas of the admin API: accounts, the audit log, content and the instance. */
import { Type, type Static } from 'typebox';
import { IdSchema } from '../../validation/common-schemas.js';
import { REPORT_DETAILS_MAX, RESOLUTIONS } from './moderation-service.js';
import { REPORT_REASONS } from './reports.js';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', maxLength: 36, description: 'a UUID' });
const Page = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
const Time = Type.String({ description: 'an ISO 8601 time' });
const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const UserParams = Type.Object({ userId: Uuid }, strict);
export const UsersQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200, description: 'part of an email, name or username, in any case' })), page: Type.Optional(Page) },
  strict,
);
export const AuditQuery = Type.Object({ page: Type.Optional(Page) }, strict);
export const PatchUserBody = Type.Object(
  {
    disabled: Type.Optional(Type.Boolean({ description: 'true ends every session and token of the account at once, on every instance' })),
    isAdmin: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);

export const AdminUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  username: Nullable(Type.String()),
  isAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  disabledAt: Nullable(Time),
  emailVerified: Type.Boolean(),
  createdAt: Time,
  signInMethods: Type.Array(Type.String(), { description: '`password`, and `api-token` when the account has tokens' }),
  sessions: Type.Integer({ minimum: 0 }),
  tokens: Type.Integer({ minimum: 0 }),
  lastActiveAt: Nullable(Time),
});
export type AdminUserDocument = Static<typeof AdminUser>;

export const UserList = Type.Object({
  users: Type.Array(AdminUser),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});

export const AuditEntry = Type.Object({
  id: Uuid,
  at: Time,
  action: Type.String(),
  summary: Type.String({ description: 'the action in words' }),
  admin: Type.Object({ id: Type.String(), email: Type.String() }),
  target: Nullable(Type.Object({ id: Type.String(), label: Type.String() })),
  detail: Type.String(),
});
export const AuditList = Type.Object({
  entries: Type.Array(AuditEntry),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type AuditListDocument = Static<typeof AuditList>;

export const ReloadResult = Type.Object({
  ok: Type.Boolean(),
  changed: Type.Array(Type.String()),
  problems: Type.Array(Type.String({ description: '`file:line: message`' })),
});

export const Instance = Type.Object({
  version: Type.String(),
  dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  migration: Type.Object({ applied: Nullable(Type.String()), latest: Type.String() }),
  redis: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('off')]),
  mail: Nullable(Type.Object({ pending: Type.Integer(), failed: Type.Integer() })),
  roadmaps: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      version: Type.Integer(),
      hash: Type.String(),
      topics: Type.Integer(),
      questions: Type.Integer(),
    }),
  ),
});

export const ReportParams = Type.Object({ reportId: Uuid }, strict);
export const RoadmapReportParams = Type.Object({ roadmapId: IdSchema }, strict);
const Reason = Type.Union(
  Object.keys(REPORT_REASONS).map((r) => Type.Literal(r)),
  {
    description: Object.entries(REPORT_REASONS)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; '),
  },
);
export const ReportBody = Type.Object(
  { reason: Reason, details: Type.Optional(Type.String({ maxLength: REPORT_DETAILS_MAX, description: 'what is wrong (needed with `other`)' })) },
  strict,
);
export const ReportsQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')], { default: 'open' })) },
  strict,
);
export const ResolveBody = Type.Object(
  {
    action: Type.Union(RESOLUTIONS.map((r) => Type.Literal(r))),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'why, mailed to the owner (needed to unlist or remove)' })),
  },
  strict,
);
export const Report = Type.Object({
  id: Uuid,
  roadmapId: Type.String(),
  roadmapTitle: Type.String(),
  roadmapPath: Type.String(),
  visibility: Type.String(),
  ownerEmail: Type.String(),
  reporterEmail: Nullable(Type.String()),
  reason: Reason,
  reasonText: Type.String(),
  details: Type.String(),
  createdAt: Time,
  status: Type.Union([Type.Literal('open'), Type.Literal('unlisted'), Type.Literal('removed'), Type.Literal('dismissed')]),
  resolvedAt: Nullable(Time),
  resolutionNote: Type.String(),
});
export const ReportList = Type.Object({ reports: Type.Array(Report) });
export const ReportCreated = Type.Object({ id: Uuid });
