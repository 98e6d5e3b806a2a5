/**
 * Reads roadmap.sh's editor format (`{ nodes, edges }`, the JSON its editor saves) into plain,
 * checked records. The file may come from anyone, so everything is bounded before it is used:
 * its size, its depth, its strings, the number of nodes and edges. Every problem becomes an
 * ImportError whose messages can be shown, as they are, to the person who sent the file.
 */

/** Bounds on one imported file; far above any real roadmap, far below what would hurt the server. */
export const IMPORT_LIMITS = { bytes: 2 * 1024 * 1024, nodes: 2000, edges: 5000, labelChars: 300, topics: 500 } as const;

/** Deeper than any editor file nests (node → data → legend → field); a cycle in a parsed value also stops here. */
const MAX_DEPTH = 32;
/** Values of any kind in the whole file: a node of the editor holds a few dozen. */
const MAX_VALUES = 400_000;
/** Problems listed in one error; the rest are counted. */
const MAX_PROBLEMS = 20;
/** Coordinates are clamped to this, so that sums and distances of positions stay finite. */
const MAX_COORDINATE = 1e9;

/** What is wrong with an import, as sentences for the person who sent the file. */
export class ImportError extends Error {
  override name = 'ImportError';

  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** One node of the editor, with the few fields the import reads. */
export interface DiagramNode {
  nodeId: string;
  type: string;
  /** The label with runs of white space (and line breaks) made one space; '' when absent. */
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label of the legend entry this node carries, or null. */
  legend: string | null;
}

export interface DiagramEdge {
  source: string;
  target: string;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

type Json = Record<string, unknown>;

const NOT_EDITOR_FORMAT = "this is not roadmap.sh's editor format:";

/**
 * Checks and reads `json` (the file's text, or a value already parsed from it). Throws an
 * ImportError on anything it cannot read safely.
 */
export function readDiagram(json: unknown): Diagram {
  const value = typeof json === 'string' ? parseJson(json) : json;
  if (!isObject(value) || Array.isArray(value)) throw new ImportError([`${NOT_EDITOR_FORMAT} expected an object with "nodes" and "edges" lists`]);
  const nodes = own(value, 'nodes');
  const edges = own(value, 'edges');
  if (!Array.isArray(nodes) || !Array.isArray(edges)) {
    const missing = [!Array.isArray(nodes) && '"nodes"', !Array.isArray(edges) && '"edges"'].filter(Boolean).join(' and ');
    throw new ImportError([`${NOT_EDITOR_FORMAT} ${missing} must be a list (an array)`]);
  }
  if (nodes.length > IMPORT_LIMITS.nodes) throw new ImportError([`the roadmap has ${nodes.length} nodes; the limit is ${IMPORT_LIMITS.nodes}`]);
  if (edges.length > IMPORT_LIMITS.edges) throw new ImportError([`the roadmap has ${edges.length} edges; the limit is ${IMPORT_LIMITS.edges}`]);
  checkBounds(value);

  const problems: string[] = [];
  const legends = legendLabels(nodes);
  const seen = new Set<string>();
  const diagram: Diagram = { nodes: [], edges: [] };
  nodes.forEach((raw, i) => {
    const node = readNode(raw, i, legends, problems);
    if (!node) return;
    if (seen.has(node.nodeId)) problems.push(`node ${i + 1}: the id ${quote(node.nodeId)} is used by another node too`);
    seen.add(node.nodeId);
    diagram.nodes.push(node);
  });
  edges.forEach((raw, i) => {
    const source = isObject(raw) ? own(raw, 'source') : undefined;
    const target = isObject(raw) ? own(raw, 'target') : undefined;
    if (typeof source === 'string' && typeof target === 'string') diagram.edges.push({ source, target });
    else problems.push(`edge ${i + 1}: needs a "source" and a "target" node id`);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more problems`);
    throw new ImportError(shown);
  }
  return diagram;
}

function parseJson(text: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > IMPORT_LIMITS.bytes) {
    throw new ImportError([`the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_LIMITS.bytes / 1024 / 1024} MB`]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError([`this is not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/**
 * Walks the whole value without recursion, so that a hostile file (very deep, a cycle, huge
 * strings, millions of values) is refused before any other code touches it.
 */
function checkBounds(root: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  let chars = 0;
  let values = 1;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value === 'string') chars += value.length;
    if (chars > IMPORT_LIMITS.bytes) throw new ImportError([`the file holds more than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB of text`]);
    if (!isObject(value)) continue;
    if (depth >= MAX_DEPTH) throw new ImportError([`the file is nested more than ${MAX_DEPTH} levels deep; an editor file never is`]);
    const items: unknown[] | null = Array.isArray(value) ? value : null;
    const keys = items === null ? Object.keys(value) : [];
    values += items === null ? keys.length : items.length;
    if (values > MAX_VALUES) throw new ImportError([`the file holds more than ${MAX_VALUES} values; an editor file of ${IMPORT_LIMITS.nodes} nodes holds far fewer`]);
    if (items !== null) for (const item of items) stack.push({ value: item, depth: depth + 1 });
    else
      for (const key of keys) {
        chars += key.length;
        stack.push({ value: value[key], depth: depth + 1 });
      }
  }
}

/** Legend entries of every `legend` node, by id: a node may name its legend entry by id only. */
function legendLabels(nodes: unknown[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const node of nodes) {
    const entries = isObject(node) ? own(dataOf(node), 'legends') : undefined;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const id = isObject(entry) ? own(entry, 'id') : undefined;
      const label = isObject(entry) ? own(entry, 'label') : undefined;
      if (typeof id === 'string' && typeof label === 'string' && !labels.has(id)) labels.set(id, label);
    }
  }
  return labels;
}

function readNode(raw: unknown, i: number, legends: Map<string, string>, problems: string[]): DiagramNode | null {
  const where = `node ${i + 1}`;
  if (!isObject(raw) || Array.isArray(raw)) {
    problems.push(`${where}: is not an object`);
    return null;
  }
  const nodeId = own(raw, 'id');
  const type = own(raw, 'type');
  const position = own(raw, 'position');
  const before = problems.length;
  if (typeof nodeId !== 'string' || nodeId === '') problems.push(`${where}: needs an "id" (a text)`);
  else if (nodeId.length > IMPORT_LIMITS.labelChars) problems.push(`${where}: its id is ${nodeId.length} characters long; the limit is ${IMPORT_LIMITS.labelChars}`);
  const named = typeof nodeId === 'string' && nodeId !== '' ? `${where} (${quote(nodeId)})` : where;
  if (typeof type !== 'string' || type === '') problems.push(`${named}: needs a "type" (a text such as "topic")`);
  const x = isObject(position) ? own(position, 'x') : undefined;
  const y = isObject(position) ? own(position, 'y') : undefined;
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) problems.push(`${named}: needs a "position" with finite numbers "x" and "y"`);
  const measured = own(raw, 'measured');
  const size = (key: 'width' | 'height'): number => {
    const value = own(raw, key) ?? (isObject(measured) ? own(measured, key) : undefined);
    if (value === undefined || value === null) return 0;
    if (isFiniteNumber(value)) return clamp(Math.max(0, value));
    problems.push(`${named}: "${key}" must be a finite number`);
    return 0;
  };
  const width = size('width');
  const height = size('height');
  const data = dataOf(raw);
  const label = own(data, 'label');
  if (typeof label === 'string' && label.length > IMPORT_LIMITS.labelChars) {
    problems.push(`${named}: its label is ${label.length} characters long; the limit is ${IMPORT_LIMITS.labelChars}`);
  }
  if (problems.length > before) return null;
  return {
    nodeId: nodeId as string,
    type: type as string,
    label: typeof label === 'string' ? oneLine(label) : '',
    x: clamp(x as number),
    y: clamp(y as number),
    width,
    height,
    legend: legendOf(data, legends),
  };
}

function legendOf(data: Json, legends: Map<string, string>): string | null {
  const legend = own(data, 'legend');
  if (!isObject(legend)) return null;
  const label = own(legend, 'label');
  if (typeof label === 'string' && label.trim() !== '') return oneLine(label);
  const id = own(legend, 'id');
  const named = typeof id === 'string' ? legends.get(id) : undefined;
  return named === undefined || named.trim() === '' ? null : oneLine(named);
}

/** A label as one line: control characters dropped, white space collapsed. */
export function oneLine(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
}

/** `text` in quotes for a message, cut short so a hostile value cannot flood it. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

function dataOf(node: Json): Json {
  const data = own(node, 'data');
  return isObject(data) && !Array.isArray(data) ? data : {};
}

/** An own property only: a key such as `constructor` or `__proto__` never reaches the prototype. */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Json)[key] : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function clamp(value: number): number {
  return Math.min(MAX_COORDINATE, Math.max(-MAX_COORDINATE, value));
}
