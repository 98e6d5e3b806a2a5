/**
 * A team's dashboard: for each assigned roadmap, a matrix of members × sections with counts and
 * percentages, each member's last activity and pace against the target date; the leaderboard when
 * the owner turned it on; and this week's activity. The server renders it with the progress the
 * viewer may see; in the browser it sorts and filters, and follows the team's event stream: on
 * news it reads the progress again (through the API, under the same rules) without a reload.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TeamActivityDocument, TeamProgressDocument } from '../../features/teams/schema.js';
import { percentComplete as percent } from '../../shared/progress-rules.js';
import { island, useHydrated } from './island.js';

export interface TeamDashboardProps {
  teamId: string;
  slug: string;
  progress: TeamProgressDocument;
  /** How many rows the caller may see in all: more than `progress` holds when the team is large. */
  memberCount: number;
  activity: TeamActivityDocument;
  /** When the server rendered it, so that "3 h ago" reads the same before and after hydration. */
  renderedAt: string;
}

type Member = TeamProgressDocument['members'][number];
type Roadmap = TeamProgressDocument['roadmaps'][number];
type Live = 'connecting' | 'live' | 'reconnecting' | 'ended';
type SortKey = 'name' | 'active' | 'overall' | 'pace' | `section:${string}`;
type PaceFilter = 'all' | 'behind' | 'on-track';

/** Rows a table shows at first, and how many more each "Show more" adds. */
const ROWS_SHOWN = 100;
/** Reads again at most this often, however many events arrive. */
const REFRESH_GAP_MS = 500;

