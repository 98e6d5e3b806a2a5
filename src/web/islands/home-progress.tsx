/** "Your progress" on a home page card, from this browser and then from the account. */
import { island, useHydrated } from './island.js';
import { countsOf } from '../state/progress.js';

export interface HomeProgressProps {
  roadmapId: string;
}

function HomeProgress({ roadmapId }: HomeProgressProps) {
  const ready = useHydrated();
  const counts = ready ? countsOf(roadmapId).value : null;
  const marked = counts !== null && counts.complete + counts.learning > 0;
  return (
    <p class="card-progress" data-card-progress hidden={!marked}>
      {marked ? `Your progress: ${counts.complete} of ${counts.total} done, ${counts.learning} learning` : ''}
    </p>
  );
}

export const HomeProgressIsland = island('home-progress', HomeProgress);
