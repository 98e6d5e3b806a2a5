/**
 * Share images, drawn as SVG and rendered to PNG with resvg and the bundled fonts (never the
 * system's): the OpenGraph card of a roadmap or a topic (1200 × 630) and the whole diagram.
 */
import { Resvg } from '@resvg/resvg-js';
import { renderToString } from 'preact-render-to-string';
import type { Layout } from '../../content/layout.js';
import type { Roadmap, Topic } from '../../content/roadmap-model.js';
import { wrapText } from '../../content/text-wrap.js';
import { Diagram } from '../../views/diagram.js';
import { capitalize, escapeXml } from '../../views/format.js';
import { Icons } from '../../views/icons.js';
import { topicSummary } from '../../views/topic-page.js';
import { FONT_FILES } from './fonts.js';
import { MARK_COLOURS, PALETTE } from './palette.js';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Renders SVG to PNG with the bundled fonts only, so the image is the same on every server. */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.semibold, FONT_FILES.bold, FONT_FILES.mono],
      loadSystemFonts: false,
      defaultFontFamily: 'Inter',
    },
    background: PALETTE.paper,
  });
  return resvg.render().asPng();
}

export interface CardText {
  eyebrow: string;
  title: string;
  description: string;
  facts: string;
}

/** At most `max` lines, the last one cut with an ellipsis when the text goes on. */
function clampLines(text: string, width: number, size: number, max: number): string[] {
  const lines = wrapText(text, width, size);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!.replace(/[\s,.;:]*\S*$/, '')}…`;
  return kept;
}

/** The OpenGraph card: brand, eyebrow, title, description and facts on the site's colours. */
export function cardSvg(card: CardText): string {
  const x = 80;
  const width = OG_WIDTH - x * 2;
  const titleLines = clampLines(card.title, width, 68, 2);
  const descriptionLines = clampLines(card.description, width, 30, 3);
  const titleTop = 215;
  const descriptionTop = titleTop + titleLines.length * 80 + 24;
  const text = (lines: string[], top: number, step: number, attributes: string) =>
    lines.map((line, i) => `<text x="${x}" y="${top + i * step}" ${attributes}>${escapeXml(line)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${PALETTE.paper}"/>
<rect width="${OG_WIDTH}" height="14" fill="${PALETTE.accent}"/>
<rect x="${OG_WIDTH - 250}" y="120" width="170" height="56" rx="10" fill="${PALETTE.topicBg}" stroke="${PALETTE.topicBorder}" stroke-width="3"/>
<rect x="${OG_WIDTH - 250}" y="40" width="170" height="44" rx="10" fill="${PALETTE.sectionBg}"/>
<path d="M${OG_WIDTH - 165} 84 V120" stroke="${PALETTE.spine}" stroke-width="5"/>
<circle cx="${OG_WIDTH - 250}" cy="120" r="13" fill="${MARK_COLOURS.recommended}"/>
<g transform="translate(${x} 62)" fill="${PALETTE.accent}"><path d="M20 0h4v40h-4zM6 4h24l7 7-7 7H6z"/><path d="M40 26H18l-6 6 6 6h22z" opacity=".6"/></g>
<text x="${x + 54}" y="95" font-family="Inter" font-weight="700" font-size="30" fill="${PALETTE.text}">Milepost</text>
<text x="${x}" y="168" font-family="Inter" font-weight="600" font-size="26" fill="${PALETTE.accent}">${escapeXml(clampLines(card.eyebrow, 760, 26, 1)[0] ?? '')}</text>
${text(titleLines, titleTop + 50, 80, `font-family="Inter" font-weight="700" font-size="68" fill="${PALETTE.text}"`)}
${text(descriptionLines, descriptionTop + 30, 42, `font-family="Inter" font-size="30" fill="${PALETTE.muted}"`)}
<rect x="0" y="${OG_HEIGHT - 90}" width="${OG_WIDTH}" height="90" fill="${PALETTE.codeBg}"/>
<text x="${x}" y="${OG_HEIGHT - 35}" font-family="Inter" font-weight="600" font-size="28" fill="${PALETTE.text}">${escapeXml(card.facts)}</text>
</svg>`;
}

export function roadmapCard(roadmap: Roadmap): CardText {
  return {
    eyebrow: 'Roadmap',
    title: roadmap.meta.title,
    description: roadmap.meta.description,
    facts: `${roadmap.order.length} topics · ${Math.round(roadmap.totalHours).toLocaleString('en-US')} hours of study · free to read`,
  };
}

export function topicCard(roadmap: Roadmap, topic: Topic): CardText {
  const section = roadmap.sections.find((s) => s.id === topic.sectionId);
  return {
    eyebrow: `${roadmap.meta.title} roadmap${section ? ` · ${section.title}` : ''}`,
    title: topic.title,
    description: topicSummary(topic, 400),
    facts: `${capitalize(topic.level)} · about ${Math.round(topic.hours * 10) / 10} h · ${topic.resources.length} resources`,
  };
}

/** The style the site's stylesheet gives the diagram, in the light theme, for a standalone SVG. */
const DIAGRAM_STYLE = `
.edge{fill:none;stroke:${PALETTE.edge};stroke-width:2}
.edge--spine{stroke:${PALETTE.spine};stroke-width:3.5}
.edge--extra{stroke-dasharray:6 5}
.edge-arrow path{fill:${PALETTE.edge}}
.section-band rect{fill:${PALETTE.sectionBg}}
.section-band text{fill:${PALETTE.sectionText};font-size:16px;font-weight:700;text-anchor:middle}
.section-band .section-hours{font-size:13px;font-weight:400;text-anchor:start}
.node-box{fill:${PALETTE.subBg};stroke:${PALETTE.subBorder};stroke-width:1.5}
.node--topic .node-box{fill:${PALETTE.topicBg};stroke:${PALETTE.topicBorder};stroke-width:2}
.node text{fill:${PALETTE.text};font-size:14px;text-anchor:middle}
.node--topic text{font-size:15px;font-weight:600}
.node-mark{fill:currentColor}
.glyph{stroke:#ffffff;fill:none}
.glyph-fill{fill:#ffffff}
${Object.entries(MARK_COLOURS)
  .map(([mark, colour]) => `.mark-icon--${mark}{color:${colour}}`)
  .join('\n')}
`;

/** The whole diagram as a standalone SVG (the site's own drawing, with its styles and mark icons inlined). */
export function diagramSvg(roadmap: Roadmap, layout: Layout): string {
  const inside = (svg: string) => svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
  const symbols = inside(renderToString(Icons()));
  const inner = inside(renderToString(Diagram({ roadmap, layout })));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="Inter"><style>${DIAGRAM_STYLE}</style><defs>${symbols}</defs><rect width="100%" height="100%" fill="${PALETTE.paper}"/>${inner}</svg>`;
}
