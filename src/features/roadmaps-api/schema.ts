/** Request and response schemas of the public roadmap API; the documents' types are inferred from them. */
import { Type, type Static } from 'typebox';
import { LEVELS, MARKS, Resource } from '../../content/content-schema.js';
import { IdSchema as Id } from '../../validation/common-schemas.js';
const strict = { additionalProperties: false } as const;

export const RoadmapParams = Type.Object({ roadmapId: Id }, strict);
export const TopicParams = Type.Object({ roadmapId: Id, topicId: Id }, strict);

const Level = Type.Enum(LEVELS);
const Mark = Type.Union([Type.Enum(MARKS), Type.Null()], {
  description: 'how the roadmap recommends this topic; null when it does not say',
});
const Hours = Type.Number({ description: 'estimated hours of study' });

const TopicFields = {
  id: Type.String(),
  title: Type.String(),
  sectionId: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()], { description: 'the spine topic a subtopic hangs from; null for spine topics' }),
  kind: Type.Union([Type.Literal('topic'), Type.Literal('subtopic')]),
  level: Level,
  hours: Hours,
  prerequisites: Type.Array(Type.String(), { description: 'topic ids to learn first' }),
  mark: Mark,
};

export const RoadmapSummary = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    version: Type.Integer({ description: 'raised by the content authors when the roadmap changes in substance' }),
    sections: Type.Integer({ description: 'number of sections' }),
    topics: Type.Integer({ description: 'number of topics and subtopics' }),
    totalHours: Hours,
    links: Type.Object(
      {
        page: Type.String({ description: 'the roadmap page' }),
        json: Type.String({ description: 'the whole roadmap with its layout, as JSON' }),
        api: Type.String({ description: 'the roadmap in this API' }),
      },
      strict,
    ),
  },
  strict,
);

export const RoadmapList = Type.Object({ roadmaps: Type.Array(RoadmapSummary, { description: 'in the order of the home page' }) }, strict);
export type RoadmapList = Static<typeof RoadmapList>;

export const RoadmapStructure = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    version: Type.Integer(),
    totalHours: Hours,
    sections: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          title: Type.String(),
          hours: Hours,
          topicIds: Type.Array(Type.String(), { description: 'the section’s topics and subtopics, in learning order' }),
        },
        strict,
      ),
    ),
    topics: Type.Array(Type.Object(TopicFields, strict), { description: 'every topic and subtopic, in learning order' }),
    retired: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), {
      description: 'retired topic id → the id that replaced it, or null when the topic was removed',
    }),
    links: Type.Object({ page: Type.String({ description: 'the roadmap page: /<id>, or /r/<id> for a user roadmap' }) }, strict),
  },
  strict,
);
export type RoadmapStructure = Static<typeof RoadmapStructure>;

export const TopicDocument = Type.Object(
  {
    ...TopicFields,
    roadmapId: Type.String(),
    subtopicIds: Type.Array(Type.String(), { description: 'subtopics of a spine topic, in order; empty for a subtopic' }),
    resources: Type.Array(Resource),
    markdown: Type.String({ description: 'the explanation as written, in Markdown' }),
    html: Type.String({ description: 'the explanation rendered to HTML: raw HTML escaped, only http(s), mailto and site links, top heading h2' }),
    projects: Type.Array(Type.Object({ id: Type.String(), title: Type.String() }, strict), { description: 'projects that practise this topic' }),
    links: Type.Object({ page: Type.String({ description: 'the topic page' }) }, strict),
  },
  strict,
);
export type TopicDocument = Static<typeof TopicDocument>;

export { NotModified } from '../../validation/common-schemas.js';
export const Redirect = Type.Null({ description: 'The topic id was retired; Location names the topic that replaced it' });
