import { renderMarkdown } from '../content/markdown.js';
import type { Project, Roadmap } from '../content/roadmap-model.js';
import { capitalize, formatHours } from './format.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

function Crumbs({ roadmap, project }: { roadmap: Roadmap; project?: Project }) {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li>
          <a href={roadmap.path}>{roadmap.meta.title}</a>
        </li>
        {project ? (
          <li>
            <a href={`${roadmap.path}/projects`}>Projects</a>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}

/** `/<roadmap>/projects`: project briefs from beginner to advanced. */
export function ProjectsPage({ ctx, roadmap }: { ctx: PageContext; roadmap: Roadmap }) {
  return (
    <Layout
      ctx={ctx}
      title={`Project ideas · ${roadmap.meta.title}`}
      description={`Practice projects for the ${roadmap.meta.title} roadmap, from beginner to advanced.`}
      path={`${roadmap.path}/projects`}
    >
      <section class="projects">
        <Crumbs roadmap={roadmap} />
        <h1>Project ideas</h1>
        <p class="lead">
          Build these to turn reading into skill. Each brief lists what to build, how to know you are done, and the topics it practises.
        </p>
        {(['beginner', 'intermediate', 'advanced'] as const).map((level) => {
          const items = roadmap.projects.filter((p) => p.difficulty === level);
          return items.length === 0 ? null : (
            <section aria-labelledby={`level-${level}`}>
              <h2 id={`level-${level}`}>{capitalize(level)}</h2>
              <ul class="card-grid">
                {items.map((p) => (
                  <li class="card">
                    <h3>
                      <a href={`${roadmap.path}/projects/${p.id}`}>{p.title}</a>
                    </h3>
                    <p>{p.summary}</p>
                    <p class="card-facts">{formatHours(p.hours)}</p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>
    </Layout>
  );
}

/** `/<roadmap>/projects/<id>`: one brief with the topics it practises. */
export function ProjectPage({ ctx, roadmap, project }: { ctx: PageContext; roadmap: Roadmap; project: Project }) {
  return (
    <Layout
      ctx={ctx}
      title={`${project.title} · Project · ${roadmap.meta.title}`}
      description={project.summary}
      path={`${roadmap.path}/projects/${project.id}`}
    >
      <article class="project">
        <Crumbs roadmap={roadmap} project={project} />
        <h1>{project.title}</h1>
        <ul class="topic-meta">
          <li>{capitalize(project.difficulty)}</li>
          <li>{formatHours(project.hours)}</li>
        </ul>
        <p class="lead">{project.summary}</p>
        <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(project.body, { topHeading: 2 }) }} />
        <section aria-labelledby="practises">
          <h2 id="practises">Topics it practises</h2>
          <ul>
            {project.topics.map((id) => {
              const topic = roadmap.topics.get(id);
              return topic ? (
                <li>
                  <a href={`${roadmap.path}/${id}`}>{topic.title}</a>
                </li>
              ) : null;
            })}
          </ul>
        </section>
      </article>
    </Layout>
  );
}
