/** Request and response schemas of the progress and activity API; types are inferred from them. */
import { Type, type Static } from 'typebox';
import { MAX_PROGRESS_ENTRIES, STATUSES } from '../../shared/progress-rules.js';
import { ID_KEY_PATTERN, IdSchema as Id } from '../../validation/common-schemas.js';

export const StatusSchema = Type.Enum(STATUSES, { description: 'pending clears a mark' });
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time' });
const calendarDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const RoadmapParams = Type.Object({ roadmapId: Id }, { additionalProperties: false });
export const TopicParams = Type.Object({ roadmapId: Id, topicId: Id }, { additionalProperties: false });

export const StatusBody = Type.Object({ status: StatusSchema }, { additionalProperties: false });
export type StatusBody = Static<typeof StatusBody>;

const EntryInput = Type.Object({ status: StatusSchema, updatedAt: DateTime }, { additionalProperties: false });
export const MergeBody = Type.Object(
  {
    topics: Type.Record(Type.String({ pattern: ID_KEY_PATTERN }), EntryInput, {
      maxProperties: MAX_PROGRESS_ENTRIES,
      additionalProperties: false,
      description: 'topic id → status and when it was set; the newer update wins per topic',
    }),
  },
  { additionalProperties: false },
);
export type MergeBody = Static<typeof MergeBody>;

export const Counts = Type.Object({
  done: Type.Integer(),
  learning: Type.Integer(),
  skipped: Type.Integer(),
  complete: Type.Integer({ description: 'done plus skipped: what counts toward "N of M done"' }),
  total: Type.Integer({ description: 'topics in the roadmap now' }),
  percent: Type.Integer({ description: 'complete as a whole percentage of total, rounded down' }),
});

const Entry = Type.Object({ status: StatusSchema, updatedAt: Type.String() });

export const ProgressDocument = Type.Object({
  roadmapId: Type.String(),
  topics: Type.Record(Type.String(), Entry, {
    description: 'Retired ids appear under their successor; ids no longer in the roadmap are kept but not counted',
  }),
  counts: Counts,
});
export type ProgressDocument = Static<typeof ProgressDocument>;

export const MergeResult = Type.Object({
  ...ProgressDocument.properties,
  merged: Type.Integer({ description: 'topics whose status this merge changed in the account' }),
});
export type MergeResult = Static<typeof MergeResult>;

export const StatusResult = Type.Object({
  roadmapId: Type.String(),
  topicId: Type.String({ description: 'the current id (a retired id is applied to its successor)' }),
  status: StatusSchema,
  updatedAt: Type.String(),
  counts: Counts,
});

export const ActivityQuery = Type.Object(
  {
    from: Type.Optional(calendarDate('first day (YYYY-MM-DD); defaults to 364 days before `to`')),
    to: Type.Optional(calendarDate('last day (YYYY-MM-DD); defaults to today in your time zone')),
  },
  { additionalProperties: false },
);
export type ActivityQuery = Static<typeof ActivityQuery>;

export const ActivityDay = Type.Object({ date: Type.String(), count: Type.Integer() });
export type ActivityDay = Static<typeof ActivityDay>;

export const ActivityCalendar = Type.Object({
  timeZone: Type.String(),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(ActivityDay, { description: 'days with at least one status change, in order' }),
  total: Type.Integer(),
});
export type ActivityCalendar = Static<typeof ActivityCalendar>;
