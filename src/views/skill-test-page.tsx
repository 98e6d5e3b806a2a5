import type { Roadmap } from '../content/roadmap-model.js';
import { SKILL_TEST_SIZE, SKILL_TEST_TIMER_MINUTES } from '../features/quiz/skill-tests.js';
import { SkillTestIsland } from '../web/islands/skill-test.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/<roadmap>/skill-test`: questions across the whole roadmap, graded on the server, with gaps to revisit. */
export function SkillTestPage({ ctx, roadmap }: { ctx: PageContext; roadmap: Roadmap }) {
  const topics = Object.fromEntries(roadmap.order.map((id) => [id, roadmap.topics.get(id)!.title]));
  return (
    <Layout
      ctx={ctx}
      title={`Skill test · ${roadmap.meta.title}`}
      description={`${SKILL_TEST_SIZE} questions across every section of the ${roadmap.meta.title} roadmap, with a score per section and the topics to revisit.`}
      path={`${roadmap.path}/skill-test`}
      script="skill-test"
    >
      <article class="skill-test-page">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <ol>
            <li>
              <a href={roadmap.path}>{roadmap.meta.title}</a>
            </li>
          </ol>
        </nav>
        <h1>Skill test</h1>
        <p class="lead">
          {SKILL_TEST_SIZE} questions drawn across every section and level of the roadmap. Answer them in one go, then see your score per section,
          your strengths and gaps, and the topics worth revisiting. There is an optional {SKILL_TEST_TIMER_MINUTES}-minute timer; no account is
          needed.
        </p>
        <noscript>
          <p>The skill test needs JavaScript: answers are checked on the server as you submit them.</p>
        </noscript>
        <SkillTestIsland
          roadmapId={roadmap.id}
          basePath={roadmap.path}
          sections={roadmap.sections.map((s) => ({ id: s.id, title: s.title }))}
          topics={topics}
        />
      </article>
    </Layout>
  );
}
