/**
 * Edits of a Markdown file's YAML front matter that leave every other byte as it was: the new
 * value is spliced into the text where the old one stood, so comments, quoting, key order and
 * the body survive. Structure edits use it for topic titles, prerequisites and a project's topics.
 * It runs in the browser too, so it reads the front matter itself instead of through the loader.
 */
import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type YAMLMap } from 'yaml';

interface FrontMatter {
  map: YAMLMap;
  /** Offset of the YAML text in the file: node ranges are relative to it. */
  start: number;
}

interface Splice {
  from: number;
  to: number;
  text: string;
}

/** The front matter as the loader finds it (a `---` fence, then YAML up to the next `\n---`); null when missing or unreadable. */
function frontMatterOf(text: string): FrontMatter | null {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const fence = text.startsWith('---\r\n', bom) ? 5 : text.startsWith('---\n', bom) ? 4 : 0;
  if (fence === 0) return null;
  const start = bom + fence;
  const close = text.indexOf('\n---', start - 1);
  if (close === -1) return null;
  const doc = parseDocument(text.slice(start, close + 1), { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  return { map: doc.contents, start };
}

/** The front matter as plain data; null when the file has none or it is not a readable mapping. */
export function readFrontMatter(text: string): Record<string, unknown> | null {
  const found = frontMatterOf(text);
  return found ? (found.map.toJSON() as Record<string, unknown>) : null;
}

/** A string as YAML, in `type`'s quoting when given, otherwise plain unless it needs quotes. */
export function yamlString(value: string, type?: Scalar['type']): string {
  const node = new Scalar(value);
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') node.type = type;
  return new Document(node).toString({ lineWidth: 0 }).trimEnd();
}

/** Sets a string field, keeping the old value's quoting style. Null when the front matter cannot be read. */
export function setFrontMatterString(text: string, key: string, value: string): string | null {
  const found = frontMatterOf(text);
  if (!found) return null;
  const node = found.map.get(key, true) as Node | undefined;
  if (isScalar(node) && node.range && node.value !== null) {
    const [from, to] = node.range;
    return splice(text, [{ from: found.start + from, to: found.start + to, text: yamlString(value, node.type) }]);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pair = found.map.items.find((p) => isScalar(p.key) && p.key.value === key);
  const keyRange = isScalar(pair?.key) ? pair.key.range : undefined;
  // Missing: a new first line, so the rest of the block is untouched.
  if (!keyRange) return splice(text, [{ from: found.start, to: found.start, text: `${key}: ${yamlString(value)}${eol}` }]);
  // Empty or not a string: the key's lines are written again.
  const from = found.start + keyRange[0];
  const to = isCollection(node) && node.range ? lineEnd(text, found.start + node.range[1] - 1, false) : lineEnd(text, found.start + keyRange[1], false);
  return splice(text, [{ from, to, text: `${key}: ${yamlString(value)}` }]);
}

/**
 * Replaces or drops ids in a list field (`prerequisites`, a project's `topics`). `change` returns
 * the new id, null to drop it, or undefined to keep it. A block list loses the dropped items'
 * lines; a flow list (`[a, b]`) is written again from the items it keeps. The text comes back
 * unchanged when the field is missing or the front matter cannot be read.
 */
export function editIdList(text: string, key: string, change: (id: string) => string | null | undefined): string {
  const found = frontMatterOf(text);
  const seq = found?.map.get(key, true);
  if (!found || !isSeq(seq) || !seq.range) return text;
  const at = (offset: number) => found.start + offset;
  const edits: Splice[] = [];
  const kept: string[] = [];
  let dropped = false;
  for (const item of seq.items as Node[]) {
    const range = item.range;
    if (!range) continue;
    const next = isScalar(item) && typeof item.value === 'string' ? change(item.value) : undefined;
    if (next === undefined || (isScalar(item) && next === item.value)) {
      kept.push(text.slice(at(range[0]), at(range[1])));
    } else if (next === null) {
      dropped = true;
      edits.push({ from: lineStart(text, at(range[0])), to: lineEnd(text, at(range[1]), true), text: '' });
    } else {
      const written = yamlString(next, isScalar(item) ? item.type : undefined);
      kept.push(written);
      edits.push({ from: at(range[0]), to: at(range[1]), text: written });
    }
  }
  if (edits.length === 0) return text;
  if (seq.flow && dropped) return splice(text, [{ from: at(seq.range[0]), to: at(seq.range[1]), text: `[${kept.join(', ')}]` }]);
  if (kept.length === 0) {
    // Every item went: `key: []` keeps the field a list, as the schema wants.
    const pair = found.map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const keyEnd = at(isScalar(pair?.key) && pair.key.range ? pair.key.range[1] : seq.range[0]);
    const colon = text.indexOf(':', keyEnd);
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    return splice(text, [{ from: colon + 1, to: lineEnd(text, at(last?.range?.[1] ?? seq.range[1]), false), text: ' []' }]);
  }
  return splice(text, edits);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding `offset`: after its newline when `withNewline`, else before it (and before a `\r`). */
function lineEnd(text: string, offset: number, withNewline: boolean): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  if (withNewline) return newline + 1;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

function splice(text: string, edits: Splice[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return out;
}
