/** Reads a PDF the way a viewer does (pdf.js): its text per page, bookmarks, links, metadata and page size. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Bookmark {
  title: string;
  children: Bookmark[];
}

export interface ReadPdf {
  pages: number;
  /** Page size in points, of the first page. */
  size: { width: number; height: number };
  /** All text, whitespace collapsed. */
  text: string;
  /** Text of each page, whitespace collapsed. */
  pageText: string[];
  /** Lines of each page as they look: text at one height, left to right, whatever order it was drawn in. */
  pageLines: string[][];
  bookmarks: Bookmark[];
  /** Targets of the link annotations that leave the document. */
  links: Set<string>;
  /** Link annotations that go to a place inside the document. */
  internalLinks: number;
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pageText: string[] = [];
  const pageLines: string[][] = [];
  const links = new Set<string>();
  let internalLinks = 0;
  let size = { width: 0, height: 0 };
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    if (n === 1) {
      const viewport = page.getViewport({ scale: 1 });
      size = { width: Math.round(viewport.width), height: Math.round(viewport.height) };
    }
    const content = await page.getTextContent();
    pageText.push(
      content.items
        .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? ' ' : ''}` : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const rows = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round(item.transform[5] as number);
      rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4] as number, str: item.str }]);
    }
    pageLines.push(
      [...rows.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, items]) =>
          items
            .sort((a, b) => a.x - b.x)
            .map((i) => i.str)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    );
    for (const annotation of (await page.getAnnotations()) as { subtype: string; url?: string; dest?: unknown }[]) {
      if (annotation.subtype !== 'Link') continue;
      if (annotation.url) links.add(annotation.url);
      else if (annotation.dest) internalLinks++;
    }
  }
  const toBookmarks = (items: { title: string; items: unknown[] }[] | null): Bookmark[] =>
    (items ?? []).map((item) => ({ title: item.title, children: toBookmarks(item.items as { title: string; items: unknown[] }[]) }));
  const bookmarks = toBookmarks((await pdf.getOutline()) as { title: string; items: unknown[] }[] | null);
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return {
    pages: pageText.length,
    size,
    text: pageText.join(' '),
    pageText,
    pageLines,
    bookmarks,
    links,
    internalLinks,
    info: info as Record<string, unknown>,
  };
}

/** Every bookmark title, depth first. */
export function bookmarkTitles(bookmarks: Bookmark[]): string[] {
  return bookmarks.flatMap((b) => [b.title, ...bookmarkTitles(b.children)]);
}

/** Width and height of a PNG, from its header. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
