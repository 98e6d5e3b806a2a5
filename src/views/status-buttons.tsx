/** Buttons that set a topic's status; the client script enables them (progress needs JavaScript). */
export const STATUS_ACTIONS = [
  { status: 'done', label: 'Done', key: 'd', icon: 's-done' },
  { status: 'learning', label: 'Learning', key: 'l', icon: 's-learning' },
  { status: 'skipped', label: 'Skip', key: 's', icon: 's-skipped' },
  { status: 'pending', label: 'Reset', key: 'r', icon: 's-pending' },
] as const;

export function StatusButtons({ topicId }: { topicId: string }) {
  return (
    <div class="status-buttons" role="group" aria-label="Your progress on this topic" data-status-for={topicId}>
      {STATUS_ACTIONS.map((a) => (
        <button
          type="button"
          class={`status-button status-button--${a.status}`}
          data-set-status={a.status}
          aria-pressed="false"
          disabled
          aria-keyshortcuts={a.key}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <use href={`#${a.icon}`} />
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
