/**
 * For a fork: which topics the roadmap it was forked from has changed, added or removed since,
 * to take into the draft one by one. Pulling replaces those topics' files here with upstream's.
 */
import { useEffect, useState } from 'preact/hooks';
import type { UpstreamAnswer, UpstreamChange } from './editor-api.js';

const CHANGE_LABELS: Record<UpstreamChange, string> = { changed: 'Changed', added: 'Added', removed: 'Removed' };

export function UpstreamChanges({
  upstream,
  onPull,
}: {
  upstream: UpstreamAnswer & { source: NonNullable<UpstreamAnswer['source']> };
  onPull: (topicIds: string[]) => Promise<{ ok: boolean; message?: string }>;
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const { source, changes } = upstream;

  // A new list (after a pull) keeps only the choices still in it.
  useEffect(() => setChosen((old) => new Set(changes.filter((c) => old.has(c.topicId)).map((c) => c.topicId))), [upstream]);

  const toggle = (id: string, on: boolean) =>
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const pull = async () => {
    setBusy(true);
    const result = await onPull([...chosen]);
    setBusy(false);
    setMessage(
      result.ok
        ? { text: `Pulled ${chosen.size === 1 ? '1 topic' : `${chosen.size} topics`} into your draft.`, error: false }
        : { text: result.message ?? '', error: true },
    );
  };

  return (
    <div class="editor-upstream">
      <h2 class="editor-pane-title">What changed upstream since you forked</h2>
      <p class="muted">
        Forked from <a href={source.url}>{source.title}</a>, now at version {source.version}.
      </p>
      <p class={message?.error ? 'editor-message editor-message--error' : 'editor-message'} role="status">
        {message?.text ?? ''}
      </p>
      {changes.length === 0 ? (
        <p>Nothing has changed upstream that your roadmap lacks.</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void pull();
          }}
        >
          <fieldset>
            <legend>Topics to take from upstream</legend>
            <ul class="upstream-list">
              {changes.map((c) => (
                <li>
                  <label class="upstream-choice">
                    <input type="checkbox" checked={chosen.has(c.topicId)} onChange={(event) => toggle(c.topicId, event.currentTarget.checked)} />{' '}
                    {c.title} <span class={`upstream-change upstream-change--${c.change}`}>{CHANGE_LABELS[c.change]}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p class="structure-form-actions">
            <button type="button" class="button" onClick={() => setChosen(new Set(changes.map((c) => c.topicId)))}>
              Select all
            </button>
            <button type="submit" class="button button--primary" disabled={busy || chosen.size === 0}>
              Pull selected
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
