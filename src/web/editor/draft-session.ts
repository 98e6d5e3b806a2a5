/**
 * The files being edited and their way to the server: loaded from the draft (or the published
 * source when there is none), saved as a draft 1.5 s after the last change, one save at a time,
 * and published, restored or pulled from upstream without a save crossing those requests. The
 * island re-renders when `onChange` is called; typing alone does not re-render it, only the
 * settled copy of the files (600 ms after the last change) and changes of status do.
 */
import { editorApi, formatSavedAt, isTransient, type ApiResult, type EditorFiles, type EditorIssue } from './editor-api.js';

export const SAVE_DELAY_MS = 1500;
export const SETTLE_DELAY_MS = 600;
/** How long to wait before trying a save again after a failure that may pass (offline, rate limit). */
const RETRY_DELAY_MS = 10_000;

export type SaveStatus =
  { kind: 'loading' | 'unsaved' | 'saving' | 'publishing'; message?: undefined } | { kind: 'clean' | 'failed' | 'load-failed'; message: string };

/** The files as they were a moment ago, numbered: what the outline, file list and preview show. */
export interface Snapshot {
  files: EditorFiles;
  revision: number;
}

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

export class DraftSession {
  status: SaveStatus = { kind: 'loading' };
  snapshot: Snapshot | null = null;
  /** The published version the draft starts from; null until loaded. */
  baseVersion: number | null = null;
  issues: EditorIssue[] = [];
  /** Someone published a newer version since this draft began. */
  conflict = false;
  /** Counts replacements of the files from outside the text pane (structure edits, pulls, restores), which it must take in. */
  replacements = 0;

  private files: EditorFiles = {};
  private revision = 0;
  private savedRevision = 0;
  private issuesRevision = -1;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private again = false;
  /** Publishing, restoring or pulling: those requests replace the draft, so no save goes out meanwhile. */
  private holding = false;

  constructor(
    private readonly api: ReturnType<typeof editorApi>,
    private readonly onChange: () => void,
  ) {}

  get dirty(): boolean {
    return this.revision > this.savedRevision;
  }

  /** True once the server has checked some version of the files (a save or a preview). */
  get checked(): boolean {
    return this.issuesRevision >= 0;
  }

  /** The files as they are now, the last key included. */
  latest(): EditorFiles {
    return this.files;
  }

  async load(): Promise<void> {
    this.setStatus({ kind: 'loading' });
    const draft = await this.api.draft();
    if (draft.ok) {
      this.adopt(draft.data.files, draft.data.baseVersion, `Draft saved at ${formatSavedAt(draft.data.updatedAt)}`);
      return;
    }
    if (draft.status !== 404) return this.setStatus({ kind: 'load-failed', message: draft.message });
    const source = await this.api.source();
    if (!source.ok) return this.setStatus({ kind: 'load-failed', message: source.message });
    this.adopt(source.data.files, source.data.version, `Version ${source.data.version}, no draft yet`);
  }

