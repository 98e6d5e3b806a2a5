/**
 * The roadmap editor's calls to `/api/v1/roadmaps/{id}/…`: the draft, the published source, the
 * preview, publishing, versions and upstream changes. Every answer comes back as a result, never
 * as a thrown error, so the panels show the server's own message (`{"error": {code, message}}`).
 */
import { accountJson } from '../state/study-store.js';

/** A roadmap's files by name (`roadmap.yaml`, `topics/http.md`, …). */
export type EditorFiles = Record<string, string>;

/** A problem found by the server, as `file:line: message`; `file` may carry a prefix before the roadmap's own name. */
export interface EditorIssue {
  file: string;
  line: number;
  message: string;
}

export interface DraftAnswer {
  baseVersion: number;
  files: EditorFiles;
  updatedAt: string;
}

export interface SourceAnswer {
  version: number;
  files: EditorFiles;
}

export interface PreviewAnswer {
  issues: EditorIssue[];
  /** The diagram as HTML rendered (and sanitised) by the server, or null when the structure cannot be drawn. */
  diagram: string | null;
  topic: string | null;
}

export interface VersionEntry {
  version: number;
  note: string | null;
  createdAt: string;
  /** How many topics it has, when the server says. */
  topics?: number;
  current: boolean;
}

export type UpstreamChange = 'changed' | 'added' | 'removed';

export interface UpstreamAnswer {
  source: { id: string; title: string; version: number; url: string } | null;
  changes: { topicId: string; title: string; change: UpstreamChange }[];
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string; issues: EditorIssue[] };

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: EditorIssue[] };
}

/** What to say when the server gave no message of its own. */
function fallbackMessage(status: number): string {
  if (status === 401) return 'You are signed out. Sign in again (in another tab) and your changes will be saved.';
  if (status === 403) return 'You may not edit this roadmap.';
  if (status === 404) return 'This roadmap no longer exists.';
  if (status === 413) return 'The roadmap is too large to save.';
  if (status === 429) return 'Too many requests: the editor will try again in a moment.';
  if (status >= 500) return `The server failed (${status}). Your changes are kept in this page and saved on the next try.`;
  return `The server answered ${status}.`;
}

async function call<T>(method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const { status, data } = await accountJson<T & ErrorBody>(method, url, body);
    if (status >= 200 && status < 300 && data) return { ok: true, data };
    const error = data?.error;
    return {
      ok: false,
      status,
      code: error?.code ?? `http_${status}`,
      message: error?.message ?? fallbackMessage(status),
      issues: Array.isArray(error?.issues) ? error.issues : [],
    };
  } catch {
    return { ok: false, status: 0, code: 'offline', message: 'The server could not be reached: you seem to be offline.', issues: [] };
  }
}

/** True for failures worth trying again later by themselves (offline, rate-limited, the server away). */
export function isTransient(result: { status: number }): boolean {
  return result.status === 0 || result.status === 429 || result.status >= 500;
}

export type EditorApi = ReturnType<typeof editorApi>;

/** The editor's endpoints for one roadmap. */
export function editorApi(roadmapId: string) {
  const base = `/api/v1/roadmaps/${encodeURIComponent(roadmapId)}`;
  return {
    /** The saved draft; a 404 result means there is none. */
    draft: () => call<DraftAnswer>('GET', `${base}/draft`),
    source: () => call<SourceAnswer>('GET', `${base}/source`),
    saveDraft: (files: EditorFiles, baseVersion: number) =>
      call<{ updatedAt: string; issues: EditorIssue[] }>('PUT', `${base}/draft`, { files, baseVersion }),
    preview: (files: EditorFiles, topicId: string | null) => call<PreviewAnswer>('POST', `${base}/preview`, topicId ? { files, topicId } : { files }),
    publish: (files: EditorFiles, baseVersion: number, note: string) =>
      call<{ version: number; hash: string }>('PUT', `${base}/source`, note ? { files, baseVersion, note } : { files, baseVersion }),
    versions: () => call<{ versions: VersionEntry[] }>('GET', `${base}/versions`),
    restore: (version: number) => call<{ version: number }>('POST', `${base}/versions/${version}/restore`),
    upstream: () => call<UpstreamAnswer>('GET', `${base}/upstream`),
    pull: (topicIds: string[]) => call<DraftAnswer & { issues: EditorIssue[] }>('POST', `${base}/upstream/pull`, { topicIds }),
  };
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "14:05" for a time today, "3 Mar 2027, 14:05" for an older one. */
export function formatSavedAt(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toDateString() === now.toDateString() ? timeFormat.format(at) : dateTimeFormat.format(at);
}
