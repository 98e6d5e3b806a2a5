/**
 * The roadmap editor of `/r/<id>/edit`: the roadmap's files in a CodeMirror pane, saved as a
 * draft as the owner types, checked and drawn by the server as a live preview, changed through
 * structure tools without YAML, and published as a new version. Without JavaScript it shows only
 * the way back to the roadmap; the text pane itself loads only in the browser.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { applyStructureEdit, outlineOf, StructureEditError, type StructureEdit } from '../../content/structure-edits.js';
import { loadCodeEditor, type CodeEditor } from '../editor/code-editor-loader.js';
import { DraftSession } from '../editor/draft-session.js';
import { editorApi, type EditorFiles, type UpstreamAnswer } from '../editor/editor-api.js';
import { EditorToolbar } from '../editor/editor-toolbar.js';
import { FileList, OPTIONAL_FILES } from '../editor/file-list.js';
import { countByFile, orderFiles, placeIssues, topicIdOf } from '../editor/file-order.js';
import { PaneTabs, type PaneTab } from '../editor/pane-tabs.js';
import { PreviewPane } from '../editor/preview-pane.js';
import { ProblemList } from '../editor/problem-list.js';
import { QuickOperations, type EditOutcome } from '../editor/quick-operations.js';
import { UpstreamChanges } from '../editor/upstream-changes.js';
import { VersionHistory } from '../editor/version-history.js';
import { download } from '../progress-file.js';
import { island, useHydrated } from './island.js';

export interface RoadmapEditorProps {
  roadmapId: string;
  title: string;
  /** The roadmap's page, e.g. `/r/abc123`. */
  viewPath: string;
}

type Tab = 'preview' | 'structure' | 'versions' | 'upstream';

const FIRST_FILE = 'roadmap.yaml';

