import type { Roadmap } from '../content/roadmap-model.js';
import { formatHours } from './format.js';
import { HomeProgressIsland } from '../web/islands/home-progress.js';
import { NextTopicsIsland } from '../web/islands/next-topics.js';
import { Layout } from './layout.js';
import { RoadmapDataScript } from './roadmap-data.js';
import type { PageContext } from './page-context.js';

/** The home page; `roadmaps` in the order they are shown. */
export function HomePage({ ctx, roadmaps }: { ctx: PageContext; roadmaps: Roadmap[] }) {
  return (
    <Layout
      ctx={ctx}
      title="Milepost: developer learning roadmaps"
      description="Interactive learning roadmaps with original explanations, free resources and progress tracking."
      path="/"
      script="home"
    >
      <section class="home-hero">
        <h1>Learning roadmaps you can follow, track and host yourself</h1>
        <p class="lead">
          Pick a path, read a short explanation of each topic, follow hand-picked free resources and mark your progress as you go. No account needed.
        </p>
      </section>
      <h2 class="visually-hidden">Roadmaps</h2>
      <ul class="card-grid roadmap-cards">
        {roadmaps.map((roadmap) => (
          <li class="card roadmap-card" data-roadmap-card={roadmap.id} data-total={roadmap.order.length}>
            <h3>
              <a href={roadmap.path}>{roadmap.meta.briefTitle}</a>
            </h3>
            <p>{roadmap.meta.briefDescription}</p>
            <p class="card-facts">
              {roadmap.order.length} topics · {formatHours(roadmap.totalHours)}
            </p>
            <HomeProgressIsland roadmapId={roadmap.id} />
            <NextTopicsIsland roadmapId={roadmap.id} basePath={roadmap.path} />
            <RoadmapDataScript roadmap={roadmap} />
          </li>
        ))}
      </ul>
      <p class="home-more">
        <a href="/roadmaps">All roadmaps</a>: the community's public roadmaps too, or write your own, from scratch or as a fork of one of these with
        all its content.
      </p>
    </Layout>
  );
}
