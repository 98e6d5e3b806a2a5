/**
 * roadmap.yaml as a yaml Document, so an edit changes only the nodes it touches and keeps
 * comments, blank lines and the order of everything else. The shape the edits rely on
 * (sections → topics → subtopics, each with an id) is checked before any edit starts.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document, type Pair } from 'yaml';

/** What went wrong, for code that reacts to a refused edit; the message says it to the user. */
export type StructureEditReason =
  | 'unreadable'
  | 'unknown-topic'
  | 'unknown-section'
  | 'invalid-parent'
  | 'too-deep'
  | 'invalid-id'
  | 'id-taken'
  | 'invalid-title'
  | 'invalid-index'
  | 'last-topic';

/** A refused edit; the message is written for the person who pressed the button. */
export class StructureEditError extends Error {
  readonly reason: StructureEditReason;

  constructor(message: string, reason: StructureEditReason) {
    super(message);
    this.name = 'StructureEditError';
    this.reason = reason;
  }
}

/** Where a topic sits: its node, the list holding it, its section and its parent (null on the spine). */
export interface Placement {
  node: YAMLMap;
  list: YAMLSeq<YAMLMap>;
  section: YAMLMap;
  parent: YAMLMap | null;
}

/** A scalar node's value; nodes made by `map.set` may hold the plain value instead. */
const valueOf = (node: unknown): unknown => (isScalar(node) ? node.value : node);
const idOf = (node: unknown): string | null => (isMap(node) && typeof node.get('id') === 'string' ? (node.get('id') as string) : null);

export class StructureDocument {
  private readonly places = new Map<string, Placement>();

  private constructor(private readonly doc: Document) {
    this.index();
  }

  /** Reads roadmap.yaml; throws a StructureEditError when it is missing, not YAML, or not shaped as a structure. */
  static parse(text: string | undefined): StructureDocument {
    if (text === undefined) throw new StructureEditError('The roadmap has no roadmap.yaml, so its structure cannot be edited.', 'unreadable');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const error = doc.errors[0];
    if (error) {
      const line = lines.linePos(error.pos[0]).line;
      throw new StructureEditError(`roadmap.yaml cannot be read (line ${line}: ${error.message.split('\n')[0]}). Fix it in the file editor first.`, 'unreadable');
    }
    return new StructureDocument(doc);
  }

  toString(): string {
    return this.doc.toString({ lineWidth: 0 });
  }

  sections(): YAMLMap[] {
    return (this.doc.get('sections') as YAMLSeq<YAMLMap>).items;
  }

  section(id: string): YAMLMap | undefined {
    return this.sections().find((s) => idOf(s) === id);
  }

  place(topicId: string): Placement | undefined {
    return this.places.get(topicId);
  }

  /** Every topic and subtopic id, in structure order. */
  topicIds(): string[] {
    return [...this.places.keys()];
  }

  /** Topics of a section, or subtopics of a topic; null when there is no such list. */
  childList(owner: YAMLMap, key: 'topics' | 'subtopics'): YAMLSeq<YAMLMap> | null {
    const list = owner.get(key);
    return isSeq(list) ? (list as YAMLSeq<YAMLMap>) : null;
  }

  /** Subtopics of a topic, made empty when it has none yet. */
  subtopicList(topic: YAMLMap): YAMLSeq<YAMLMap> {
    const existing = this.childList(topic, 'subtopics');
    if (existing) return existing;
    const made = new YAMLSeq<YAMLMap>();
    topic.set('subtopics', made);
    return made;
  }

  /** Puts a topic into a list (a section's topics or a topic's subtopics) at `index`. */
  insert(list: YAMLSeq<YAMLMap>, index: number, node: YAMLMap): void {
    insertSpaced(list, index, node);
    this.index();
  }

  insertSection(index: number, node: YAMLMap): void {
    insertSpaced(this.doc.get('sections') as YAMLSeq<YAMLMap>, index, node);
    this.index();
  }

  /** Takes a topic out of the structure; returns the title of its section when that went too (see `leave`). */
  remove(place: Placement): string | null {
    place.list.items.splice(place.list.items.indexOf(place.node), 1);
    const dropped = this.leave(place);
    this.index();
    return dropped;
  }

  /** Moves a topic to `index` of `target`, counted after it left its old place. Returns a dropped section's title, as `remove`. */
  move(place: Placement, target: YAMLSeq<YAMLMap>, index: number): string | null {
    place.list.items.splice(place.list.items.indexOf(place.node), 1);
    const dropped = place.list === target ? null : this.leave(place);
    insertSpaced(target, index, place.node);
    this.index();
    return dropped;
  }

  /**
   * Tidies after a topic left `place.list`: a parent left without subtopics loses its `subtopics`
   * key; a section left without topics is removed (the schema wants at least one topic).
   */
  private leave(place: Placement): string | null {
    if (place.list.items.length > 0) return null;
    if (place.parent) {
      place.parent.delete('subtopics');
      return null;
    }
    const sections = this.doc.get('sections') as YAMLSeq<YAMLMap>;
    sections.items.splice(sections.items.indexOf(place.section), 1);
    if (sections.items[0]) sections.items[0].spaceBefore = false;
    return String(place.section.get('title') ?? idOf(place.section));
  }

