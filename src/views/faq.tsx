/** The FAQ below the diagram, with figures computed from the roadmap's own hours. */
import { renderMarkdown } from '../content/markdown.js';
import type { Roadmap } from '../content/roadmap-model.js';

export const WEEKLY_PACES = [5, 10, 15, 20, 40] as const;

/** Markdown table of how long the whole roadmap takes at several weekly paces. */
export function paceTable(totalHours: number): string {
  const rows = WEEKLY_PACES.map((pace) => {
    const weeks = Math.ceil(totalHours / pace);
    const months = Math.round((weeks / 4.35) * 10) / 10;
    return `| ${pace} hours | ${weeks} week${weeks === 1 ? '' : 's'} | about ${months} months |`;
  });
  return ['| Study per week | Weeks | Months |', '| --- | --- | --- |', ...rows].join('\n');
}

/** An FAQ answer's Markdown with `{{totalHours}}` and `{{paceTable}}` substituted. */
export function faqAnswerMarkdown(answer: string, totalHours: number): string {
  const total = Math.round(totalHours).toLocaleString('en-US');
  return answer.replaceAll('{{totalHours}}', total).replace(/^\{\{paceTable\}\}$/m, paceTable(totalHours));
}

/** Renders an FAQ answer, its placeholders substituted. */
export function renderFaqAnswer(answer: string, totalHours: number): string {
  return renderMarkdown(faqAnswerMarkdown(answer, totalHours), { topHeading: 4 });
}

export function faqJsonLd(roadmap: Roadmap): unknown {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: roadmap.faq.map((item) => ({
      '@type': 'Question',
      name: item.question,
      acceptedAnswer: { '@type': 'Answer', text: renderFaqAnswer(item.answer, roadmap.totalHours) },
    })),
  };
}

export function Faq({ roadmap }: { roadmap: Roadmap }) {
  if (roadmap.faq.length === 0) return null;
  return (
    <section class="faq" aria-labelledby="faq-title">
      <h2 id="faq-title">Frequently asked questions</h2>
      {roadmap.faq.map((item, i) => (
        <details class="faq-item" open={i === 0}>
          <summary>
            <h3>{item.question}</h3>
          </summary>
          <div class="prose" dangerouslySetInnerHTML={{ __html: renderFaqAnswer(item.answer, roadmap.totalHours) }} />
        </details>
      ))}
    </section>
  );
}
