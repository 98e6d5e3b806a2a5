/** Buttons that set a topic's status, on the topic page and in the drawer. Progress needs JavaScript: without it they stay disabled. */
import { island, useHydrated } from './island.js';
import { progressOf, setStatus } from '../state/progress.js';
import { statusOf, type Status } from '../../shared/progress-rules.js';

export const STATUS_ACTIONS = [
  { status: 'done', label: 'Done', key: 'd', icon: 's-done' },
  { status: 'learning', label: 'Learning', key: 'l', icon: 's-learning' },
  { status: 'skipped', label: 'Skip', key: 's', icon: 's-skipped' },
  { status: 'pending', label: 'Reset', key: 'r', icon: 's-pending' },
] as const satisfies readonly { status: Status; label: string; key: string; icon: string }[];

export interface StatusButtonsProps {
  roadmapId: string;
  topicId: string;
}

function StatusButtons({ roadmapId, topicId }: StatusButtonsProps) {
  const ready = useHydrated();
  const status = ready ? statusOf(progressOf(roadmapId).value, topicId) : 'pending';
  return (
    <div class={`status-buttons${ready ? ' is-ready' : ''}`} role="group" aria-label="Your progress on this topic" data-status-for={topicId}>
      {STATUS_ACTIONS.map((a) => (
        <button
          type="button"
          class={`status-button status-button--${a.status}`}
          data-set-status={a.status}
          aria-pressed={ready && a.status !== 'pending' && a.status === status}
          disabled={!ready}
          aria-keyshortcuts={a.key}
          onClick={() => setStatus(roadmapId, topicId, a.status)}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            {/* Done shows an empty box until the topic is done, then the ticked one. */}
            <use href={`#${a.status === 'done' && status !== 'done' ? 's-box' : a.icon}`} />
          </svg>
          {a.label}
          <kbd aria-hidden="true">{a.key}</kbd>
        </button>
      ))}
      <p class="status-note" data-status-note>
        Progress is saved in this browser. Turn on JavaScript to track it.
      </p>
    </div>
  );
}

export const StatusButtonsIsland = island('status-buttons', StatusButtons);
