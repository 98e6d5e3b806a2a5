/** Request and response schemas of the study API: plans, calendar feeds, "what next", notes and resource checks. */
import { Type, type Static } from 'typebox';
import { MAX_NOTES, NOTE_MAX_BYTES } from '../../shared/notes-rules.js';
import { PLAN_LEVELS, PLAN_LIMITS, WEEKDAYS } from '../../shared/study-plan.js';
import { ID_KEY_PATTERN, IdSchema as Id, MULTILINE_PATTERN } from '../../validation/common-schemas.js';

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 date-time' });
const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'a date, YYYY-MM-DD' });
const Hours = Type.Number({ minimum: 0, maximum: 100_000 });
const Url = Type.String({ minLength: 1, maxLength: 2048, pattern: '^https://[^\\s]+$' });

export const PlanSettingsSchema = Type.Object(
  {
    hoursPerWeek: Type.Optional(
      Type.Number({ minimum: PLAN_LIMITS.minHoursPerWeek, maximum: PLAN_LIMITS.maxHoursPerWeek, description: 'hours of study a week' }),
    ),
    months: Type.Optional(
      Type.Integer({ minimum: 1, maximum: PLAN_LIMITS.maxMonths, description: 'finish within this many months: the hours a week follow' }),
    ),
    startDate: CalendarDate,
    studyDays: Type.Optional(
      Type.Array(Type.Union(WEEKDAYS.map((d) => Type.Literal(d))), {
        minItems: 1,
        maxItems: 7,
        uniqueItems: true,
        description: 'default mon to fri',
      }),
    ),
    exclude: Type.Optional(
      Type.Object(
        {
          sections: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
          levels: Type.Optional(Type.Array(Type.Union(PLAN_LEVELS.map((l) => Type.Literal(l))), { maxItems: 3, uniqueItems: true })),
        },
        strict,
      ),
    ),
    choices: Type.Optional(
      Type.Record(Type.String({ pattern: ID_KEY_PATTERN }), Id, {
        maxProperties: 200,
        description: 'for each group of alternatives (named by its first member), the member studied',
      }),
    ),
    done: Type.Optional(Type.Array(Id, { maxItems: 2000, uniqueItems: true, description: 'topics done or skipped: left out' })),
    sessionTime: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'local time study sessions begin, HH:MM' })),
  },
  { ...strict, description: 'what a plan is made from: hoursPerWeek or months, and a start date' },
);

const PlanItemSchema = Type.Object(
  {
    topicId: Type.String(),
    hours: Hours,
    part: Type.Optional(Type.Integer()),
    parts: Type.Optional(Type.Integer()),
  },
  strict,
);

export const StudyPlanSchema = Type.Object(
  {
    startDate: Type.String(),
    hoursPerWeek: Hours,
    studyDays: Type.Array(Type.String()),
    weeks: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), hours: Hours, items: Type.Array(PlanItemSchema) }, strict)),
    finish: Type.String({ description: 'the study day the last planned hour falls on' }),
    totalHours: Hours,
  },
  { ...strict, description: 'a dated week-by-week plan' },
);

const PaceSchema = Type.Object(
  {
    state: Type.String({ description: 'not-started, on-track, behind, ahead or finished' }),
    expectedHours: Hours,
    doneHours: Hours,
    behindHours: Type.Integer({ description: 'positive when behind, negative when ahead' }),
    label: Type.String({ description: '"6 h behind", "on track"…' }),
  },
  strict,
);

export const SavedPlanSchema = Type.Object(
  {
    settings: PlanSettingsSchema,
    updatedAt: Type.String(),
    plan: Type.Union([StudyPlanSchema, Type.Null()]),
    problem: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }, strict), Type.Null()], {
      description: 'why the saved settings no longer make a plan (the roadmap changed)',
    }),
    pace: Type.Union([PaceSchema, Type.Null()]),
    feed: Type.Object({ active: Type.Boolean(), createdAt: Type.Union([Type.String(), Type.Null()]) }, strict),
  },
  strict,
);

export const RoadmapParams = Type.Object({ roadmapId: Id }, strict);
export const PlanParams = Type.Object({ id: Id }, strict);
export const TopicParams = Type.Object({ roadmapId: Id, topicId: Id }, strict);
export const FeedParams = Type.Object({ file: Type.String({ maxLength: 200 }) }, strict);
/** A feed's file name: its secret token and `.ics`. Anything else names no feed (404). */
export const FEED_FILE = /^(cal_[A-Za-z0-9_-]{43})\.ics$/;

export const GuestCalendarBody = Type.Object(
  {
    settings: PlanSettingsSchema,
    timeZone: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_+/-]+$', description: 'IANA time zone of the sessions' }),
    id: Type.String({ pattern: '^[a-z0-9]{8,32}$', description: 'a random id the browser keeps with its plan: the events keep their UIDs' }),
  },
  strict,
);

export const PutPlanBody = Type.Object(
  {
    settings: PlanSettingsSchema,
    updatedAt: Type.Optional(DateTime),
  },
  { ...strict, description: 'with updatedAt (a browser copy being merged), the stored settings stay when they are newer' },
);

export const FeedResult = Type.Object({ url: Type.String({ description: 'the secret feed address: anyone who has it can read the plan' }) }, strict);

export const NextResult = Type.Object(
  { suggestions: Type.Array(Type.Object({ topicId: Type.String(), reason: Type.String() }, strict), { maxItems: 3 }) },
  strict,
);

export const NotesQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }, strict);

export const NoteList = Type.Object(
  {
    notes: Type.Array(
      Type.Object(
        {
          roadmapId: Type.String(),
          roadmapTitle: Type.String(),
          topicId: Type.String(),
          topicTitle: Type.String(),
          url: Type.Union([Type.String(), Type.Null()]),
          excerpt: Type.String(),
          updatedAt: Type.String(),
        },
        strict,
      ),
      { maxItems: MAX_NOTES },
    ),
  },
  strict,
);

export const NoteDocumentSchema = Type.Object(
  {
    roadmapId: Type.String(),
    topicId: Type.String(),
    markdown: Type.String(),
    html: Type.String({ description: 'the note rendered as sanitised HTML' }),
    updatedAt: Type.Union([Type.String(), Type.Null()], { description: 'null when there is no note' }),
    stored: Type.Optional(Type.Boolean({ description: 'false when a newer copy was already stored' })),
  },
  strict,
);

/** Far enough above 20 KB of text that JSON escaping never trips the body limit first. */
export const NOTE_BODY_LIMIT = NOTE_MAX_BYTES * 6 + 1024;

export const PutNoteBody = Type.Object(
  {
    markdown: Type.String({ pattern: MULTILINE_PATTERN, description: `Markdown, at most ${NOTE_MAX_BYTES / 1024} KB of UTF-8; empty deletes` }),
    updatedAt: Type.Optional(DateTime),
  },
  strict,
);

const ChecksSchema = Type.Object({ checked: Type.Array(Type.String()), updatedAt: Type.String() }, strict);

export const ChecksList = Type.Object(
  { topics: Type.Record(Type.String(), ChecksSchema, { description: 'topic id → the URLs of its resources checked off' }) },
  strict,
);

export const PutChecksBody = Type.Object(
  { checked: Type.Array(Url, { maxItems: 100, uniqueItems: true }), updatedAt: Type.Optional(DateTime) },
  strict,
);

export const ChecksResult = Type.Object(
  { topicId: Type.String(), checked: Type.Array(Type.String()), updatedAt: Type.String(), stored: Type.Boolean() },
  strict,
);

export type PlanSettingsBody = Static<typeof PlanSettingsSchema>;