function RoadmapEditor({ roadmapId, title, viewPath }: RoadmapEditorProps) {
  const ready = useHydrated();
  const api = useMemo(() => editorApi(roadmapId), [roadmapId]);
  const [, setRenders] = useState(0);
  const session = useMemo(() => new DraftSession(api, () => setRenders((n) => n + 1)), [api]);
  const [open, setOpen] = useState(FIRST_FILE);
  const [tab, setTab] = useState<Tab>('preview');
  const [upstream, setUpstream] = useState<UpstreamAnswer | null>(null);
  const [versionsRefresh, setVersionsRefresh] = useState(0);
  const [editorState, setEditorState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const codeHost = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  /** Where to put the cursor once the file being opened is shown (a problem's line), and whether to focus it. */
  const pendingReveal = useRef<{ line: number } | null>(null);

  const { snapshot, status, issues } = session;
  const loaded = snapshot !== null;
  const names = useMemo(() => Object.keys(snapshot?.files ?? {}), [snapshot]);
  const entries = useMemo(() => orderFiles(snapshot?.files ?? {}), [snapshot]);
  const outline = useMemo(() => outlineOf(snapshot?.files ?? {}), [snapshot]);
  const placed = useMemo(() => placeIssues(issues, names), [issues, names]);
  const counts = useMemo(() => countByFile(placed), [placed]);

  const loadUpstream = () => void api.upstream().then((result) => setUpstream(result.ok ? result.data : null));

  useEffect(() => {
    if (!ready) return;
    void session.load();
    loadUpstream();
    return session.followUnload();
  }, [ready]);

  // The text pane, once there are files to show: CodeMirror arrives as its own chunk.
  useEffect(() => {
    if (!loaded || editor.current) return;
    let cancelled = false;
    loadCodeEditor().then(
      (create) => {
        if (cancelled || !codeHost.current) return;
        editor.current = create({ parent: codeHost.current, onChange: (file, text) => session.edit(file, text) });
        setEditorState('ready');
      },
      () => !cancelled && setEditorState('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, [loaded]);
  useEffect(() => () => editor.current?.destroy(), []);

  // A file that went away (removed, renamed, replaced by a restore) gives way to the structure.
  useEffect(() => {
    if (snapshot && !(open in snapshot.files)) setOpen(FIRST_FILE in snapshot.files ? FIRST_FILE : (entries[0]?.name ?? FIRST_FILE));
  }, [snapshot]);

  useEffect(() => editor.current?.sync(session.latest()), [session.replacements, editorState]);

  useEffect(() => {
    const text = session.latest()[open];
    if (editorState !== 'ready' || text === undefined) return;
    const label = entries.find((e) => e.name === open)?.label;
    editor.current!.open(open, text, label && label !== open ? `Text of ${open} (${label})` : `Text of ${open}`);
    const reveal = pendingReveal.current;
    pendingReveal.current = null;
    if (reveal) editor.current!.goToLine(reveal.line);
  }, [open, editorState, loaded]);

  useEffect(() => {
    if (editorState === 'ready') editor.current!.showProblems(placed.filter((issue) => issue.name === open));
  }, [placed, open, editorState]);

  /** Opens `file` at `line` and puts the cursor there (problems, the preview). */
  const reveal = (file: string, line = 1) => {
    if (!(file in session.latest())) return;
    if (file === open && editor.current) editor.current.goToLine(line);
    else {
      pendingReveal.current = { line };
      setOpen(file);
    }
    codeHost.current?.scrollIntoView({ block: 'nearest' });
  };

  const applyEdit = (edit: StructureEdit): EditOutcome => {
    const before = session.latest();
    try {
      const result = applyStructureEdit(before, edit, { roadmapId: viewPath.replace(/^\//, '') });
      session.replace(result.files);
      const added = result.changed.find((name) => topicIdOf(name) !== null && !(name in before));
      if (edit.op === 'rename' && edit.newId && open === `topics/${edit.topicId}.md`) setOpen(`topics/${edit.newId}.md`);
      else if (added && (edit.op === 'add' || edit.op === 'add-section')) setOpen(added);
      return { ok: true, notes: result.notes };
    } catch (error) {
      if (error instanceof StructureEditError) return { ok: false, message: error.message };
      throw error;
    }
  };

  const setFile = (name: string, text: string | null) => {
    const next: EditorFiles = { ...session.latest() };
    if (text === null) delete next[name];
    else next[name] = text;
    session.replace(next);
  };

  const publish = async (note: string) => {
    const result = await session.publish(note);
    if (result.ok) setVersionsRefresh((n) => n + 1);
    return result.ok;
  };

  const tabs: PaneTab<Tab>[] = [
    {
      key: 'preview',
      label: 'Preview',
      panel: snapshot ? (
        <PreviewPane
          api={api}
          snapshot={snapshot}
          topicId={topicIdOf(open)}
          onIssues={(list, revision) => session.reportIssues(list, revision)}
          onOpenTopic={(id) => reveal(`topics/${id}.md`)}
        />
      ) : null,
    },
    { key: 'structure', label: 'Structure', panel: <QuickOperations outline={outline} onEdit={applyEdit} /> },
    {
      key: 'versions',
      label: 'Versions',
      panel: (
        <VersionHistory
          api={api}
          visible={tab === 'versions'}
          refresh={versionsRefresh}
          onRestore={async (version) => {
            const result = await session.restore(version);
            setVersionsRefresh((n) => n + 1);
            return result.ok ? { ok: true } : { ok: false, message: result.message };
          }}
        />
      ),
    },
  ];
  if (upstream?.source) {
    const fork = { ...upstream, source: upstream.source };
    tabs.push({
      key: 'upstream',
      label: `Upstream (${upstream.changes.length})`,
      panel: (
        <UpstreamChanges
          upstream={fork}
          onPull={async (topicIds) => {
            const result = await session.pull(topicIds);
            loadUpstream();
            return result.ok ? { ok: true } : { ok: false, message: result.message };
          }}
        />
      ),
    });
  }

  return (
    <div class="roadmap-editor" data-roadmap-editor={roadmapId}>
      <EditorToolbar
        ready={loaded}
        status={ready ? status : { kind: 'loading' }}
        viewPath={viewPath}
        conflict={session.conflict}
        onPublish={publish}
        onLoadPublished={() => void session.loadPublished()}
        onDownload={() => download(`${roadmapId}-files.json`, JSON.stringify({ roadmap: title, files: session.latest() }, null, 2))}
      />
      {status.kind === 'load-failed' ? (
        <p class="editor-message editor-message--error" role="alert">
          The files could not be loaded. {status.message}{' '}
          <button type="button" class="button" onClick={() => void session.load()}>
            Try again
          </button>
        </p>
      ) : null}
      <div class="editor-layout" hidden={!ready}>
        <div class="editor-side">
          {snapshot ? (
            <>
              <ProblemList issues={placed} checked={session.checked} onReveal={reveal} />
              <FileList
                entries={entries}
                open={open}
                counts={counts}
                onOpen={setOpen}
                onAdd={(name) => {
                  setFile(name, OPTIONAL_FILES[name]!.template);
                  setOpen(name);
                }}
                onRemove={(name) => window.confirm(`Remove ${name}? Its page goes away when you publish.`) && setFile(name, null)}
              />
            </>
          ) : (
            <p class="muted">Loading the files…</p>
          )}
        </div>
        <section class="editor-main" aria-labelledby="editor-file-name">
          <h2 class="editor-pane-title" id="editor-file-name">
            <code>{open}</code>
          </h2>
          {editorState === 'failed' ? (
            <p class="editor-message editor-message--error" role="alert">
              The text editor could not be loaded. Reload the page to try again.
            </p>
          ) : editorState === 'loading' ? (
            <p class="editor-code-loading muted">Loading the editor…</p>
          ) : null}
          <div class="editor-code" ref={codeHost} data-code-editor />
          <p class="hint editor-keys">
            <kbd>Ctrl</kbd> <kbd>F</kbd> searches, <kbd>Ctrl</kbd> <kbd>Z</kbd> undoes; <kbd>Tab</kbd> indents, and <kbd>Esc</kbd> then <kbd>Tab</kbd>{' '}
            leaves the editor.
          </p>
        </section>
        <section class="editor-aside" aria-label="Preview and tools">
          <PaneTabs id="editor-pane" label="Preview and tools" tabs={tabs} selected={tab} onSelect={setTab} />
        </section>
      </div>
    </div>
  );
}

export const RoadmapEditorIsland = island('roadmap-editor', RoadmapEditor);
