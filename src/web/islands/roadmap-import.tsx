/**
 * The import form on /roadmaps/import: roadmap.sh's editor JSON and, optionally, its topic files,
 * read in the browser and sent to the import API; the answer's report says what was kept, what was
 * dropped and why. Needs JavaScript (the page says so without it).
 */
import { useState } from 'preact/hooks';
import { accountJson } from '../state/study-store.js';
import { island, useHydrated } from './island.js';

interface Report {
  imported: { nodeId: string; id: string; title: string; kind: string; withContent: boolean }[];
  dropped: { nodeId: string; type: string; label: string; reason: string }[];
  notes: string[];
  counts: { sections: number; topics: number; subtopics: number; withContent: number; dropped: number };
}
interface Imported {
  roadmap: { id: string; title: string; url: string; editUrl: string };
  report: Report;
}
type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'failed'; message: string } | { kind: 'done'; result: Imported };

/** The same limit the server applies, checked first so a too-large upload fails at once. */
const MAX_BYTES = 2 * 1024 * 1024;

async function readAll(files: FileList | null): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of files ? [...files] : []) out[file.name] = await file.text();
  return out;
}

function RoadmapImport() {
  const hydrated = useHydrated();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const jsonInput = form.elements.namedItem('json') as HTMLInputElement;
    const contentInput = form.elements.namedItem('content') as HTMLInputElement;
    const title = (form.elements.namedItem('title') as HTMLInputElement).value.trim();
    const visibility = (form.elements.namedItem('visibility') as HTMLSelectElement).value;
    const json = jsonInput.files?.[0];
    if (!json) return setState({ kind: 'failed', message: 'Choose the roadmap’s JSON file.' });
    const files = await readAll(contentInput.files);
    const size = json.size + Object.values(files).reduce((sum, text) => sum + new Blob([text]).size, 0);
    if (size > MAX_BYTES)
      return setState({ kind: 'failed', message: `An import may hold at most 2 MB; these files hold ${(size / 1024 / 1024).toFixed(1)} MB.` });
    setState({ kind: 'sending' });
    const body = { format: 'roadmap.sh', json: await json.text(), files, visibility, ...(title ? { title } : {}) };
    const { status, data } = await accountJson<Imported & { error?: { message: string } }>('POST', '/api/v1/roadmaps/import', body);
    if (status === 201 && data) setState({ kind: 'done', result: data });
    else setState({ kind: 'failed', message: data?.error?.message ?? `The import failed (HTTP ${status}).` });
  }

  if (state.kind === 'done') return <ImportReport result={state.result} />;
  return (
    <form class="form" onSubmit={submit} data-import-form>
      <div class="field">
        <label for="import-json">roadmap.sh JSON file</label>
        <input id="import-json" name="json" type="file" accept=".json,application/json" required disabled={!hydrated} />
      </div>
      <div class="field">
        <label for="import-content">Topic content files (optional)</label>
        <p class="hint" id="import-content-hint">
          One Markdown file per topic, named with the node id after <code>@</code>, such as <code>dns@Xk2Lw9.md</code>.
        </p>
        <input
          id="import-content"
          name="content"
          type="file"
          accept=".md,text/markdown"
          multiple
          aria-describedby="import-content-hint"
          disabled={!hydrated}
        />
      </div>
      <div class="field">
        <label for="import-title">Title (optional)</label>
        <input id="import-title" name="title" type="text" maxlength={80} autocomplete="off" />
      </div>
      <div class="field">
        <label for="import-visibility">Who may see it</label>
        <select id="import-visibility" name="visibility">
          <option value="private">Private</option>
          <option value="unlisted">Unlisted (anyone with the link)</option>
          <option value="public">Public (listed and searchable)</option>
        </select>
      </div>
      {state.kind === 'failed' ? (
        <p class="form-alert" role="alert">
          {state.message}
        </p>
      ) : null}
      <button class="button button--primary" type="submit" disabled={!hydrated || state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Importing…' : 'Import'}
      </button>
    </form>
  );
}

function ImportReport({ result }: { result: Imported }) {
  const { roadmap, report } = result;
  const { counts } = report;
  return (
    <section class="import-report" aria-labelledby="import-report-title" data-import-report>
      <h2 id="import-report-title" tabIndex={-1} ref={(el) => el?.focus()}>
        Imported “{roadmap.title}”
      </h2>
      <p>
        {counts.sections} sections, {counts.topics} topics and {counts.subtopics} subtopics; {counts.withContent} with their content. {counts.dropped}{' '}
        nodes dropped.
      </p>
      <p>
        <a class="button button--primary" href={roadmap.editUrl}>
          Edit it
        </a>{' '}
        <a class="button" href={roadmap.url}>
          View it
        </a>
      </p>
      {report.notes.length > 0 ? (
        <>
          <h3>Notes</h3>
          <ul>
            {report.notes.map((note) => (
              <li>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.dropped.length > 0 ? (
        <details>
          <summary>Dropped ({report.dropped.length})</summary>
          <ul data-dropped>
            {report.dropped.map((d) => (
              <li>
                {d.type} “{d.label || d.nodeId}”: {d.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details>
        <summary>Imported ({report.imported.length})</summary>
        <ul>
          {report.imported.map((i) => (
            <li>
              {i.kind} “{i.title}” as <code>{i.id}</code>
              {i.withContent ? ', with content' : ''}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export const RoadmapImportIsland = island('roadmap-import', RoadmapImport);
