/** Export and import of guest progress as a JSON file. */
import { normalizeProgress, type ProgressDoc, type RoadmapInfo } from './progress-store.js';

export const EXPORT_FORMAT = 'milepost-progress';

export function exportDocument(info: RoadmapInfo, doc: ProgressDoc): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: 1, roadmapId: info.id, exportedAt: new Date().toISOString(), topics: doc.topics }, null, 2);
}

/** Parses an exported file; throws an Error with a message fit for the visitor. */
export function parseImport(text: string, info: RoadmapInfo): ProgressDoc {
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
  if (roadmapId !== info.id) throw new Error(`That file holds progress for "${String(roadmapId)}", not this roadmap.`);
  return normalizeProgress(data, info);
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
