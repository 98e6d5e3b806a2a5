/**
 * The roadmap as a PDF to take along: a title page, the diagram as vector graphics with its
 * legend, the outline with page numbers, the guide, every topic with its text, level, hours,
 * prerequisites and resources (clickable), and the FAQ. Bookmarks for every section and topic;
 * links inside the document go to the topic's page. Drawn with pdfkit and the bundled fonts.
 */
import { roadmapPath, type CatalogEntry } from '../../catalog/catalog-entry.js';
import { MARKS } from '../../content/content-schema.js';
import type { Layout } from '../../content/layout.js';
import type { Topic } from '../../content/roadmap-model.js';
import { countEntries, statusOf, type Status, type TopicEntries } from '../../shared/progress-rules.js';
import { faqAnswerMarkdown } from '../../views/faq.js';
import { capitalize } from '../../views/format.js';
import { EDGE_LABELS, MARK_LABELS, MARK_SHORT } from '../../views/icons.js';
import { RESOURCE_LABELS } from '../../views/topic-article.js';
import { drawDiagramPages, drawMarkBadge, drawStatus, STATUS_LABELS } from './pdf-diagram.js';
import type { FontName } from './fonts.js';
import { createPdfDocument } from './pdf-document.js';
import { BODY_SIZE, keepTogether, writeMarkdown, writeRuns, type MarkdownTarget, type Run } from './pdf-markdown.js';
import { PALETTE } from './palette.js';

export const PAPERS = { a4: 'A4', letter: 'LETTER' } as const;
export type Paper = keyof typeof PAPERS;

export interface PdfProgress {
  /** Whose progress it is, as shown on the title page. */
  owner: string;
  entries: TopicEntries;
}

export interface RoadmapPdfOptions {
  paper: Paper;
  /** Origin for the links back to the site. */
  baseUrl: string;
  /** The date printed and stored as the document's creation date. */
  date: Date;
  /** With a learner's progress: status marks in the diagram, the outline and on every topic. */
  progress?: PdfProgress;
  /** For a fork of an official roadmap, that roadmap's title (a user source is never named: it may be unlisted). */
  basedOn?: string;
}

const MARGIN = 56;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
export const topicDestination = (id: string) => `topic-${id}`;
const hours = (n: number) => `${Math.round(n * 10) / 10} h`;

interface OutlineLine {
  page: number;
  y: number;
  /** The topic whose page number the line ends with. */
  topicId: string;
  size: number;
}

