/**
 * "My notes" on a topic: one private Markdown note, saved as the learner types (800 ms after the
 * last key, and on leaving the field). A guest's note stays in this browser; an account's is read
 * from and saved to the server once this browser's guest copies are merged into it. The preview
 * uses the site's one Markdown renderer, loaded only when asked for. Needs JavaScript (hidden
 * without it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { NOTE_MAX_BYTES, noteBytes, noteSizeProblem } from '../../shared/notes-rules.js';
import { accountStudyReady, currentUser } from '../state/account.js';
import { accountJson, copyKey, guestCopy, keepGuestCopy, putAccountCopy } from '../state/study-store.js';
import { island, useHydrated } from './island.js';

export interface TopicNotesProps {
  roadmapId: string;
  topicId: string;
  topicTitle: string;
}

/** How long after the last key press a note is saved. */
export const NOTE_SAVE_DELAY_MS = 800;

type Owner = 'unknown' | 'guest' | 'account';

/** "3.2 of 20 KB", rounded up so a note over the limit never reads as at it. */
export function noteSizeLabel(markdown: string): string {
  return `${Math.ceil(noteBytes(markdown) / 102.4) / 10} of ${NOTE_MAX_BYTES / 1024} KB`;
}

function TopicNotes({ roadmapId, topicId, topicTitle }: TopicNotesProps) {
  const ready = useHydrated();
  const user = ready ? currentUser.value : undefined;
  const owner: Owner = user === null ? 'guest' : user && accountStudyReady.value ? 'account' : 'unknown';
  const key = copyKey(roadmapId, topicId);

  const [markdown, setMarkdown] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [status, setStatus] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);

  /** What the field holds now, what was last stored, and the save under way; read by timers that outlive a render. */
  const latest = useRef('');
  const stored = useRef('');
  const ownerRef = useRef<Owner>(owner);
  ownerRef.current = owner;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);

  // Load the note once we know whose it is.
  useEffect(() => {
    if (owner === 'unknown') return;
    let cancelled = false;
    const show = (text: string) => {
      latest.current = text;
      stored.current = text;
      setMarkdown(text);
      setLoaded(true);
    };
    if (owner === 'guest') {
      show(guestCopy('notes', key)?.value ?? '');
      return;
    }
    setLoaded(false);
    setStatus('Loading your note…');
    accountJson<{ markdown?: string; error?: { message: string } }>('GET', `/api/v1/me/notes/${key}`).then(
      ({ status: code, data }) => {
        if (cancelled) return;
        if (code === 200 && typeof data?.markdown === 'string') {
          show(data.markdown);
          setStatus('');
        } else setStatus(data?.error?.message ?? `Your note could not be loaded (the server answered ${code}).`);
      },
      () => !cancelled && setStatus('Your note could not be loaded: you seem to be offline.'),
    );
    return () => {
      cancelled = true;
    };
  }, [owner, key]);

  const save = async (): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const text = latest.current;
    const who = ownerRef.current;
    if (who === 'unknown' || text === stored.current || noteSizeProblem(text)) return;
    if (who === 'guest') {
      if (keepGuestCopy('notes', key, text.trim() === '' ? null : text)) {
        stored.current = text;
        setStatus('Saved in this browser');
      } else setStatus('Not saved: this browser refused to store it (storage full or blocked).');
      return;
    }
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setStatus('Saving…');
    try {
      const { status: code, data } = await putAccountCopy('notes', key, text);
      if (code === 200) {
        stored.current = text;
        if (latest.current === text) setStatus('Saved');
      } else setStatus(data?.error?.message ?? `Not saved: the server answered ${code}.`);
    } catch {
      setStatus('Not saved: you seem to be offline.');
    } finally {
      inFlight.current = false;
    }
    if (again.current) {
      again.current = false;
      await save();
    }
  };

  // Leaving the page must not lose the last keys typed (save reads refs only, so the first one will do).
  useEffect(() => {
    const flush = () => timer.current !== undefined && void save();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const onInput = (text: string) => {
    latest.current = text;
    setMarkdown(text);
    clearTimeout(timer.current);
    timer.current = undefined;
    if (noteSizeProblem(text)) {
      setStatus('Not saved');
      return;
    }
    setStatus('Saving…');
    timer.current = setTimeout(() => void save(), NOTE_SAVE_DELAY_MS);
  };

  // The preview renders through the site's Markdown module, fetched the first time it is needed.
  useEffect(() => {
    if (!previewing) return;
    let cancelled = false;
    import('../../content/markdown.js').then(
      ({ renderMarkdown }) => !cancelled && setPreviewHtml(renderMarkdown(markdown, { topHeading: 3 })),
      () => !cancelled && setPreviewHtml(null),
    );
    return () => {
      cancelled = true;
    };
  }, [previewing, markdown]);

  const problem = noteSizeProblem(markdown);
  const headingId = `notes-${topicId}`;
  const fieldId = `note-${topicId}`;
  return (
    <section class="topic-notes" aria-labelledby={headingId} hidden={!ready} data-topic-notes={topicId}>
      <h2 id={headingId}>Your private note</h2>
      <p class="muted">
        Only you can see it. {owner === 'guest' ? 'It stays in this browser until you sign in. ' : null}
        <a href="/notes">All your notes</a>
      </p>
      <label for={fieldId} class="note-label">
        Note on {topicTitle} <span class="muted">(Markdown)</span>
      </label>
      <textarea
        id={fieldId}
        class="note-field"
        rows={8}
        value={markdown}
        disabled={!loaded}
        hidden={previewing}
        aria-describedby={`${fieldId}-size`}
        onInput={(event) => onInput(event.currentTarget.value)}
        onBlur={() => void save()}
        data-note-field
      />
      {previewing ? (
        markdown.trim() === '' ? (
          <p class="note-preview muted" data-note-preview>
            Nothing to preview yet.
          </p>
        ) : previewHtml === null ? (
          <p class="note-preview muted">Loading the preview…</p>
        ) : (
          <div class="prose note-preview" data-note-preview dangerouslySetInnerHTML={{ __html: previewHtml }} />
        )
      ) : null}
      <div class="note-bar">
        <button
          type="button"
          class="button"
          aria-pressed={previewing}
          disabled={!loaded}
          onClick={() => setPreviewing(!previewing)}
          data-note-preview-toggle
        >
          Preview
        </button>
        <span id={`${fieldId}-size`} class="note-size muted" data-note-size>
          {noteSizeLabel(markdown)}
        </span>
        <span class="note-status" aria-live="polite" data-note-status>
          {status}
        </span>
      </div>
      {problem ? (
        <p class="note-problem" role="alert" data-note-problem>
          {problem}
        </p>
      ) : null}
    </section>
  );
}

export const TopicNotesIsland = island('topic-notes', TopicNotes);
