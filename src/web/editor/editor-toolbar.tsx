/**
 * The editor's bar: whether the draft is saved, the way back to the roadmap, and publishing
 * with an optional note. A conflict (someone published meanwhile) is told here with the way out.
 */
import { useState } from 'preact/hooks';
import type { SaveStatus } from './draft-session.js';

/** The longest note a published version takes here. */
export const PUBLISH_NOTE_MAX_LENGTH = 200;

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'loading':
      return 'Loading the files…';
    case 'unsaved':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'publishing':
      return 'Publishing…';
    default:
      return status.message;
  }
}

export function EditorToolbar({
  ready,
  status,
  viewPath,
  conflict,
  onPublish,
  onLoadPublished,
  onDownload,
}: {
  /** False until the files are loaded: nothing can be published before. */
  ready: boolean;
  status: SaveStatus;
  viewPath: string;
  conflict: boolean;
  onPublish: (note: string) => Promise<boolean>;
  onLoadPublished: () => void;
  /** Saves this page's files as a file on the learner's computer, to keep changes a reload would replace. */
  onDownload: () => void;
}) {
  const [note, setNote] = useState('');
  const failed = status.kind === 'failed' || status.kind === 'load-failed';
  const busy = status.kind === 'publishing' || status.kind === 'loading';
  return (
    <div class="editor-bar">
      <div class="editor-toolbar">
        <p class={failed ? 'editor-status editor-status--error' : 'editor-status'} role="status" data-save-status={status.kind}>
          {statusText(status)}
        </p>
        <a class="button" href={viewPath}>
          View roadmap
        </a>
        <form
          class="editor-publish"
          onSubmit={(event) => {
            event.preventDefault();
            void onPublish(note).then((published) => published && setNote(''));
          }}
        >
          <label for="publish-note" class="visually-hidden">
            Note on this version (optional)
          </label>
          <input
            id="publish-note"
            type="text"
            placeholder="What changed (optional)"
            maxLength={PUBLISH_NOTE_MAX_LENGTH}
            value={note}
            disabled={!ready}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
          <button type="submit" class="button button--primary" disabled={!ready || busy || conflict}>
            Publish
          </button>
        </form>
      </div>
      {conflict ? (
        <div class="editor-message editor-message--error editor-conflict" role="alert">
          <p>Someone published a newer version of this roadmap while you were editing, so your changes cannot be saved or published over it.</p>
          <button type="button" class="button" onClick={onDownload}>
            Download your files
          </button>
          <button
            type="button"
            class="button"
            onClick={() => window.confirm('Load the newest published version? Your changes in this page are replaced by it.') && onLoadPublished()}
          >
            Load the published version
          </button>
        </div>
      ) : null}
    </div>
  );
}
