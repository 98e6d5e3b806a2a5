/** Export, import and reset on the roadmap page; they need JavaScript, so they appear with it. */
import { island, useHydrated } from './island.js';
import { download, exportDocument, importNotes, notesForExport, parseImport, parseImportedNotes } from '../progress-file.js';
import { countsOf, importProgress, progressOf, resetProgress } from '../state/progress.js';
import { roadmapData } from '../state/roadmap-data.js';
import { actionMessage, showMessage } from '../state/ui.js';

export interface RoadmapToolsProps {
  roadmapId: string;
  title: string;
}

function RoadmapTools({ roadmapId, title }: RoadmapToolsProps) {
  const ready = useHydrated();
  const exportFile = async () => {
    const notes = await notesForExport(roadmapId).catch(() => null);
    download(
      `milepost-${roadmapId}-progress-${new Date().toISOString().slice(0, 10)}.json`,
      exportDocument({ id: roadmapId }, progressOf(roadmapId).value, notes ?? {}),
    );
    showMessage(notes ? 'Progress exported.' : 'Progress exported without your notes: they could not be read.');
  };
  const importFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    const roadmap = roadmapData(roadmapId);
    if (!file || !roadmap) return;
    try {
      const text = await file.text();
      const count = importProgress(roadmapId, parseImport(text, roadmap));
      const notes = await importNotes(roadmapId, parseImportedNotes(text, roadmap));
      showMessage(`Imported progress on ${count} topics${notes > 0 ? ` and ${notes} ${notes === 1 ? 'note' : 'notes'}` : ''}.`);
    } catch (error) {
      showMessage(error instanceof Error ? error.message : 'Import failed.');
    }
  };
  const reset = () => {
    const counts = countsOf(roadmapId).value;
    if (!window.confirm(`Reset your progress on ${title}? ${counts.complete + counts.learning} marked topics will go back to not started.`)) return;
    resetProgress(roadmapId);
    showMessage('Progress reset.');
  };
  return (
    <>
      <div class="tool-buttons" hidden={!ready}>
        <button type="button" class="button" data-action="export" onClick={() => void exportFile()}>
          Export progress
        </button>
        <label class="button file-button">
          Import progress
          <input type="file" accept="application/json,.json" data-action="import" class="visually-hidden" onChange={(e) => void importFile(e)} />
        </label>
        <button type="button" class="button button--danger" data-action="reset" onClick={reset}>
          Reset progress
        </button>
      </div>
      <p class="action-message" role="status" data-action-message>
        {ready ? actionMessage.value : ''}
      </p>
    </>
  );
}

export const RoadmapToolsIsland = island('roadmap-tools', RoadmapTools);
