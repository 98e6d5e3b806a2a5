/**
 * A pdfkit document with the bundled fonts registered and one text setting for every call:
 * OpenType shaping features (kerning, ligatures, contextual alternates) off. Laying out ten
 * thousand lines with Inter's kerning tables takes longer than everything else together, and
 * running text and code read just as well without them.
 */
import PDFDocument from 'pdfkit';
import { FONT_FILES } from './fonts.js';

const UNSHAPED = Object.fromEntries(
  ['kern', 'liga', 'clig', 'calt', 'rclt', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'curs'].map((feature) => [feature, false]),
) as unknown as PDFKit.Mixins.OpenTypeFeatures[];

type TextOptions = PDFKit.Mixins.TextOptions;
const unshaped = (options: TextOptions | undefined): TextOptions => ({ features: UNSHAPED, ...options });

export function createPdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument(options);
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  const text = doc.text.bind(doc) as (text: string, x?: number | TextOptions, y?: number, options?: TextOptions) => PDFKit.PDFDocument;
  const widthOfString = doc.widthOfString.bind(doc);
  const heightOfString = doc.heightOfString.bind(doc);
  doc.text = ((value: string, x?: number | TextOptions, y?: number, options?: TextOptions) =>
    typeof x === 'object' || x === undefined ? text(value, unshaped(x)) : text(value, x, y, unshaped(options))) as typeof doc.text;
  doc.widthOfString = (value, options) => widthOfString(value, unshaped(options));
  doc.heightOfString = (value, options) => heightOfString(value, unshaped(options));
  return doc;
}
