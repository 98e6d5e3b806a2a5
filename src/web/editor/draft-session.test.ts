import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSession, SAVE_DELAY_MS } from './draft-session.js';
import type { ApiResult, EditorApi, EditorFiles } from './editor-api.js';

const ok = <T>(data: T): Promise<ApiResult<T>> => Promise.resolve({ ok: true, data });
const fail = (status: number, code: string): Promise<ApiResult<never>> => Promise.resolve({ ok: false, status, code, message: code, issues: [] });

function fakeApi() {
  const saves: { files: EditorFiles; baseVersion: number }[] = [];
  let release: (() => void) | null = null;
  const api: EditorApi = {
    draft: () => fail(404, 'not_found'),
    source: () => ok({ version: 3, files: { 'roadmap.yaml': 'sections: []\n' } }),
    saveDraft: async (files, baseVersion) => {
      saves.push({ files, baseVersion });
      if (saves.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return { ok: true, data: { updatedAt: '2027-03-01T10:00:00Z', issues: [] } };
    },
    preview: () => ok({ issues: [], diagram: null, topic: null }),
    publish: () => fail(409, 'version_conflict'),
    versions: () => ok({ versions: [] }),
    restore: () => ok({ version: 4 }),
    upstream: () => ok({ source: null, changes: [] }),
    pull: () => fail(404, 'not_found'),
  };
  return { api, saves, release: () => release?.() };
}

describe('the draft session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts from the published files when there is no draft, and saves 1.5 s after the last change, one save at a time', async () => {
    const { api, saves, release } = fakeApi();
    const session = new DraftSession(api, () => undefined);
    await session.load();
    expect(session.status).toEqual({ kind: 'clean', message: 'Version 3, no draft yet' });

    session.edit('roadmap.yaml', 'a');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 100);
    session.edit('roadmap.yaml', 'ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 100);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves.map((s) => s.files['roadmap.yaml'])).toEqual(['ab']);
    expect(session.status.kind).toBe('saving');

    // Typed while the first save is under way: saved after it, not beside it.
    session.edit('roadmap.yaml', 'abc');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saves).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.map((s) => s.files['roadmap.yaml'])).toEqual(['ab', 'abc']);
    expect(session.dirty).toBe(false);
    expect(session.status.kind).toBe('clean');
  });

  it('stops saving after a conflict until the published files are loaded', async () => {
    const { api, saves } = fakeApi();
    const session = new DraftSession(api, () => undefined);
    await session.load();
    session.edit('roadmap.yaml', 'x');
    await session.publish('');
    expect(session.conflict).toBe(true);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(saves).toHaveLength(0);
  });
});
