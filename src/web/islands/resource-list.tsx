/**
 * A topic's resources, grouped by type, each with a checkbox to tick it off and a count ("2 of 5
 * resources"). When every one is checked and the topic is not done yet, it offers to mark the
 * topic done; it never does so by itself. Without JavaScript the list shows without checkboxes.
 */
import { useState } from 'preact/hooks';
import { checkedLabel } from '../../shared/notes-rules.js';
import { statusOf } from '../../shared/progress-rules.js';
import { progressOf, setStatus } from '../state/progress.js';
import { checksOf, setChecks } from '../state/resource-checks.js';
import { island, useHydrated } from './island.js';

export interface ResourceListProps {
  roadmapId: string;
  topicId: string;
  groups: { type: string; label: string; items: { title: string; url: string; paid: boolean }[] }[];
}

function ResourceList({ roadmapId, topicId, groups }: ResourceListProps) {
  const ready = useHydrated();
  const [problem, setProblem] = useState('');
  const checked = ready ? (checksOf(roadmapId).value.get(topicId) ?? []) : [];
  const status = ready ? statusOf(progressOf(roadmapId).value, topicId) : 'pending';
  const urls = groups.flatMap((g) => g.items.map((i) => i.url));
  const count = urls.filter((u) => checked.includes(u)).length;
  const toggle = async (url: string, on: boolean) => {
    const next = urls.filter((u) => (u === url ? on : checked.includes(u)));
    setProblem((await setChecks(roadmapId, topicId, next)) ?? '');
  };
  return (
    <section class="resources" aria-labelledby={`resources-${topicId}`}>
      <h2 id={`resources-${topicId}`}>Resources</h2>
      {ready ? (
        <p class="resource-count" aria-live="polite">
          {checkedLabel(count, urls.length)}
        </p>
      ) : null}
      {groups.map((group) => (
        <div class="resource-group">
          <h3>{group.label}</h3>
          <ul>
            {group.items.map((r) => (
              <li>
                {ready ? (
                  <input
                    type="checkbox"
                    class="resource-check"
                    checked={checked.includes(r.url)}
                    aria-label={`${r.title}: checked off`}
                    onChange={(e) => void toggle(r.url, e.currentTarget.checked)}
                  />
                ) : null}
                <span class={`badge badge--${group.type}`}>{group.label}</span>
                {/* A new tab, so the reader keeps their place in the roadmap and the drawer. */}
                <a href={r.url} rel="noopener noreferrer" target="_blank">
                  {r.title}
                  <span class="visually-hidden"> (opens in a new tab)</span>
                </a>
                {r.paid ? (
                  <span class="badge badge--paid" title="Paid or paywalled">
                    Paid
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {ready && count === urls.length && urls.length > 0 && status !== 'done' ? (
        <p class="resource-offer">
          Every resource is checked.{' '}
          <button type="button" class="button" onClick={() => setStatus(roadmapId, topicId, 'done')}>
            Mark this topic done
          </button>
        </p>
      ) : null}
      {problem ? (
        <p class="resource-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

export const ResourceListIsland = island('resource-list', ResourceList);
