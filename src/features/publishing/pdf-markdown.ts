/**
 * Writes Markdown into a PDF: headings, paragraphs with bold, italic, code and links, bullet and
 * numbered lists, code blocks in a monospace font, and tables. The tokens come from the site's one
 * Markdown parser (content/markdown.ts), so the same links are safe here as on the site.
 */
import { parseMarkdown, type MarkdownToken } from '../../content/markdown.js';
import type { FontName } from './fonts.js';
import { PALETTE } from './palette.js';

export const BODY_SIZE = 10;
const LINE_GAP = 2.2;
const CODE_SIZE = 8;
const LIST_INDENT = 14;

export interface Run {
  text: string;
  font: FontName;
  link: string | null;
  /** A named destination inside the document. */
  goTo?: string;
}

export interface MarkdownTarget {
  doc: PDFKit.PDFDocument;
  /** Absolute origin for site-relative links (`/backend/http` becomes `<baseUrl>/backend/http`). */
  baseUrl: string;
  /** The destination inside the document a site link leads to, when the document holds it. */
  internal?: (href: string) => string | null;
}

/** Room left on the page below the cursor. */
export function roomLeft(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

/** Starts a new page unless `height` points still fit on this one. */
export function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (roomLeft(doc) < height) doc.addPage();
}

function inlineRuns(token: MarkdownToken | undefined, target: MarkdownTarget, base: FontName = 'regular'): Run[] {
  const runs: Run[] = [];
  let bold = base === 'bold' || base === 'semibold';
  let italic = false;
  let link: string | null = null;
  let goTo: string | undefined;
  const font = (): FontName => (bold ? (base === 'semibold' ? 'semibold' : 'bold') : italic ? 'italic' : base);
  for (const child of token?.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'html_inline':
        runs.push({ text: child.content, font: font(), link, goTo });
        break;
      case 'code_inline':
        runs.push({ text: child.content, font: 'mono', link, goTo });
        break;
      case 'softbreak':
        runs.push({ text: ' ', font: font(), link, goTo });
        break;
      case 'hardbreak':
        runs.push({ text: '\n', font: font(), link, goTo });
        break;
      case 'strong_open':
        bold = true;
        break;
      case 'strong_close':
        bold = base === 'bold' || base === 'semibold';
        break;
      case 'em_open':
        italic = true;
        break;
      case 'em_close':
        italic = false;
        break;
      case 'link_open': {
        const href = String(child.attrGet('href') ?? '');
        goTo = href.startsWith('/') ? (target.internal?.(href) ?? undefined) : undefined;
        link = goTo ? null : href.startsWith('/') ? `${target.baseUrl}${href}` : /^(https?:|mailto:)/i.test(href) ? href : null;
        break;
      }
      case 'link_close':
        link = null;
        goTo = undefined;
        break;
      case 'image':
        runs.push({ text: child.content, font: font(), link, goTo });
        break;
      default:
        if (child.content) runs.push({ text: child.content, font: font(), link, goTo });
    }
  }
  // Neighbouring runs in the same style are one run: fewer text objects, better line breaking.
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && last.font === run.font && last.link === run.link && last.goTo === run.goTo) last.text += run.text;
    else if (run.text !== '') merged.push({ ...run });
  }
  return merged;
}

/** Writes runs as one flowing paragraph starting at (x, current y). */
export function writeRuns(doc: PDFKit.PDFDocument, runs: Run[], x: number, width: number, size = BODY_SIZE, colour: string = PALETTE.text): void {
  if (runs.length === 0) return;
  runs.forEach((run, i) => {
    doc
      .font(run.font)
      .fontSize(run.font === 'mono' ? size * 0.9 : size)
      .fillColor(run.link || run.goTo ? PALETTE.link : colour);
    // Continued text inherits every option left undefined, so each run says all of them.
    const options = {
      width,
      lineGap: LINE_GAP,
      continued: i < runs.length - 1,
      link: run.link,
      goTo: run.goTo ?? null,
      underline: run.link !== null,
    } as PDFKit.Mixins.TextOptions;
    if (i === 0) doc.text(run.text, x, doc.y, options);
    else doc.text(run.text, options);
  });
  doc.fillColor(PALETTE.text);
}

/** Plain text of an inline token (table cells). */
function plainText(token: MarkdownToken | undefined): string {
  return (token?.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content)).join('');
}

