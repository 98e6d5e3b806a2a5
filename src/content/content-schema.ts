/**
 * Schemas of the content files: `roadmap.md` front matter, the structure file
 * (`roadmap.yaml`), topic files and project briefs. See docs/content-format.md.
 */
import { Type, type Static } from 'typebox';

import { IdSchema as Id } from '../validation/common-schemas.js';

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const RESOURCE_TYPES = ['official', 'article', 'video', 'course', 'book', 'opensource', 'podcast', 'feed'] as const;
export const MARKS = ['recommended', 'alternative', 'any-order', 'not-recommended'] as const;

export type Level = (typeof LEVELS)[number];
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export type Mark = (typeof MARKS)[number];



/** One option of a quiz question; `correct` marks the right ones. */
const QuestionOption = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z]$' }),
    text: Type.String({ minLength: 1, maxLength: 500 }),
    correct: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** `questions/<topic-id>.yaml`: the quiz questions on one topic. See docs/content-format.md. */
export const QuestionFile = Type.Object(
  {
    questions: Type.Array(
      Type.Object(
        {
          id: Id,
          level: Type.Enum(LEVELS),
          prompt: Type.String({ minLength: 1, maxLength: 3000 }),
          options: Type.Array(QuestionOption, { minItems: 3, maxItems: 6 }),
          explanation: Type.String({ minLength: 1, maxLength: 2000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);
export type QuestionFile = Static<typeof QuestionFile>;

/** Front matter of `roadmap.md`: the reference format's fields plus `version`. Other keys are ignored. */
export const RoadmapFrontMatter = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  jsonUrl: Type.Optional(Type.String()),
  pdfUrl: Type.Optional(Type.String()),
  order: Type.Optional(Type.Number()),
  briefTitle: Type.String({ minLength: 1 }),
  briefDescription: Type.String({ minLength: 1 }),
  title: Type.String({ minLength: 1 }),
  description: Type.String({ minLength: 1 }),
  hasTopics: Type.Optional(Type.Boolean()),
  isForkable: Type.Optional(Type.Boolean()),
  question: Type.Optional(Type.Object({ title: Type.String({ minLength: 1 }), description: Type.String({ minLength: 1 }) })),
  dimensions: Type.Optional(Type.Object({ width: Type.Number(), height: Type.Number() })),
  schema: Type.Optional(
    Type.Object({
      headline: Type.Optional(Type.String()),
      description: Type.Optional(Type.String()),
      imageUrl: Type.Optional(Type.String()),
      datePublished: Type.Optional(Type.String()),
      dateModified: Type.Optional(Type.String()),
    }),
  ),
  seo: Type.Optional(
    Type.Object({
      title: Type.Optional(Type.String()),
      description: Type.Optional(Type.String()),
      keywords: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  relatedRoadmaps: Type.Optional(Type.Array(Type.String())),
  relatedQuestions: Type.Optional(Type.Array(Type.String())),
  sitemap: Type.Optional(Type.Object({ priority: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })), changefreq: Type.Optional(Type.String()) })),
  tags: Type.Optional(Type.Array(Type.String())),
  /**
   * `structural`: a roadmap added from another source (an import, a user roadmap's export) is held
   * to the structural rules only until someone brings it up to the editorial bars.
   */
  checks: Type.Optional(Type.Union([Type.Literal('editorial'), Type.Literal('structural')])),
});
export type RoadmapFrontMatter = Static<typeof RoadmapFrontMatter>;

const NodeRef = {
  id: Id,
  mark: Type.Optional(Type.Enum(MARKS)),
};

export const StructureFile = Type.Object(
  {
    sections: Type.Array(
      Type.Object(
        {
          id: Id,
          title: Type.String({ minLength: 1 }),
          topics: Type.Array(
            Type.Object(
              {
                ...NodeRef,
                subtopics: Type.Optional(Type.Array(Type.Object(NodeRef, { additionalProperties: false }))),
              },
              { additionalProperties: false },
            ),
            { minItems: 1 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    edges: Type.Optional(Type.Array(Type.Object({ from: Id, to: Id }, { additionalProperties: false }))),
    retired: Type.Optional(Type.Record(Type.String(), Type.Union([Id, Type.Null()]))),
  },
  { additionalProperties: false },
);
export type StructureFile = Static<typeof StructureFile>;

export const Resource = Type.Object(
  {
    type: Type.Enum(RESOURCE_TYPES),
    title: Type.String({ minLength: 1 }),
    url: Type.String({ pattern: '^https://[^\\s]+$', description: 'an https:// URL' }),
    paid: Type.Optional(Type.Boolean({ description: 'true when the resource is paid or paywalled' })),
  },
  { additionalProperties: false },
);
export type Resource = Static<typeof Resource>;

export const TopicFrontMatter = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 80 }),
    level: Type.Enum(LEVELS),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
    prerequisites: Type.Array(Id),
    resources: Type.Array(Resource),
    levelNote: Type.Optional(
      Type.String({ minLength: 20, maxLength: 300, description: 'why a prerequisite of a higher level is fine for this topic' }),
    ),
  },
  { additionalProperties: false },
);
export type TopicFrontMatter = Static<typeof TopicFrontMatter>;

export const ProjectFrontMatter = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 80 }),
    difficulty: Type.Enum(LEVELS),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    topics: Type.Array(Id, { minItems: 1 }),
    summary: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type ProjectFrontMatter = Static<typeof ProjectFrontMatter>;

export const PageFrontMatter = Type.Object({
  title: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
});