export function timeAgo(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function sortValue(member: Member, roadmapId: string, key: SortKey): number | string {
  const counts = member.roadmaps[roadmapId];
  if (key === 'name') return member.name.toLocaleLowerCase();
  if (key === 'active') return member.lastActiveAt ?? '';
  if (key === 'overall') return counts ? counts.complete / Math.max(1, counts.total) : 0;
  if (key === 'pace') return counts?.pace ? -counts.pace.behindHours : 0;
  const section = counts?.sections[key.slice('section:'.length)];
  return section ? section.complete / Math.max(1, section.total) : 0;
}

function SortButton(props: { label: string; sortKey: SortKey; sort: { key: SortKey; dir: 1 | -1 }; onSort: (key: SortKey) => void; ready: boolean }) {
  const { label, sortKey, sort, onSort, ready } = props;
  if (!ready) return <>{label}</>;
  const active = sort.key === sortKey;
  return (
    <button type="button" class="sort-button" data-sort={sortKey} onClick={() => onSort(sortKey)}>
      {label}
      <span aria-hidden="true">{active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
    </button>
  );
}

function RoadmapMatrix(props: {
  roadmap: Roadmap;
  members: Member[];
  progress: TeamProgressDocument;
  slug: string;
  now: number;
  filter: string;
  pace: PaceFilter;
  ready: boolean;
  /** Rows not read yet (a large team's page carries the first ones). */
  hidden: number;
}) {
  const { roadmap, progress, slug, now, filter, pace, ready } = props;
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const [limit, setLimit] = useState(ROWS_SHOWN);
  const onSort = (key: SortKey) => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 1 ? -1 : 1) : key === 'name' ? 1 : -1 }));
  const words = filter.trim().toLocaleLowerCase();
  const rows = props.members
    .filter((m) => !words || m.name.toLocaleLowerCase().includes(words))
    .filter((m) => {
      const state = m.roadmaps[roadmap.id]?.pace?.state;
      if (pace === 'behind') return state === 'behind';
      if (pace === 'on-track') return state !== undefined && state !== 'behind';
      return true;
    })
    .sort((a, b) => {
      const x = sortValue(a, roadmap.id, sort.key);
      const y = sortValue(b, roadmap.id, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a.name.localeCompare(b.name);
    });
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined);
  const totals = progress.totals[roadmap.id];
  const head = { sort, onSort, ready };
  return (
    <section class="team-roadmap" data-team-roadmap={roadmap.id} aria-labelledby={`matrix-${roadmap.id}`}>
      <h2 id={`matrix-${roadmap.id}`}>
        <a href={roadmap.url}>{roadmap.title}</a>
      </h2>
      <p class="muted">
        {roadmap.targetDate ? <>Target date {roadmap.targetDate}. </> : null}
        {totals ? (
          <span data-team-total={roadmap.id}>
            The team has {totals.complete} of {totals.total} topics done ({percent(totals.complete, totals.total)} %) over {totals.members}{' '}
            {totals.members === 1 ? 'member' : 'members'}.
          </span>
        ) : null}
      </p>
      <div class="table-scroll team-matrix-scroll" tabIndex={0} role="region" aria-label={`Progress on ${roadmap.title}`}>
        <table class="team-matrix">
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('name')}>
                <SortButton label="Member" sortKey="name" {...head} />
              </th>
              <th scope="col" aria-sort={ariaSort('active')}>
                <SortButton label="Last active" sortKey="active" {...head} />
              </th>
              <th scope="col" aria-sort={ariaSort('overall')}>
                <SortButton label="Overall" sortKey="overall" {...head} />
              </th>
              {roadmap.targetDate ? (
                <th scope="col" aria-sort={ariaSort('pace')}>
                  <SortButton label="Pace" sortKey="pace" {...head} />
                </th>
              ) : null}
              {roadmap.sections.map((s) => (
                <th scope="col" aria-sort={ariaSort(`section:${s.id}`)}>
                  <SortButton label={s.optional ? `${s.title} (optional)` : s.title} sortKey={`section:${s.id}`} {...head} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((m) => {
              const c = m.roadmaps[roadmap.id];
              return (
                <tr data-member={m.userId}>
                  <th scope="row">
                    <a href={`/teams/${slug}/members/${m.userId}`}>{m.name}</a>
                    {m.role === 'member' ? null : <span class="muted"> · {m.role}</span>}
                  </th>
                  <td>{timeAgo(m.lastActiveAt, now)}</td>
                  <td data-cell="overall">
                    {c ? (
                      <>
                        {c.complete}/{c.total} <span class="muted">({c.percent} %)</span>
                      </>
                    ) : null}
                  </td>
                  {roadmap.targetDate ? (
                    <td data-cell="pace" class={c?.pace?.state === 'behind' ? 'pace-behind' : undefined}>
                      {c?.pace?.label ?? ''}
                    </td>
                  ) : null}
                  {roadmap.sections.map((s) => {
                    const cell = c?.sections[s.id];
                    return (
                      <td data-cell={`section:${s.id}`}>
                        {cell ? (
                          <>
                            {cell.complete}/{cell.total} <span class="muted">({percent(cell.complete, cell.total)} %)</span>
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p class="muted">No member matches the filter.</p> : null}
      {rows.length > limit ? (
        <p>
          {ready ? (
            <button type="button" class="button" onClick={() => setLimit((n) => n + ROWS_SHOWN)}>
              Show more ({limit} of {rows.length} shown)
            </button>
          ) : (
            <span class="muted">
              {limit} of {props.hidden + rows.length} shown: the CSV has everyone.
            </span>
          )}
        </p>
      ) : !ready && props.hidden > 0 ? (
        <p class="muted">
          {rows.length} of {props.hidden + rows.length} shown: the CSV has everyone.
        </p>
      ) : null}
    </section>
  );
}

function Leaderboard({ rows }: { rows: NonNullable<TeamProgressDocument['leaderboard']> }) {
  return (
    <section class="team-leaderboard" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Leaderboard</h2>
      <ol class="leaderboard">
        {rows.map((r) => (
          <li value={r.place} class={r.you ? 'is-you' : undefined} data-leaderboard-row>
            {r.name}
            {r.you ? ' (you)' : ''}: {r.complete} of {r.total} topics ({r.percent} %)
          </li>
        ))}
      </ol>
    </section>
  );
}

function Activity({ activity, now, own }: { activity: TeamActivityDocument; now: number; own: boolean }) {
  return (
    <section class="team-activity" aria-labelledby="activity-title">
      <h2 id="activity-title">{own ? 'What you finished this week' : 'Finished this week'}</h2>
      {activity.events.length === 0 ? <p class="muted">Nothing finished in the last 7 days yet.</p> : null}
      <ul class="activity-feed">
        {activity.events.slice(0, 50).map((e) => (
          <li data-activity={`${e.userId}:${e.topicId}`}>
            <strong>{e.name}</strong> finished <a href={e.url}>{e.topicTitle}</a> <span class="muted">({e.roadmapTitle})</span>{' '}
            <span class="muted">
              · <time dateTime={e.at}>{timeAgo(e.at, now)}</time>
            </span>
          </li>
        ))}
      </ul>
      {activity.events.length > 50 ? <p class="muted">The 50 latest of {activity.events.length}; the CSV has them all.</p> : null}
    </section>
  );
}

const LIVE_LABELS: Record<Live, string> = {
  connecting: 'Connecting…',
  live: 'Live: changes appear as they happen',
  reconnecting: 'Reconnecting…',
  ended: 'Not live: reload the page to see changes',
};

function TeamDashboard({ teamId, slug, progress: first, memberCount, activity: firstActivity, renderedAt }: TeamDashboardProps) {
  const ready = useHydrated();
  const [progress, setProgress] = useState(first);
  const [activity, setActivity] = useState(firstActivity);
  const [live, setLive] = useState<Live>('connecting');
  const [ended, setEnded] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [pace, setPace] = useState<PaceFilter>('all');
  const [now, setNow] = useState(() => Date.parse(renderedAt));
  const refresh = useRef<{ timer: ReturnType<typeof setTimeout> | null; last: number }>({ timer: null, last: 0 });

  useEffect(() => {
    if (!ready) return;
    const api = `/api/v1/teams/${teamId}`;
    let stopped = false;
    const read = async () => {
      refresh.current.timer = null;
      refresh.current.last = Date.now();
      const [p, a] = await Promise.all([
        fetch(`${api}/progress`, { credentials: 'same-origin' }),
        fetch(`${api}/activity`, { credentials: 'same-origin' }),
      ]);
      if (stopped) return;
      if (p.status === 404 || p.status === 401) {
        setEnded('You can no longer see this team.');
        return;
      }
      if (p.ok) setProgress((await p.json()) as TeamProgressDocument);
      if (a.ok) setActivity((await a.json()) as TeamActivityDocument);
      setNow(Date.now());
    };
    const schedule = () => {
      if (refresh.current.timer) return;
      const wait = Math.max(0, refresh.current.last + REFRESH_GAP_MS - Date.now());
      refresh.current.timer = setTimeout(() => void read().catch(() => undefined), wait);
    };
    const source = new EventSource(`${api}/events`);
    source.addEventListener('ready', () => {
      setLive('live');
      // What changed between the page's rendering and the stream's start is read once.
      schedule();
    });
    for (const name of ['progress', 'team', 'resync']) source.addEventListener(name, schedule);
    source.addEventListener('closed', (event) => {
      source.close();
      setLive('ended');
      let reason = '';
      try {
        reason = (JSON.parse((event as MessageEvent<string>).data) as { reason?: string }).reason ?? '';
      } catch {
        // An unreadable reason ends the stream all the same.
      }
      if (reason === 'removed') setEnded('You are no longer a member of this team.');
      else if (reason === 'signed-out') setEnded('You were signed out. Sign in again to follow the team.');
    });
    source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? 'ended' : 'reconnecting');
    const clock = setInterval(() => setNow(Date.now()), 60_000);
    return () => {
      stopped = true;
      source.close();
      clearInterval(clock);
      if (refresh.current.timer) clearTimeout(refresh.current.timer);
    };
  }, [ready, teamId]);

  const members = useMemo(() => progress.members, [progress]);
  if (ended)
    return (
      <p class="form-alert" role="alert" data-team-ended>
        {ended}
      </p>
    );
  const own = progress.role === 'member';
  const anyTarget = progress.roadmaps.some((r) => r.targetDate);
  return (
    <div class="team-dashboard" data-live={live}>
      <p class="team-live muted" role="status" data-team-live={live}>
        {ready ? LIVE_LABELS[live] : ''}
      </p>
      {progress.roadmaps.length === 0 ? <p>No roadmap is assigned to this team yet.</p> : null}
      {ready && !own && progress.roadmaps.length > 0 ? (
        <div class="team-filters" role="search">
          <label for="team-filter">Find a member</label>
          <input id="team-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          {anyTarget ? (
            <>
              <label for="team-pace">Show</label>
              <select id="team-pace" value={pace} onChange={(e) => setPace(e.currentTarget.value as PaceFilter)}>
                <option value="all">Everyone</option>
                <option value="behind">Behind the target date</option>
                <option value="on-track">On track or ahead</option>
              </select>
            </>
          ) : null}
        </div>
      ) : null}
      {own && progress.roadmaps.length > 0 ? <p class="muted">You see your own row and the team's totals.</p> : null}
      {progress.roadmaps.map((roadmap) => (
        <RoadmapMatrix
          key={roadmap.id}
          roadmap={roadmap}
          members={members}
          progress={progress}
          slug={slug}
          now={now}
          filter={filter}
          pace={pace}
          ready={ready}
          hidden={Math.max(0, memberCount - progress.members.length)}
        />
      ))}
      {progress.leaderboard ? <Leaderboard rows={progress.leaderboard} /> : null}
      <Activity activity={activity} now={now} own={own} />
    </div>
  );
}

export const TeamDashboardIsland = island('team-dashboard', TeamDashboard);
