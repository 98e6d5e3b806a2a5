/**
 * The roadmap's published versions, newest first, each of which can be published again as a new
 * version ("Restore as new version"): history is never rewritten.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatSavedAt, type EditorApi, type VersionEntry } from './editor-api.js';

export function VersionHistory({
  api,
  visible,
  refresh,
  onRestore,
}: {
  api: EditorApi;
  /** Loaded the first time the panel is shown, then again whenever `refresh` changes. */
  visible: boolean;
  refresh: number;
  onRestore: (version: number) => Promise<{ ok: boolean; message?: string }>;
}) {
  const [versions, setVersions] = useState<VersionEntry[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadedFor, setLoadedFor] = useState<number | null>(null);

  useEffect(() => {
    if (!visible || loadedFor === refresh) return;
    setLoadedFor(refresh);
    void api.versions().then((result) => {
      if (result.ok) setVersions([...result.data.versions].sort((a, b) => b.version - a.version));
      else setMessage({ text: `The versions could not be listed: ${result.message}`, error: true });
    });
  }, [visible, refresh]);

  const restore = async (entry: VersionEntry) => {
    const ok = window.confirm(
      `Publish version ${entry.version} again as the newest version? Changes you have not published are replaced by it; earlier versions stay in the history.`,
    );
    if (!ok) return;
    setBusy(true);
    const result = await onRestore(entry.version);
    setBusy(false);
    setMessage(
      result.ok
        ? { text: `Version ${entry.version} is published again as a new version.`, error: false }
        : { text: result.message ?? '', error: true },
    );
  };

  return (
    <div class="editor-versions">
      <p class={message?.error ? 'editor-message editor-message--error' : 'editor-message'} role="status">
        {message?.text ?? ''}
      </p>
      {versions === null ? (
        <p class="muted">Loading the versions…</p>
      ) : versions.length === 0 ? (
        <p class="muted">Nothing has been published yet.</p>
      ) : (
        <ol class="version-list">
          {versions.map((entry) => (
            <li class="version-item" data-version={entry.version}>
              <p class="version-title">
                <strong>Version {entry.version}</strong> {entry.current ? <span class="badge">Published now</span> : null}
              </p>
              <p class="muted">
                {formatSavedAt(entry.createdAt)}
                {typeof entry.topics === 'number' ? ` · ${entry.topics === 1 ? '1 topic' : `${entry.topics} topics`}` : null}
              </p>
              {entry.note ? <p class="version-note">{entry.note}</p> : null}
              {entry.current ? null : (
                <button type="button" class="button" disabled={busy} onClick={() => void restore(entry)}>
                  Restore as new version<span class="visually-hidden"> (version {entry.version})</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
