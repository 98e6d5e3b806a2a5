/** Export and import of browser progress as a JSON file. */
import { entriesOfRecord, type TopicEntries } from '../shared/progress-rules.js';
import type { ClientRoadmap } from './state/roadmap-data.js';

export const EXPORT_FORMAT = 'milepost-progress';

export function exportDocument(roadmap: Pick<ClientRoadmap, 'id'>, entries: TopicEntries): string {
  return JSON.stringify(
    { format: EXPORT_FORMAT, version: 1, roadmapId: roadmap.id, exportedAt: new Date().toISOString(), topics: Object.fromEntries(entries) },
    null,
    2,
  );
}

/** Parses an exported file; throws an Error with a message fit for the visitor. */
export function parseImport(text: string, roadmap: Pick<ClientRoadmap, 'id' | 'index'>): TopicEntries {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('That file is not valid JSON.');
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new Error('That file is not a Milepost progress export.');
  }
  const roadmapId = (data as { roadmapId?: unknown }).roadmapId;
  if (roadmapId !== roadmap.id) throw new Error(`That file holds progress for "${String(roadmapId)}", not this roadmap.`);
  return entriesOfRecord((data as { topics?: unknown }).topics, roadmap.index);
}

export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