  /** The learner typed in `file`. */
  edit(file: string, text: string): void {
    this.files = { ...this.files, [file]: text };
    this.changed(SAVE_DELAY_MS);
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(), SETTLE_DELAY_MS);
  }

  /** Files changed by the editor itself (a structure edit, a file added or removed): shown at once, saved soon. */
  replace(files: EditorFiles): void {
    this.files = files;
    this.replacements += 1;
    this.changed(SAVE_DELAY_MS);
    this.settle();
  }

  /** Problems found in the files of `revision`; older answers than those shown are dropped. */
  reportIssues(issues: EditorIssue[], revision: number): void {
    if (revision < this.issuesRevision) return;
    this.issuesRevision = revision;
    this.issues = issues;
    this.onChange();
  }

  /** Saves now if anything is unsaved; resolves once no save is under way. */
  save(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.again = true;
    if (!this.inFlight) this.inFlight = this.saveLoop().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  async publish(note: string): Promise<ApiResult<{ version: number }>> {
    if (this.baseVersion === null) return { ok: false, status: 0, code: 'loading', message: 'The files are still loading.', issues: [] };
    return this.holdSaves(async () => {
      const revision = this.revision;
      this.setStatus({ kind: 'publishing' });
      const result = await this.api.publish(this.files, this.baseVersion ?? 0, note.trim());
      if (result.ok) {
        this.baseVersion = result.data.version;
        this.savedRevision = Math.max(this.savedRevision, revision);
        this.setStatus({ kind: 'clean', message: `Published version ${result.data.version}` });
      } else {
        if (result.issues.length > 0) this.reportIssues(result.issues, this.revision);
        this.failed(result, 'Not published: ');
      }
      return result;
    });
  }

  /** Publishes `version` again as the newest one, then shows it; changes not published are dropped. */
  async restore(version: number): Promise<ApiResult<{ version: number }>> {
    return this.holdSaves(async () => {
      const result = await this.api.restore(version);
      if (!result.ok) {
        this.failed(result, 'Not restored: ');
        return result;
      }
      const source = await this.api.source();
      if (source.ok) this.adopt(source.data.files, source.data.version, `Restored version ${version} as version ${source.data.version}`);
      else this.failed(source, `Restored as version ${result.data.version}, but not reloaded: `);
      return result;
    });
  }

  /** Takes upstream's copies of `topicIds` into the draft, after saving what is unsaved here. */
  async pull(topicIds: string[]): Promise<ApiResult<unknown>> {
    await this.save();
    if (this.dirty)
      return { ok: false, status: 0, code: 'unsaved', message: 'Your changes could not be saved first, so nothing was pulled.', issues: [] };
    return this.holdSaves(async () => {
      const result = await this.api.pull(topicIds);
      if (!result.ok) {
        this.failed(result, 'Not pulled: ');
        return result;
      }
      this.adopt(result.data.files, result.data.baseVersion, `Saved draft at ${formatSavedAt(result.data.updatedAt)}`);
      this.reportIssues(result.data.issues ?? [], this.revision);
      return result;
    });
  }

  /**
   * After a conflict: the newest published files replace these, and are saved as the draft at
   * once, so that the page shows them again when it is reloaded.
   */
  async loadPublished(): Promise<void> {
    await this.holdSaves(async () => {
      const source = await this.api.source();
      if (!source.ok) return this.failed(source, 'Not reloaded: ');
      this.adopt(source.data.files, source.data.version, `Version ${source.data.version}`);
      this.revision += 1;
    });
    await this.save();
  }

  /** Saves when the page goes away, and asks the browser to warn while changes are unsaved. */
  followUnload(): () => void {
    const warn = (event: BeforeUnloadEvent) => {
      if (!this.dirty) return;
      void this.save();
      event.preventDefault();
    };
    const hide = () => this.dirty && void this.save();
    window.addEventListener('beforeunload', warn);
    window.addEventListener('pagehide', hide);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('pagehide', hide);
      clearTimeout(this.saveTimer);
      clearTimeout(this.settleTimer);
    };
  }

  private adopt(files: EditorFiles, baseVersion: number, message: string): void {
    this.files = files;
    this.replacements += 1;
    this.baseVersion = baseVersion;
    this.conflict = false;
    this.revision += 1;
    this.savedRevision = this.revision;
    this.issuesRevision = -1;
    this.issues = [];
    this.settle();
    this.setStatus({ kind: 'clean', message });
  }

  private changed(saveDelay: number): void {
    this.revision += 1;
    if (this.status.kind === 'clean') this.setStatus({ kind: 'unsaved' });
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), saveDelay);
  }

  private settle(): void {
    clearTimeout(this.settleTimer);
    this.snapshot = { files: this.files, revision: this.revision };
    this.onChange();
  }

  private async saveLoop(): Promise<void> {
    while (this.again) {
      this.again = false;
      if (!this.dirty || this.holding || this.conflict || this.baseVersion === null) continue;
      const revision = this.revision;
      this.setStatus({ kind: 'saving' });
      const result = await this.api.saveDraft(this.files, this.baseVersion);
      if (!result.ok) {
        this.failed(result, 'Not saved: ');
        if (isTransient(result)) this.saveTimer = setTimeout(() => void this.save(), RETRY_DELAY_MS);
        return;
      }
      this.savedRevision = Math.max(this.savedRevision, revision);
      this.reportIssues(result.data.issues ?? [], revision);
      this.setStatus(this.dirty ? { kind: 'unsaved' } : { kind: 'clean', message: `Saved draft at ${formatSavedAt(result.data.updatedAt)}` });
    }
  }

  private async holdSaves<T>(work: () => Promise<T>): Promise<T> {
    clearTimeout(this.saveTimer);
    this.holding = true;
    try {
      await this.inFlight;
      return await work();
    } finally {
      this.holding = false;
      if (this.dirty && !this.conflict) this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
    }
  }

  private failed(result: Failure, prefix: string): void {
    if (result.status === 409) this.conflict = true;
    this.setStatus({ kind: 'failed', message: `${prefix}${result.message}` });
  }

  private setStatus(status: SaveStatus): void {
    if (status.kind === this.status.kind && status.message === this.status.message) return;
    this.status = status;
    this.onChange();
  }
}
