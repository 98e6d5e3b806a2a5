/**
 * Tabs for the editor's side pane (preview, structure, versions, upstream), as the WAI-ARIA tabs
 * pattern has them: one tab in the Tab order; arrow keys, Home and End move between them. Every
 * panel stays rendered (hidden when not chosen), so the preview keeps checking the files while
 * another panel is shown.
 */
import type { ComponentChildren } from 'preact';

export interface PaneTab<K extends string> {
  key: K;
  label: ComponentChildren;
  panel: ComponentChildren;
}

export function PaneTabs<K extends string>({
  id,
  label,
  tabs,
  selected,
  onSelect,
}: {
  id: string;
  label: string;
  tabs: PaneTab<K>[];
  selected: K;
  onSelect: (key: K) => void;
}) {
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const keys: Record<string, number> = { ArrowRight: (index + 1) % tabs.length, ArrowLeft: (index + last) % tabs.length, Home: 0, End: last };
    const next = keys[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onSelect(tabs[next]!.key);
    document.getElementById(`${id}-tab-${tabs[next]!.key}`)?.focus();
  };
  return (
    <div class="editor-tabs">
      <div class="editor-tablist" role="tablist" aria-label={label}>
        {tabs.map((tab, index) => (
          <button
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            class="editor-tab"
            aria-selected={tab.key === selected}
            aria-controls={`${id}-panel-${tab.key}`}
            tabIndex={tab.key === selected ? 0 : -1}
            onClick={() => onSelect(tab.key)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          class="editor-tabpanel"
          role="tabpanel"
          id={`${id}-panel-${tab.key}`}
          aria-labelledby={`${id}-tab-${tab.key}`}
          hidden={tab.key !== selected}
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
