/**
 * Export and import of browser progress as a JSON file, with the learner's notes on the roadmap's
 * topics (`notes: {topicId: {markdown, updatedAt}}`): a guest's from this browser, an account's
 * from the server. On import a note is kept where notes live when it is newer than the copy there.
 */
import { isNewerCopy, MAX_NOTES, noteSizeProblem, type StoredNote } from '../shared/notes-rules.js';
import { currentTopicId, entriesOfRecord, timeOf, type TopicEntries } from '../shared/progress-rules.js';
import { accountStudyReady, currentUser } from './state/account.js';
import type { ClientRoadmap } from './state/roadmap-data.js';
import { accountJson, copyKey, guestCopies, guestCopy, keepGuestCopy } from './state/study-store.js';

export const EXPORT_FORMAT = 'milepost-progress';

/** Notes of an account read at once while exporting. */
const PARALLEL_READS = 4;

export function exportDocument(roadmap: Pick<ClientRoadmap, 'id'>, entries: TopicEntries, notes: Record<string, StoredNote> = {}): string {
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: 1,
      roadmapId: roadmap.id,
      exportedAt: new Date().toISOString(),
      topics: Object.fromEntries(entries),
      notes,
    },
    null,
    2,
  );
}

/** The file's object, checked to be an export of this roadmap; throws an Error with a message fit for the visitor. */
function readExport(text: string, roadmapId: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('That file is not valid JSON.');
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new Error('That file is not a Milepost progress export.');
  }
  const fileRoadmap = (data as { roadmapId?: unknown }).roadmapId;
  if (fileRoadmap !== roadmapId) throw new Error(`That file holds progress for "${String(fileRoadmap)}", not this roadmap.`);
  return data as Record<string, unknown>;
}

/** Parses an exported file; throws an Error with a message fit for the visitor. */
export function parseImport(text: string, roadmap: Pick<ClientRoadmap, 'id' | 'index'>): TopicEntries {
  return entriesOfRecord(readExport(text, roadmap.id).topics, roadmap.index);
}

/**
 * The notes in an exported file, by current topic id (a retired id follows its successor). Notes on
 * topics the roadmap no longer has, without a readable time, or over the size limit are left out.
 */
export function parseImportedNotes(text: string, roadmap: Pick<ClientRoadmap, 'id' | 'index'>): Map<string, StoredNote> {
  const notes = new Map<string, StoredNote>();
  const record = readExport(text, roadmap.id).notes;
  if (!record || typeof record !== 'object') return notes;
  for (const [id, value] of Object.entries(record as Record<string, unknown>)) {
    const note = value as Partial<StoredNote> | null;
    const topicId = currentTopicId(roadmap.index, id);
    if (!topicId || !note || typeof note.markdown !== 'string' || typeof note.updatedAt !== 'string') continue;
    if (timeOf(note.updatedAt) === 0 || noteSizeProblem(note.markdown) || note.markdown.trim() === '') continue;
    const copy = { markdown: note.markdown, updatedAt: new Date(timeOf(note.updatedAt)).toISOString() };
    if (isNewerCopy(copy, notes.get(topicId))) notes.set(topicId, copy);
    if (notes.size >= MAX_NOTES) break;
  }
  return notes;
}

const signedIn = () => Boolean(currentUser.value);

/** This browser's or this account's notes on a roadmap's topics, for the export file. */
export async function notesForExport(roadmapId: string): Promise<Record<string, StoredNote>> {
  const notes: Record<string, StoredNote> = {};
  if (!signedIn() || !accountStudyReady.value) {
    const prefix = `${roadmapId}/`;
    for (const [key, copy] of guestCopies('notes')) {
      if (key.startsWith(prefix)) notes[key.slice(prefix.length)] = { markdown: copy.value, updatedAt: copy.updatedAt };
    }
    return notes;
  }
  // The list gives excerpts only: each note of this roadmap is read in full.
  const list = await accountJson<{ notes?: { roadmapId: string; topicId: string }[] }>('GET', '/api/v1/me/notes');
  if (list.status !== 200 || !list.data?.notes) throw new Error(`Your notes could not be read (the server answered ${list.status}).`);
  const wanted = list.data.notes.filter((n) => n.roadmapId === roadmapId).map((n) => n.topicId);
  const readOne = async (topicId: string) => {
    const { status, data } = await accountJson<{ topicId: string; markdown: string; updatedAt: string | null }>(
      'GET',
      `/api/v1/me/notes/${copyKey(roadmapId, topicId)}`,
    );
    if (status !== 200 || !data) throw new Error(`Your note on "${topicId}" could not be read (the server answered ${status}).`);
    if (data.updatedAt && data.markdown) notes[data.topicId] = { markdown: data.markdown, updatedAt: data.updatedAt };
  };
  for (let i = 0; i < wanted.length; i += PARALLEL_READS) await Promise.all(wanted.slice(i, i + PARALLEL_READS).map(readOne));
  return notes;
}

/**
 * Keeps a file's notes where this learner's notes live: signed in, each goes to the account with
 * its time (the server keeps a newer stored note); as a guest, each newer than this browser's copy
 * replaces it. Returns how many were taken.
 */
export async function importNotes(roadmapId: string, notes: Map<string, StoredNote>): Promise<number> {
  let taken = 0;
  for (const [topicId, note] of notes) {
    const key = copyKey(roadmapId, topicId);
    if (signedIn()) {
      const { status, data } = await accountJson<{ stored?: boolean; error?: { message: string } }>('PUT', `/api/v1/me/notes/${key}`, note);
      if (status !== 200) throw new Error(data?.error?.message ?? `A note could not be imported (the server answered ${status}).`);
      if (data?.stored !== false) taken += 1;
      continue;
    }
    const here = guestCopy('notes', key);
    if (!isNewerCopy(note, here)) continue;
    if (!keepGuestCopy('notes', key, note.markdown, note.updatedAt))
      throw new Error('This browser refused to store the notes (storage full or blocked).');
    taken += 1;
  }
  return taken;
}

export function download(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