  /** Changes a topic's id in the structure and in `edges`. */
  renameTopic(oldId: string, newId: string): void {
    this.place(oldId)?.node.set('id', newId);
    for (const edge of this.edges()) {
      for (const end of ['from', 'to']) if (edge.get(end) === oldId) edge.set(end, newId);
    }
    this.index();
  }

  /** Drops every edge that starts or ends at one of `ids`. */
  dropEdges(ids: ReadonlySet<string>): void {
    const seq = this.doc.get('edges');
    if (!isSeq(seq)) return;
    seq.items = seq.items.filter((edge) => !(isMap(edge) && (ids.has(String(edge.get('from'))) || ids.has(String(edge.get('to'))))));
  }

  /**
   * Records `id` as retired, pointing at `target` (null: removed). Entries that pointed at `id`
   * now point at `target` too, so chains stay one step long.
   */
  retire(id: string, target: string | null): void {
    const map = this.retiredMap(true) as YAMLMap;
    if (map.flow && map.items.length === 0) map.flow = false;
    for (const pair of map.items) {
      if (valueOf(pair.value) === id) pointAt(pair, target);
    }
    map.set(id, new Scalar(target));
  }

  /**
   * Lets a retired id name a topic again: its entry goes, and entries that pointed at it point
   * where it pointed. Returns where its saved progress went (undefined when it was not retired).
   */
  reuseRetired(id: string): string | null | undefined {
    const map = this.retiredMap();
    if (!map?.has(id)) return undefined;
    const pointed = valueOf(map.get(id, true));
    const target = typeof pointed === 'string' ? pointed : null;
    map.delete(id);
    for (const pair of map.items) {
      if (valueOf(pair.value) === id) pointAt(pair, target);
    }
    return target;
  }

  private edges(): YAMLMap[] {
    const seq = this.doc.get('edges');
    return isSeq(seq) ? seq.items.filter(isMap) : [];
  }

  private retiredMap(create = false): YAMLMap | null {
    const map = this.doc.get('retired');
    if (isMap(map)) return map as YAMLMap;
    if (!create) return null;
    const made = new YAMLMap();
    const root = this.doc.contents as YAMLMap;
    root.delete('retired');
    const key = new Scalar('retired');
    key.spaceBefore = root.items.length > 1;
    root.items.push(this.doc.createPair(key, made));
    return made;
  }

  /** Checks the shape and maps each topic id to its place; ids that appear twice are refused. */
  private index(): void {
    const broken = (where: string): never => {
      throw new StructureEditError(`roadmap.yaml: ${where}. Fix it in the file editor first.`, 'unreadable');
    };
    const root = this.doc.contents;
    if (!isMap(root)) broken('the file must be a mapping with `sections`');
    const sections = this.doc.get('sections');
    if (!isSeq(sections)) broken('`sections` must be a list');
    if (this.doc.has('edges') && !isSeq(this.doc.get('edges'))) broken('`edges` must be a list');
    if (this.doc.has('retired') && !isMap(this.doc.get('retired'))) broken('`retired` must be a mapping');
    this.places.clear();
    const add = (node: unknown, where: string, place: Omit<Placement, 'node'>) => {
      const id = idOf(node);
      if (id === null) broken(`${where} has no id`);
      else if (this.places.has(id)) broken(`the id "${id}" appears twice`);
      else this.places.set(id, { ...place, node: node as YAMLMap });
    };
    (sections as YAMLSeq).items.forEach((section, si) => {
      if (!isMap(section) || idOf(section) === null) broken(`section ${si + 1} has no id`);
      const topics = this.childList(section as YAMLMap, 'topics');
      if (!topics) return broken(`section "${idOf(section)}" has no list of topics`);
      topics.items.forEach((topic, ti) => {
        add(topic, `topic ${ti + 1} of section "${idOf(section)}"`, { list: topics, section: section as YAMLMap, parent: null });
        const subtopics = (topic as YAMLMap).get('subtopics');
        if (subtopics === undefined || subtopics === null) return;
        if (!isSeq(subtopics)) return broken(`the subtopics of "${idOf(topic)}" must be a list`);
        subtopics.items.forEach((sub, ui) => {
          add(sub, `subtopic ${ui + 1} of "${idOf(topic)}"`, { list: subtopics as YAMLSeq<YAMLMap>, section: section as YAMLMap, parent: topic as YAMLMap });
        });
      });
    });
  }
}

/** Inserts a node, following its neighbours' blank-line spacing (sections are often set apart by one). */
function insertSpaced(list: YAMLSeq<YAMLMap>, index: number, node: YAMLMap): void {
  const spaced = list.items.some((item, i) => i > 0 && item.spaceBefore);
  node.spaceBefore = spaced && index > 0;
  list.items.splice(index, 0, node);
  if (spaced && index === 0 && list.items[1]) list.items[1].spaceBefore = true;
}

/** Changes where a retired entry points, in place, so a comment on its line stays. */
function pointAt(pair: Pair, target: string | null): void {
  if (isScalar(pair.value)) pair.value.value = target;
  else pair.value = new Scalar(target);
}
