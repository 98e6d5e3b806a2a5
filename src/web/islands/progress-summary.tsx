/** The roadmap header's progress: a bar and "N of M done", with learning and skipped counts. */
import { island, useHydrated } from './island.js';
import { countsOf } from '../state/progress.js';

export interface ProgressSummaryProps {
  roadmapId: string;
  total: number;
}

function ProgressSummary({ roadmapId, total }: ProgressSummaryProps) {
  const ready = useHydrated();
  const counts = ready ? countsOf(roadmapId).value : { done: 0, learning: 0, skipped: 0, complete: 0, total, percent: 0 };
  const width = (n: number) => `${counts.total ? (n / counts.total) * 100 : 0}%`;
  return (
    <div class="progress" data-progress>
      <div class="progress-bar" aria-hidden="true">
        {/* Widths are set once hydrated: a style attribute in the HTML would break the page's CSP. */}
        <span class="progress-bar-done" data-bar="done" style={ready ? { width: width(counts.complete) } : undefined} />
        <span class="progress-bar-learning" data-bar="learning" style={ready ? { width: width(counts.learning) } : undefined} />
      </div>
      <p class="progress-text" aria-live="polite">
        <strong>
          <span data-count="complete">{counts.complete}</span> of <span data-count="total">{counts.total}</span> done
        </strong>
        <span class="progress-detail">
          (<span data-count="percent">{counts.percent}</span>%) · <span data-count="learning">{counts.learning}</span> learning ·{' '}
          <span data-count="skipped">{counts.skipped}</span> skipped
        </span>
      </p>
    </div>
  );
}

export const ProgressSummaryIsland = island('progress-summary', ProgressSummary);
