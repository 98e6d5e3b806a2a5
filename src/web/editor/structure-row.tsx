/**
 * One topic or subtopic in the structure tools: move it up or down with a button each, and under
 * "Edit" rename it, move it elsewhere, give it a subtopic or remove it.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { OutlineSubtopic, StructureEdit } from '../../content/structure-edits.js';
import { TitleForm } from './title-form.js';

/** Where an item may go: a section's spine or under a topic, at the end. */
export interface Destination {
  label: string;
  sectionId: string;
  parentId: string | null;
  index: number;
}

/** Applies an edit; `focus` names the control to focus afterwards. Returns true when it was made. */
export type ApplyEdit = (edit: StructureEdit, focus?: { id: string; action: string }) => boolean;

export interface RowPlace {
  sectionId: string;
  parentId: string | null;
  index: number;
  count: number;
}

export function StructureRow({
  item,
  place,
  subtopics,
  destinations,
  expanded,
  onExpand,
  edit,
  children,
}: {
  item: OutlineSubtopic;
  place: RowPlace;
  /** A topic's subtopics; undefined for a subtopic. */
  subtopics?: OutlineSubtopic[];
  destinations: Destination[];
  expanded: boolean;
  onExpand: (open: boolean) => void;
  edit: ApplyEdit;
  children?: ComponentChildren;
}) {
  const [target, setTarget] = useState(0);
  const { id, title } = item;
  const panelId = `structure-edit-${id}`;
  const moveBy = (step: number, action: string) =>
    edit({ op: 'move', topicId: id, sectionId: place.sectionId, parentId: place.parentId, index: place.index + step }, { id, action });
  const remove = () => {
    const others = subtopics?.length ?? 0;
    const what = others > 0 ? `"${title}" and its ${others === 1 ? 'subtopic' : `${others} subtopics`}` : `"${title}"`;
    if (!window.confirm(`Remove ${what}? The topic file is deleted. Progress saved on it is kept but no longer counted.`)) return;
    edit({ op: 'remove', topicId: id });
  };
  const chosen = destinations[target];
  return (
    <li class="structure-item" data-structure-id={id}>
      <div class="structure-row">
        <span class="structure-title">
          {title} <code class="structure-id">{id}</code>
        </span>
        <span class="structure-actions">
          <button type="button" aria-label={`Move ${title} up`} data-action="up" disabled={place.index === 0} onClick={() => moveBy(-1, 'up')}>
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            aria-label={`Move ${title} down`}
            data-action="down"
            disabled={place.index >= place.count - 1}
            onClick={() => moveBy(1, 'down')}
          >
            <span aria-hidden="true">↓</span>
          </button>
          <button type="button" aria-expanded={expanded} aria-controls={panelId} data-action="edit" onClick={() => onExpand(!expanded)}>
            Edit<span class="visually-hidden"> {title}</span>
          </button>
        </span>
      </div>
      {expanded ? (
        <div class="structure-edit" id={panelId}>
          <TitleForm
            idPrefix={`rename-${id}`}
            legend={`Rename ${title}`}
            submitLabel="Rename"
            initialTitle={title}
            initialId={id}
            idHint="A new id is recorded under retired, with the old one: saved progress follows the new id."
            onSubmit={(newTitle, newId) =>
              edit({ op: 'rename', topicId: id, title: newTitle, ...(newId && newId !== id ? { newId } : {}) }, { id: newId || id, action: 'edit' })
            }
            onCancel={() => onExpand(false)}
          />
          {destinations.length > 0 ? (
            <form
              class="structure-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (chosen)
                  edit(
                    { op: 'move', topicId: id, sectionId: chosen.sectionId, parentId: chosen.parentId, index: chosen.index },
                    { id, action: 'edit' },
                  );
              }}
            >
              <label for={`move-${id}`}>Move to</label>{' '}
              <select id={`move-${id}`} value={String(target)} onChange={(event) => setTarget(Number(event.currentTarget.value))}>
                {destinations.map((d, i) => (
                  <option value={String(i)}>{d.label}</option>
                ))}
              </select>{' '}
              <button type="submit" class="button">
                Move
              </button>
            </form>
          ) : null}
          {subtopics ? (
            <TitleForm
              idPrefix={`sub-${id}`}
              legend={`Add a subtopic to ${title}`}
              submitLabel="Add subtopic"
              idHint="Left empty, the id is made from the title."
              onSubmit={(subTitle, subId) =>
                edit({ op: 'add', title: subTitle, sectionId: place.sectionId, parentId: id, ...(subId ? { id: subId } : {}) })
              }
            />
          ) : null}
          <p>
            <button type="button" class="button button--danger" onClick={remove}>
              Remove {title}
            </button>
          </p>
        </div>
      ) : null}
      {children}
    </li>
  );
}
