/** Request and response schemas of the custom roadmaps API: create, settings, source, drafts, versions, upstream, import. */
import { Type } from 'typebox';
import { VISIBILITIES } from '../../catalog/catalog-entry.js';
import { IdSchema as Id, MULTILINE_PATTERN } from '../../validation/common-schemas.js';
import { CUSTOM_ROADMAP_LIMITS } from './roadmap-source.js';

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time' });
const Visibility = Type.Union([Type.Literal(VISIBILITIES[0]), Type.Literal(VISIBILITIES[1]), Type.Literal(VISIBILITIES[2])], {
  description: 'private: you only; unlisted: anyone with the link, never listed; public: listed and searchable',
});
const Title = Type.String({ minLength: 1, maxLength: CUSTOM_ROADMAP_LIMITS.titleChars, pattern: '^[^\\u0000-\\u001F\\u007F]*$' });
const FileName = '^(roadmap\\.md|roadmap\\.yaml|faq\\.md|guide\\.md|(topics|projects)/[a-z0-9-]{1,64}\\.md|questions/[a-z0-9-]{1,64}\\.yaml)$';

export const Files = Type.Record(Type.String({ pattern: FileName }), Type.String({ pattern: MULTILINE_PATTERN }), {
  maxProperties: CUSTOM_ROADMAP_LIMITS.files,
  description: 'content-format files by name: roadmap.md, roadmap.yaml, topics/<id>.md, faq.md, guide.md, projects/<id>.md, questions/<id>.yaml',
});
const Version = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const RoadmapIdParams = Type.Object({ id: Id }, strict);
export const VersionParams = Type.Object({ id: Id, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, strict);

export const CreateBody = Type.Object(
  {
    title: Title,
    visibility: Type.Optional(Visibility),
    forkOf: Type.Optional(
      Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'a roadmap whose front matter says isForkable: true' }),
    ),
  },
  strict,
);

export const PatchBody = Type.Object({ title: Type.Optional(Title), visibility: Type.Optional(Visibility) }, { ...strict, minProperties: 1 });

export const SourceBody = Type.Object(
  { files: Files, baseVersion: Version, note: Type.Optional(Type.String({ maxLength: 200, pattern: MULTILINE_PATTERN })) },
  strict,
);
export const DraftBody = Type.Object({ files: Files, baseVersion: Version }, strict);
export const PreviewBody = Type.Object({ files: Files, topicId: Type.Optional(Id) }, strict);
export const PullBody = Type.Object({ topicIds: Type.Array(Id, { minItems: 1, maxItems: CUSTOM_ROADMAP_LIMITS.topics, uniqueItems: true }) }, strict);

export const ImportBody = Type.Object(
  {
    format: Type.Literal('roadmap.sh'),
    json: Type.Union([Type.String(), Type.Object({}, { additionalProperties: true })], {
      description: "roadmap.sh's editor JSON ({nodes, edges}), as a string or an object",
    }),
    files: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 300 }), Type.String(), {
        maxProperties: CUSTOM_ROADMAP_LIMITS.topics,
        description: 'content files by name; each name carries the node id after `@`, e.g. `dns@Xk2Lw9.md`',
      }),
    ),
    title: Type.Optional(Title),
    visibility: Type.Optional(Visibility),
  },
  strict,
);

const Issue = Type.Object({ file: Type.String(), line: Type.Integer(), message: Type.String() });
const Issues = Type.Array(Issue);

export const RoadmapSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  visibility: Visibility,
  version: Type.Integer(),
  url: Type.String(),
  editUrl: Type.String(),
  forkedFrom: Type.Union([Type.Object({ id: Type.String(), version: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  hasDraft: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export const RoadmapSummaryList = Type.Object({ roadmaps: Type.Array(RoadmapSummarySchema) });

export const SourceResult = Type.Object({ version: Type.Integer(), files: Files });
export const DraftResult = Type.Object({ baseVersion: Type.Integer(), files: Files, updatedAt: DateTime });
export const DraftSaved = Type.Object({ updatedAt: DateTime, issues: Issues });
export const Published = Type.Object({ version: Type.Integer(), hash: Type.String() });
export const PreviewResult = Type.Object({
  issues: Issues,
  diagram: Type.Union([Type.String(), Type.Null()], { description: 'the diagram as HTML, rendered like the roadmap page' }),
  topic: Type.Union([Type.String(), Type.Null()], { description: 'the topic article as HTML, when topicId names a topic' }),
});
export const VersionList = Type.Object({
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      hash: Type.String(),
      note: Type.Union([Type.String(), Type.Null()]),
      createdAt: DateTime,
      current: Type.Boolean(),
    }),
  ),
});
export const UpstreamResult = Type.Object({
  source: Type.Union([
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      version: Type.Integer(),
      url: Type.String(),
      forkedAtVersion: Type.Union([Type.Integer(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  changes: Type.Array(
    Type.Object({
      topicId: Type.String(),
      title: Type.String(),
      change: Type.Union([Type.Literal('changed'), Type.Literal('added'), Type.Literal('removed')]),
    }),
  ),
});
export const PullResult = Type.Object({ baseVersion: Type.Integer(), files: Files, updatedAt: DateTime, issues: Issues });
export const ImportResult = Type.Object({
  roadmap: RoadmapSummarySchema,
  report: Type.Object({
    imported: Type.Array(
      Type.Object({ nodeId: Type.String(), id: Type.String(), title: Type.String(), kind: Type.String(), withContent: Type.Boolean() }),
    ),
    dropped: Type.Array(Type.Object({ nodeId: Type.String(), type: Type.String(), label: Type.String(), reason: Type.String() })),
    notes: Type.Array(Type.String()),
    counts: Type.Object({
      sections: Type.Integer(),
      topics: Type.Integer(),
      subtopics: Type.Integer(),
      withContent: Type.Integer(),
      dropped: Type.Integer(),
    }),
  }),
});
