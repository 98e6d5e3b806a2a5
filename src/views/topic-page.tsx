import type { Roadmap, Topic } from '../content/roadmap-model.js';
import { NextTopicsIsland } from '../web/islands/next-topics.js';
import { Layout } from './layout.js';
import { RoadmapDataScript } from './roadmap-data.js';
import type { PageContext } from './page-context.js';
import { TopicArticle } from './topic-article.js';
import { proseParagraphs } from '../content/markdown.js';

/** The topic's first paragraph as plain text, cut at a word before `maxLength` characters. */
export function topicSummary(topic: Topic, maxLength = 160): string {
  const first = proseParagraphs(topic.body)[0] ?? topic.title;
  const text =
    topic.body
      .split(/\n\s*\n/)[0]
      ?.replace(/[*_`#>]/g, '')
      .replace(/\s+/g, ' ')
      .trim() ?? first;
  return text.length > maxLength ? `${text.slice(0, maxLength - 3).replace(/\s+\S*$/, '')}…` : text;
}

export function TopicPage({ ctx, roadmap, topic, editUrl }: { ctx: PageContext; roadmap: Roadmap; topic: Topic; editUrl?: string | null }) {
  return (
    <Layout
      ctx={ctx}
      title={`${topic.title} · ${roadmap.meta.title} roadmap`}
      description={topicSummary(topic)}
      image={`/og/roadmaps/${roadmap.id}/${topic.id}.png`}
      path={`${roadmap.path}/${topic.id}`}
      jsonLd={[
        {
          '@context': 'https://schema.org',
          '@type': 'LearningResource',
          name: topic.title,
          educationalLevel: topic.level,
          timeRequired: `PT${Math.round(topic.hours)}H`,
          image: `${ctx.baseUrl}/og/roadmaps/${roadmap.id}/${topic.id}.png`,
          isPartOf: { '@type': 'Course', name: `${roadmap.meta.title} roadmap`, url: `${ctx.baseUrl}${roadmap.path}` },
        },
      ]}
      script="topic"
    >
      <div class="topic-page" data-roadmap-id={roadmap.id}>
        <TopicArticle roadmap={roadmap} topic={topic} editUrl={editUrl ?? null} />
        <NextTopicsIsland roadmapId={roadmap.id} basePath={roadmap.path} except={topic.id} />
      </div>
      <RoadmapDataScript roadmap={roadmap} />
    </Layout>
  );
}