function currentPage(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

/** Renders the PDF. It yields to the event loop between sections, so serving goes on meanwhile. */
export async function roadmapPdf(entry: CatalogEntry, layout: Layout, options: RoadmapPdfOptions): Promise<Buffer> {
  const { roadmap } = entry;
  const { meta } = roadmap;
  const site = `${options.baseUrl}${roadmapPath(entry)}`;
  const statusOfTopic = (id: string): Status | null => (options.progress ? statusOf(options.progress.entries, id) : null);
  const doc = createPdfDocument({
    size: PAPERS[options.paper],
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `${meta.title} roadmap`,
      Author: 'Milepost',
      Subject: meta.description,
      Keywords: `roadmap, ${roadmap.id}, version ${entry.version}`,
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  // The version is part of the metadata in its own entry as well as in the keywords.
  (doc.info as Record<string, unknown>).Version = String(entry.version);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const left = MARGIN;
  const font = (name: FontName, size: number, colour: string = PALETTE.text) => doc.font(name).fontSize(size).fillColor(colour);
  const contentWidth = () => doc.page.width - MARGIN * 2;
  const prefix = `${roadmapPath(entry)}/`;
  const markdown = {
    doc,
    baseUrl: options.baseUrl,
    // Links to this roadmap's topics stay inside the document.
    internal: (href: string) => {
      const id = href.startsWith(prefix) ? href.slice(prefix.length).split(/[?#]/)[0] : undefined;
      return id && roadmap.topics.has(id) ? topicDestination(id) : null;
    },
  };

  // Title page.
  doc.addPage();
  font('semibold', 11, PALETTE.accent).text('Milepost', left, MARGIN + 40);
  font('bold', 30).text(`${meta.title}`, left, MARGIN + 90, { width: contentWidth() });
  font('regular', 13, PALETTE.muted).text('Roadmap', { width: contentWidth() });
  doc.moveDown(1);
  font('regular', 12).text(meta.description, { width: contentWidth(), lineGap: 3 });
  doc.moveDown(1.5);
  font('regular', 10.5, PALETTE.muted);
  doc.text(
    `${roadmap.order.length} topics in ${roadmap.sections.length} sections · ${Math.round(roadmap.totalHours).toLocaleString('en-US')} hours of study`,
  );
  doc.text(`Version ${entry.version} · ${options.date.toISOString().slice(0, 10)}`);
  doc.text(site, { link: site, underline: false });
  if (options.basedOn) doc.text(`Based on the roadmap "${options.basedOn}".`);
  if (options.progress) {
    const counts = countEntries(roadmap.index, options.progress.entries);
    doc.moveDown(1.5);
    font('semibold', 12).text(`Progress of ${options.progress.owner}: ${counts.percent} % done`);
    font('regular', 10.5, PALETTE.muted).text(
      `${counts.done} done, ${counts.learning} learning, ${counts.skipped} skipped, of ${counts.total} topics.`,
    );
  }
  font('regular', 9, PALETTE.muted).text(
    'Every topic links to its page on the site, where progress is kept, and to the resources it recommends.',
    left,
    doc.page.height - MARGIN - 30,
    { width: contentWidth() },
  );
  doc.outline.addItem('Title page');

  // Diagram and legend.
  doc.addPage();
  doc.outline.addItem('Diagram');
  font('bold', 18).text('Diagram', left, MARGIN);
  doc.moveDown(0.4);
  font('semibold', 9.5).text('Legend');
  for (const mark of MARKS) legendLine(doc, MARK_LABELS[mark], (x, y) => drawMarkBadge(doc, mark, x + 5, y + 5, 5));
  legendLine(doc, EDGE_LABELS.spine, (x, y) => {
    doc
      .save()
      .lineWidth(2)
      .strokeColor(PALETTE.spine)
      .moveTo(x, y + 5)
      .lineTo(x + 12, y + 5)
      .stroke()
      .restore();
  });
  legendLine(doc, EDGE_LABELS.extra, (x, y) => {
    doc
      .save()
      .lineWidth(1)
      .dash(2.5, { space: 2 })
      .strokeColor(PALETTE.edge)
      .moveTo(x, y + 5)
      .lineTo(x + 10, y + 5)
      .stroke()
      .undash();
    doc
      .polygon([x + 9, y + 2.5], [x + 13, y + 5], [x + 9, y + 7.5])
      .fill(PALETTE.edge)
      .restore();
  });
  if (options.progress) {
    for (const status of ['done', 'learning', 'skipped'] as const)
      legendLine(doc, STATUS_LABELS[status], (x, y) => drawStatus(doc, status, x + 5, y + 5, 5));
  }
  doc.moveDown(0.6);
  drawDiagramPages(doc, roadmap, layout, { statusOf: statusOfTopic, destination: topicDestination });
  await tick();

  // Outline: lines first, page numbers once the topics are placed.
  doc.addPage();
  doc.outline.addItem('Contents');
  font('bold', 18).text('Contents', left, MARGIN);
  doc.moveDown(0.5);
  const outline: OutlineLine[] = [];
  for (const section of roadmap.sections) {
    keepTogether(doc, 40);
    doc.moveDown(0.3);
    const first = section.nodeIds[0];
    if (first) outline.push({ page: currentPage(doc), y: doc.y, topicId: first, size: 10.5 });
    font('semibold', 10.5).text(section.title, left, doc.y, { width: contentWidth() - 60, lineBreak: false, goTo: topicDestination(first ?? '') });
    doc.y += 3;
    for (const id of section.nodeIds) {
      const topic = roadmap.topics.get(id);
      if (!topic) continue;
      keepTogether(doc, 14);
      const indent = topic.kind === 'subtopic' ? 28 : 12;
      const status = statusOfTopic(id);
      const y = doc.y;
      if (status && status !== 'pending') drawStatus(doc, status, left + indent - 7, y + 4.5, 3.5);
      outline.push({ page: currentPage(doc), y, topicId: id, size: 9.5 });
      font(topic.kind === 'subtopic' ? 'regular' : 'semibold', 9.5).text(topic.title, left + indent, y, {
        width: contentWidth() - indent - 60,
        lineBreak: false,
        ellipsis: true,
        goTo: topicDestination(id),
      });
      doc.y = y + 13;
    }
  }

  // The guide.
  if (roadmap.guide) {
    doc.addPage();
    doc.outline.addItem(`Guide: ${roadmap.guide.title}`);
    font('bold', 18).text(roadmap.guide.title, left, MARGIN, { width: contentWidth() });
    font('regular', 11, PALETTE.muted).text(roadmap.guide.description, { width: contentWidth() });
    doc.moveDown(0.8);
    writeMarkdown(markdown, roadmap.guide.body, { topHeadingSize: 14 });
    await tick();
  }

  // Every topic, section by section.
  const topicPages = new Map<string, number>();
  for (const section of roadmap.sections) {
    doc.addPage();
    const sectionItem = doc.outline.addItem(section.title);
    font('semibold', 9, PALETTE.muted).text('Section', left, MARGIN);
    font('bold', 20).text(section.title, { width: contentWidth() });
    font('regular', 10, PALETTE.muted).text(`${section.nodeIds.length} topics · about ${hours(section.hours)}`);
    doc.moveDown(0.8);
    const items = new Map<string, PDFKit.PDFOutline>();
    for (const id of section.nodeIds) {
      const topic = roadmap.topics.get(id);
      if (!topic) continue;
      keepTogether(doc, 90);
      if (doc.y > MARGIN + 1) doc.moveDown(0.8);
      topicPages.set(id, currentPage(doc));
      const parentItem = topic.parentId ? items.get(topic.parentId) : undefined;
      items.set(id, (parentItem ?? sectionItem).addItem(topic.title));
      writeTopic(doc, topic, { left, width: contentWidth(), status: statusOfTopic(id), markdown, roadmapUrl: site, entry });
    }
    await tick();
  }

  // The FAQ.
  if (roadmap.faq.length > 0) {
    doc.addPage();
    doc.outline.addItem('Frequently asked questions');
    font('bold', 18).text('Frequently asked questions', left, MARGIN, { width: contentWidth() });
    doc.moveDown(0.5);
    for (const item of roadmap.faq) {
      keepTogether(doc, 60);
      doc.moveDown(0.4);
      font('semibold', 11.5).text(item.question, left, doc.y, { width: contentWidth() });
      doc.moveDown(0.2);
      writeMarkdown(markdown, faqAnswerMarkdown(item.answer, roadmap.totalHours));
    }
  }

  // Page numbers in the outline, then a footer on every page after the title page.
  const { count } = doc.bufferedPageRange();
  for (const line of outline) {
    const page = topicPages.get(line.topicId);
    if (page === undefined) continue;
    doc.switchToPage(line.page);
    const label = String(page + 1);
    font('regular', line.size, PALETTE.muted);
    doc.text(label, doc.page.width - MARGIN - doc.widthOfString(label), line.y, { lineBreak: false });
  }
  for (let page = 1; page < count; page++) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    font('regular', 8, PALETTE.muted);
    const y = doc.page.height - MARGIN / 2 - 4;
    doc.text(`${meta.title} roadmap · version ${entry.version}`, MARGIN, y, { lineBreak: false });
    const label = `${page + 1} / ${count}`;
    doc.text(label, doc.page.width - MARGIN - doc.widthOfString(label), y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function legendLine(doc: PDFKit.PDFDocument, label: string, draw: (x: number, y: number) => void): void {
  const y = doc.y + 1;
  draw(MARGIN, y);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(PALETTE.text)
    .text(label, MARGIN + 18, y, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = y + 12;
}

interface TopicContext {
  left: number;
  width: number;
  status: Status | null;
  markdown: MarkdownTarget;
  roadmapUrl: string;
  entry: CatalogEntry;
}

function writeTopic(doc: PDFKit.PDFDocument, topic: Topic, ctx: TopicContext): void {
  const { roadmap } = ctx.entry;
  const { left, width } = ctx;
  const url = `${ctx.roadmapUrl}/${topic.id}`;
  doc
    .font('semibold')
    .fontSize(topic.kind === 'subtopic' ? 13 : 14.5)
    .fillColor(PALETTE.text)
    .text(topic.title, left, doc.y, { width, destination: topicDestination(topic.id) });
  const parent = topic.parentId ? roadmap.topics.get(topic.parentId) : undefined;
  const facts = [capitalize(topic.level), `about ${hours(topic.hours)}`];
  if (parent) facts.push(`part of ${parent.title}`);
  if (topic.mark) facts.push(MARK_SHORT[topic.mark]);
  if (ctx.status) facts.push(`Your status: ${ctx.status === 'pending' ? 'not started' : ctx.status}`);
  doc.font('regular').fontSize(9).fillColor(PALETTE.muted).text(facts.join(' · '), left, doc.y, { width });
  writeRuns(
    doc,
    [
      { text: 'On the site: ', font: 'regular', link: null },
      { text: url, font: 'regular', link: url },
    ],
    left,
    width,
    9,
    PALETTE.muted,
  );
  const prerequisites = topic.prerequisites.flatMap((id) => {
    const other = roadmap.topics.get(id);
    return other ? [other] : [];
  });
  if (prerequisites.length > 0) {
    const runs: Run[] = [{ text: 'Prerequisites: ', font: 'regular', link: null }];
    prerequisites.forEach((other, i) => {
      if (i > 0) runs.push({ text: ', ', font: 'regular', link: null });
      runs.push({ text: other.title, font: 'regular', link: null, goTo: topicDestination(other.id) });
    });
    writeRuns(doc, runs, left, width, 9, PALETTE.muted);
  }
  doc.fillColor(PALETTE.text);
  doc.moveDown(0.5);
  writeMarkdown(ctx.markdown, topic.body, { topHeadingSize: 11.5 });
  if (topic.resources.length > 0) {
    keepTogether(doc, 40);
    doc
      .font('semibold')
      .fontSize(10.5)
      .fillColor(PALETTE.text)
      .text('Resources', left, doc.y + 2, { width });
    doc.moveDown(0.2);
    for (const resource of topic.resources) {
      keepTogether(doc, 26);
      const y = doc.y;
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(PALETTE.muted)
        .text(RESOURCE_LABELS[resource.type], left, y + 1.2, { width: 58, lineBreak: false });
      doc.y = y;
      writeRuns(
        doc,
        [
          { text: resource.title, font: 'regular', link: resource.url },
          ...(resource.paid ? [{ text: ' (paid)', font: 'italic' as const, link: null }] : []),
        ],
        left + 62,
        width - 62,
        BODY_SIZE - 0.5,
      );
      doc
        .font('regular')
        .fontSize(7.5)
        .fillColor(PALETTE.muted)
        .text(resource.url, left + 62, doc.y, { width: width - 62, link: resource.url, underline: false });
      doc.y += 3;
    }
  }
  doc.x = left;
  doc.fillColor(PALETTE.text);
}
