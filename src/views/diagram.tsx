/** The roadmap diagram as inline SVG: every topic is a real link, readable without JavaScript. */
import type { Layout, LayoutEdge, LayoutNode } from '../content/layout.js';
import { LAYOUT } from '../content/layout.js';
import type { Roadmap } from '../content/roadmap-model.js';
import { MARK_LABELS } from './icons.js';

const r = (n: number) => Math.round(n * 10) / 10;

function edgePath(edge: LayoutEdge): string {
  const [first, ...rest] = edge.points.map(([x, y]) => `${r(x)} ${r(y)}`);
  return `M${first} ${rest.map((p) => `L${p}`).join(' ')}`;
}

function Lines({ node }: { node: LayoutNode }) {
  const lineHeight = node.fontSize * LAYOUT.lineHeight;
  const top = node.y + (node.h - node.lines.length * lineHeight) / 2;
  const cx = node.x + node.w / 2;
  return (
    <text x={r(cx)} y={r(top)}>
      {node.lines.map((line, i) => (
        <tspan x={r(cx)} y={r(top + i * lineHeight + node.fontSize * 0.98)}>
          {i < node.lines.length - 1 ? `${line} ` : line}
        </tspan>
      ))}
    </text>
  );
}

export function Diagram({ roadmap, layout }: { roadmap: Roadmap; layout: Layout }) {
  return (
    <svg
      class="diagram-svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-labelledby="diagram-title"
    >
      <title id="diagram-title">{`${roadmap.meta.title} roadmap`}</title>
      <defs>
        <marker id="edge-arrow" class="edge-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" />
        </marker>
      </defs>
      <g class="edges" aria-hidden="true">
        {layout.edges.map((edge) => (
          <path
            class={`edge edge--${edge.kind}`}
            d={edgePath(edge)}
            data-from={edge.from}
            data-to={edge.to}
            marker-end={edge.kind === 'extra' ? 'url(#edge-arrow)' : undefined}
          />
        ))}
      </g>
      {layout.nodes.map((node) => {
        if (node.kind === 'section') {
          const id = node.key.slice('section/'.length);
          return (
            <g class="section-band" data-section-id={id}>
              <rect x={node.x} y={r(node.y)} width={node.w} height={node.h} rx="10" />
              <Lines node={node} />
              <text class="section-hours" x={node.x + 14} y={r(node.y + node.h / 2 + 5)}>
                {`${Math.round(roadmap.sections.find((s) => s.id === id)?.hours ?? 0)} h`}
              </text>
              <text class="section-count" x={node.x + node.w - 14} y={r(node.y + node.h / 2 + 5)} data-section-count={id} />
            </g>
          );
        }
        const topic = roadmap.topics.get(node.key);
        if (!topic) return null;
        const label = topic.mark ? `${topic.title} (${MARK_LABELS[topic.mark]})` : topic.title;
        return (
          <a
            href={`${roadmap.path}/${topic.id}`}
            class={`node node--${node.kind}${topic.mark ? ` mark--${topic.mark}` : ''}`}
            data-topic-id={topic.id}
            aria-label={label}
          >
            <rect class="node-box" x={node.x} y={r(node.y)} width={node.w} height={r(node.h)} rx="8" />
            <Lines node={node} />
            {topic.mark ? (
              <use class={`node-mark mark-icon--${topic.mark}`} href={`#m-${topic.mark}`} x={node.x - 8} y={r(node.y - 8)} width="20" height="20" />
            ) : null}
          </a>
        );
      })}
    </svg>
  );
}
