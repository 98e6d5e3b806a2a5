/**
 * The live preview: the server draws the diagram (and the open topic's page) from the files as
 * they were 600 ms after the last change. Clicking a topic in it opens that topic's file instead
 * of leaving the editor; other links open in a new tab. The HTML is the server's own rendering,
 * sanitised there like every page of the site.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditorApi, EditorIssue, PreviewAnswer } from './editor-api.js';
import type { Snapshot } from './draft-session.js';

type View = 'diagram' | 'topic';

export function PreviewPane({
  api,
  snapshot,
  topicId,
  onIssues,
  onOpenTopic,
}: {
  api: EditorApi;
  snapshot: Snapshot;
  /** The topic whose file is open, or null. */
  topicId: string | null;
  onIssues: (issues: EditorIssue[], revision: number) => void;
  onOpenTopic: (topicId: string) => void;
}) {
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [view, setView] = useState<View>(topicId ? 'topic' : 'diagram');
  const [fit, setFit] = useState(true);
  const asked = useRef(0);

  useEffect(() => setView(topicId ? 'topic' : 'diagram'), [topicId]);

  useEffect(() => {
    const request = ++asked.current;
    void api.preview(snapshot.files, topicId).then((result) => {
      // A later change asked again meanwhile: its answer is the one to show.
      if (request !== asked.current) return;
      if (result.ok) {
        setAnswer(result.data);
        setProblem(null);
        onIssues(result.data.issues ?? [], snapshot.revision);
      } else setProblem(result.message);
    });
  }, [snapshot, topicId]);

  const follow = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (!link || event.defaultPrevented) return;
    event.preventDefault();
    const id = link.getAttribute('data-topic-id');
    if (id) onOpenTopic(id);
    else window.open(link.getAttribute('href') ?? '', '_blank', 'noopener');
  };

  return (
    <div class="editor-preview" data-preview>
      <div class="editor-preview-bar">
        <span role="group" aria-label="Show">
          <button type="button" class="button" aria-pressed={view === 'diagram'} onClick={() => setView('diagram')}>
            Diagram
          </button>
          <button type="button" class="button" aria-pressed={view === 'topic'} disabled={!topicId} onClick={() => setView('topic')}>
            Topic page
          </button>
        </span>
        {view === 'diagram' ? (
          <button type="button" class="button" aria-pressed={!fit} onClick={() => setFit(!fit)}>
            Full size
          </button>
        ) : null}
      </div>
      {problem ? (
        <p class="editor-message editor-message--error" role="alert">
          The preview could not be made: {problem}
        </p>
      ) : null}
      {answer === null ? (
        <p class="muted">Drawing the preview…</p>
      ) : view === 'diagram' ? (
        answer.diagram ? (
          <div
            class={fit ? 'editor-diagram editor-diagram--fit' : 'editor-diagram'}
            onClick={follow}
            data-preview-diagram
            dangerouslySetInnerHTML={{ __html: answer.diagram }}
          />
        ) : (
          <p class="muted">The diagram cannot be drawn until the structure's problems are fixed.</p>
        )
      ) : answer.topic ? (
        <div class="editor-topic prose" onClick={follow} data-preview-topic dangerouslySetInnerHTML={{ __html: answer.topic }} />
      ) : (
        <p class="muted">This topic's page cannot be shown until its problems are fixed.</p>
      )}
    </div>
  );
}