function writeCode(doc: PDFKit.PDFDocument, code: string, x: number, width: number): void {
  const pad = 6;
  doc.font('mono').fontSize(CODE_SIZE);
  const lines = code.replace(/\n$/, '').split('\n');
  const lineHeight = doc.currentLineHeight(true) + 1.5;
  keepTogether(doc, Math.min(lines.length, 3) * lineHeight + pad * 2);
  const band = (top: number, height: number) => {
    doc.save().rect(x, top, width, height).fill(PALETTE.codeBg).restore();
  };
  band(doc.y, pad);
  doc.y += pad;
  for (const line of lines) {
    const text = line === '' ? ' ' : line;
    const height = doc.heightOfString(text, { width: width - pad * 2, lineGap: 1.5 });
    keepTogether(doc, height);
    band(doc.y, height);
    doc
      .font('mono')
      .fontSize(CODE_SIZE)
      .fillColor(PALETTE.text)
      .text(text, x + pad, doc.y, { width: width - pad * 2, lineGap: 1.5 });
  }
  band(doc.y, pad);
  doc.y += pad + 6;
}

function writeTable(doc: PDFKit.PDFDocument, rows: { header: boolean; cells: string[] }[], x: number, width: number): void {
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const cellWidth = width / columns;
  const pad = 4;
  doc.fontSize(BODY_SIZE - 1);
  for (const row of rows) {
    doc.font(row.header ? 'semibold' : 'regular');
    const height = Math.max(...row.cells.map((cell) => doc.heightOfString(cell || ' ', { width: cellWidth - pad * 2 }))) + pad * 2;
    keepTogether(doc, height);
    const top = doc.y;
    if (row.header) doc.save().rect(x, top, width, height).fill(PALETTE.codeBg).restore();
    row.cells.forEach((cell, i) => {
      doc
        .font(row.header ? 'semibold' : 'regular')
        .fontSize(BODY_SIZE - 1)
        .fillColor(PALETTE.text)
        .text(cell, x + i * cellWidth + pad, top + pad, { width: cellWidth - pad * 2 });
    });
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(PALETTE.border)
      .moveTo(x, top + height)
      .lineTo(x + width, top + height)
      .stroke()
      .restore();
    doc.y = top + height;
  }
  doc.x = x;
  doc.y += 8;
}

export interface MarkdownOptions {
  /** Font size of the document's highest heading; lower ones step down from it. */
  topHeadingSize?: number;
}

/** Writes a Markdown document at the page's left margin, across as many pages as it needs. */
export function writeMarkdown(target: MarkdownTarget, source: string, options: MarkdownOptions = {}): void {
  const { doc } = target;
  const tokens = parseMarkdown(source);
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const levels = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
  const topLevel = levels.length > 0 ? Math.min(...levels) : 1;
  const topSize = options.topHeadingSize ?? 12;
  const lists: { ordered: boolean; next: number }[] = [];
  let pendingMarker: string | null = null;
  let table: { header: boolean; cells: string[] }[] | null = null;
  let inHead = false;
  const indent = () => lists.length * LIST_INDENT;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'heading_open': {
        const size = Math.max(BODY_SIZE + 0.5, topSize - (Number(token.tag.slice(1)) - topLevel) * 1.5);
        keepTogether(doc, size * 4);
        doc.y += size * 0.5;
        writeRuns(doc, inlineRuns(tokens[i + 1], target, 'semibold'), left, full, size);
        doc.y += 3;
        i += 2;
        break;
      }
      case 'paragraph_open': {
        const runs = inlineRuns(tokens[i + 1], target);
        const x = left + indent();
        doc.font('regular').fontSize(BODY_SIZE);
        keepTogether(doc, doc.currentLineHeight(true) * 2);
        if (pendingMarker !== null) {
          const top = doc.y;
          doc
            .font('regular')
            .fontSize(BODY_SIZE)
            .fillColor(PALETTE.muted)
            .text(pendingMarker, x - LIST_INDENT, top, { width: LIST_INDENT - 3, align: 'right', lineBreak: false });
          doc.y = top;
          pendingMarker = null;
        }
        writeRuns(doc, runs, x, full - indent());
        doc.x = left;
        doc.y += lists.length > 0 ? 2 : 6;
        i += 2;
        break;
      }
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) doc.y += 4;
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        pendingMarker = list?.ordered ? `${list.next++}.` : '•';
        break;
      }
      case 'fence':
      case 'code_block':
        writeCode(doc, token.content, left + indent(), full - indent());
        break;
      case 'table_open':
        table = [];
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        table?.push({ header: inHead, cells: [] });
        break;
      case 'inline':
        if (table) table.at(-1)?.cells.push(plainText(token));
        break;
      case 'table_close':
        if (table) writeTable(doc, table, left, full);
        table = null;
        break;
      case 'hr':
        doc
          .save()
          .lineWidth(0.5)
          .strokeColor(PALETTE.border)
          .moveTo(left, doc.y)
          .lineTo(left + full, doc.y)
          .stroke()
          .restore();
        doc.y += 8;
        break;
      default:
        break;
    }
  }
  doc.x = left;
}
