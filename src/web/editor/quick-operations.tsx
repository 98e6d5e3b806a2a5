/**
 * The structure tools: sections, topics and subtopics as a list to change without writing YAML.
 * Each change goes through the shared structure edits (src/content/structure-edits.ts), which
 * rewrite every file concerned and record renamed or removed ids under `retired`.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OutlineSection, OutlineTopic, StructureEdit } from '../../content/structure-edits.js';
import { StructureRow, type ApplyEdit, type Destination } from './structure-row.js';
import { TitleForm } from './title-form.js';

export type EditOutcome = { ok: true; notes: string[] } | { ok: false; message: string };

/** Where a topic (or subtopic) may move: to the end of any section, or under another topic when it has no subtopics of its own. */
function destinationsOf(sections: OutlineSection[], id: string, parentId: string | null, ownSubtopics: number): Destination[] {
  const out: Destination[] = [];
  for (const section of sections) {
    const onSpine = section.topics.some((t) => t.id === id);
    out.push({ label: `End of section ${section.title}`, sectionId: section.id, parentId: null, index: section.topics.length - (onSpine ? 1 : 0) });
    if (ownSubtopics > 0) continue;
    for (const topic of section.topics) {
      if (topic.id === id || topic.id === parentId) continue;
      out.push({ label: `Under ${topic.title} (${section.title})`, sectionId: section.id, parentId: topic.id, index: topic.subtopics.length });
    }
  }
  return out;
}

export function QuickOperations({
  outline,
  onEdit,
}: {
  outline: { sections: OutlineSection[]; problem: string | null };
  onEdit: (edit: StructureEdit) => EditOutcome;
}) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const focusNext = useRef<{ id: string; action: string } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // After a move the row is elsewhere in the list: give the focus back to the control that was used.
  useLayoutEffect(() => {
    const next = focusNext.current;
    if (!next || !root.current) return;
    focusNext.current = null;
    const row = root.current.querySelector(`[data-structure-id="${CSS.escape(next.id)}"]`);
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>(':scope > .structure-row button') ?? [])];
    (buttons.find((b) => b.dataset.action === next.action && !b.disabled) ?? buttons.find((b) => b.dataset.action === 'edit'))?.focus();
  }, [outline]);

  const edit: ApplyEdit = (change, focus) => {
    const outcome = onEdit(change);
    if (!outcome.ok) {
      setMessage({ text: outcome.message, error: true });
      return false;
    }
    const done =
      change.op === 'remove' ? 'Removed.' : change.op === 'rename' ? 'Renamed.' : change.op === 'move' ? 'Moved.' : 'Added: its file is open.';
    setMessage({ text: [done, ...outcome.notes].join(' '), error: false });
    if (change.op !== 'move') setExpanded(null);
    focusNext.current = focus ?? null;
    return true;
  };

  const { sections, problem } = outline;
  const topicRow = (section: OutlineSection, topic: OutlineTopic, index: number) => (
    <StructureRow
      item={topic}
      place={{ sectionId: section.id, parentId: null, index, count: section.topics.length }}
      subtopics={topic.subtopics}
      destinations={destinationsOf(sections, topic.id, null, topic.subtopics.length)}
      expanded={expanded === topic.id}
      onExpand={(open) => setExpanded(open ? topic.id : null)}
      edit={edit}
    >
      {topic.subtopics.length > 0 ? (
        <ol class="structure-subtopics" aria-label={`Subtopics of ${topic.title}`}>
          {topic.subtopics.map((sub, i) => (
            <StructureRow
              item={sub}
              place={{ sectionId: section.id, parentId: topic.id, index: i, count: topic.subtopics.length }}
              destinations={destinationsOf(sections, sub.id, topic.id, 0)}
              expanded={expanded === sub.id}
              onExpand={(open) => setExpanded(open ? sub.id : null)}
              edit={edit}
            />
          ))}
        </ol>
      ) : null}
    </StructureRow>
  );

  return (
    <div class="editor-structure" ref={root}>
      <p class="muted">
        Change the structure without writing YAML. Renaming a topic's id or removing a topic records the old id under <code>retired</code>: saved
        progress follows the new id.
      </p>
      {problem ? (
        <p class="editor-message editor-message--error">
          The structure cannot be fully read ({problem}). Fix roadmap.yaml, and these tools show all of it again.
        </p>
      ) : null}
      <p class={message?.error ? 'editor-message editor-message--error' : 'editor-message'} role="status">
        {message?.text ?? ''}
      </p>
      <ol class="structure-sections">
        {sections.map((section) => (
          <li class="structure-section" data-structure-section={section.id}>
            <h3>
              {section.title} <code class="structure-id">{section.id}</code>
            </h3>
            <ol class="structure-topics" aria-label={`Topics of ${section.title}`}>
              {section.topics.map((topic, i) => topicRow(section, topic, i))}
            </ol>
            <details class="structure-add">
              <summary>Add a topic to {section.title}</summary>
              <TitleForm
                idPrefix={`add-${section.id}`}
                legend={`New topic at the end of ${section.title}`}
                submitLabel="Add topic"
                idHint="Left empty, the id is made from the title. Ids are permanent: progress is saved against them."
                onSubmit={(title, id) => edit({ op: 'add', title, sectionId: section.id, ...(id ? { id } : {}) })}
              />
            </details>
          </li>
        ))}
      </ol>
      <details class="structure-add">
        <summary>Add a section</summary>
        <TitleForm
          idPrefix="add-section"
          legend="New section at the end"
          submitLabel="Add section"
          idHint="Left empty, the id is made from the title. A section's id may not be a topic's."
          onSubmit={(title, id) => edit({ op: 'add-section', title, ...(id ? { id } : {}) })}
        />
      </details>
    </div>
  );
}
