/**
 * The roadmap's files, with the number of problems in each: a list beside the editor on wide
 * screens, a select above it on phones. The optional FAQ and guide can be added and removed
 * here; topics come and go through the structure tools.
 */
import type { FileEntry } from './file-order.js';

/** Files a roadmap may do without, and what a new one starts with. */
export const OPTIONAL_FILES: Record<string, { label: string; template: string }> = {
  'faq.md': {
    label: 'FAQ',
    template:
      '---\ntitle: Frequently asked questions\n---\n\n## How long does this roadmap take?\n\nAbout {{totalHours}} hours in all:\n\n{{paceTable}}\n',
  },
  'guide.md': {
    label: 'guide',
    template:
      '---\ntitle: Guide\ndescription: The path through this roadmap, step by step.\n---\n\n## 1. Start here\n\nWhat to learn first, and why.\n',
  },
};

const GROUPS: { key: FileEntry['group']; label: string }[] = [
  { key: 'roadmap', label: 'Roadmap' },
  { key: 'topics', label: 'Topics' },
  { key: 'other', label: 'Other files' },
];

function problemsLabel(count: number): string {
  return count === 1 ? '1 problem' : `${count} problems`;
}

export function FileList({
  entries,
  open,
  counts,
  onOpen,
  onAdd,
  onRemove,
}: {
  entries: FileEntry[];
  open: string;
  counts: Map<string, number>;
  onOpen: (name: string) => void;
  onAdd: (name: string) => void;
  onRemove: (name: string) => void;
}) {
  const missing = Object.keys(OPTIONAL_FILES).filter((name) => !entries.some((e) => e.name === name));
  const groups = GROUPS.map((g) => ({ ...g, entries: entries.filter((e) => e.group === g.key) })).filter((g) => g.entries.length > 0);
  return (
    <nav class="editor-files" aria-label="Files">
      <label class="editor-file-select">
        <span>File</span>
        <select value={open} onChange={(event) => onOpen(event.currentTarget.value)}>
          {groups.map((group) => (
            <optgroup label={group.label}>
              {group.entries.map((entry) => (
                <option value={entry.name}>
                  {entry.label}
                  {counts.get(entry.name) ? ` (${problemsLabel(counts.get(entry.name)!)})` : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div class="editor-file-groups">
        {groups.map((group) => (
          <section aria-label={group.label}>
            <h3 class="editor-file-group">
              {group.label} {group.key === 'topics' ? <span class="muted">({group.entries.length})</span> : null}
            </h3>
            <ul>
              {group.entries.map((entry) => {
                const count = counts.get(entry.name) ?? 0;
                return (
                  <li>
                    <button
                      type="button"
                      class="editor-file"
                      aria-current={entry.name === open ? 'true' : undefined}
                      title={entry.name}
                      onClick={() => onOpen(entry.name)}
                      data-file={entry.name}
                    >
                      <span class="editor-file-label">{entry.label}</span>
                      {count > 0 ? (
                        <span class="editor-file-count">
                          <span aria-hidden="true">{count}</span>
                          <span class="visually-hidden">, {problemsLabel(count)}</span>
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <p class="editor-file-actions">
        {missing.map((name) => (
          <button type="button" class="button" onClick={() => onAdd(name)}>
            Add a {OPTIONAL_FILES[name]!.label}
          </button>
        ))}
        {open in OPTIONAL_FILES ? (
          <button type="button" class="button button--danger" onClick={() => onRemove(open)}>
            Remove {open}
          </button>
        ) : null}
      </p>
    </nav>
  );
}
