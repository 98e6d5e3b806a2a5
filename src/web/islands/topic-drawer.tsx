/**
 * The topic drawer: a modal dialog holding the server-rendered topic article, opened by setting
 * `openTopic`. The URL follows the open topic so it can be shared; each topic opened adds a
 * history entry, and Back steps through them and finally closes the drawer.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { hydrateIslands, island } from './island.js';
import { ResourceListIsland } from './resource-list.js';
import { StatusButtonsIsland } from './status-buttons.js';
import { TopicQuizIsland } from './topic-quiz.js';
import { TopicNotesIsland } from './topic-notes.js';
import { openTopic } from '../state/ui.js';

export interface TopicDrawerProps {
  roadmapId: string;
  roadmapTitle: string;
  /** Where the roadmap's pages live: `/<id>`, or `/r/<id>` for a user roadmap. */
  basePath: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';
const fragments = new Map<string, string>();

async function loadFragment(roadmapId: string, id: string): Promise<string> {
  const key = `${roadmapId}/${id}`;
  const cached = fragments.get(key);
  if (cached) return cached;
  const response = await fetch(`/fragments/${roadmapId}/${encodeURIComponent(id)}`, { headers: { accept: 'text/html' } });
  if (!response.ok) throw new Error(`topic ${id}: ${response.status}`);
  const html = await response.text();
  fragments.set(key, html);
  return html;
}

function trapFocus(dialog: HTMLDialogElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function TopicDrawer({ roadmapId, roadmapTitle, basePath }: TopicDrawerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<{ id: string; html: string; title: string } | null>(null);
  /** History entries this drawer pushed, so closing can step back over all of them. */
  const pushed = useRef(0);
  const fromHistory = useRef(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const baseTitle = useRef('');

  // Open, move or close as `openTopic` says.
  const wanted = openTopic.value;
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (wanted === null) {
      if (!el.open) return;
      el.close();
      setShown(null);
      document.title = baseTitle.current;
      const steps = pushed.current;
      pushed.current = 0;
      if (!fromHistory.current && steps > 0) history.go(-steps);
      fromHistory.current = false;
      returnFocus.current?.focus();
      returnFocus.current = null;
      return;
    }
    let cancelled = false;
    if (!el.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      baseTitle.current = document.title;
    }
    loadFragment(roadmapId, wanted).then(
      (html) => {
        if (cancelled) return;
        const title = new DOMParser().parseFromString(html, 'text/html').querySelector('.topic-title')?.textContent ?? wanted;
        setShown({ id: wanted, html, title });
        if (!fromHistory.current) {
          history.pushState({ topic: wanted }, '', `${basePath}/${wanted}`);
          pushed.current += 1;
        }
        fromHistory.current = false;
      },
      () => window.location.assign(`${basePath}/${encodeURIComponent(wanted)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [wanted, roadmapId, basePath]);

  // Once the article is in: hydrate its islands, show the dialog, and move focus to the title.
  useEffect(() => {
    const el = dialog.current;
    if (!shown || !el || !body.current) return;
    hydrateIslands([StatusButtonsIsland, ResourceListIsland, TopicQuizIsland, TopicNotesIsland], body.current);
    document.title = `${shown.title} · ${roadmapTitle}`;
    if (!el.open) el.showModal();
    body.current.scrollTop = 0;
    const heading = body.current.querySelector<HTMLElement>('.topic-title');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, [shown, roadmapTitle]);

  useEffect(() => {
    const onPop = (event: PopStateEvent) => {
      const topic = (event.state as { topic?: string } | null)?.topic ?? null;
      // Back to a page without a topic while the drawer is already closed (after closing it): nothing to do.
      if (topic === null && !dialog.current?.open) return;
      fromHistory.current = true;
      if (topic) pushed.current = Math.max(0, pushed.current - 1);
      else pushed.current = 0;
      openTopic.value = topic;
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const close = () => (openTopic.value = null);
  return (
    <dialog
      class="drawer"
      id="topic-drawer"
      ref={dialog}
      aria-labelledby={shown ? undefined : 'drawer-heading'}
      aria-label={shown?.title}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) close();
      }}
      onKeyDown={(event) => dialog.current && trapFocus(dialog.current, event)}
    >
      <div class="drawer-bar">
        <p id="drawer-heading" class="drawer-heading">
          {shown ? roadmapTitle : 'Topic'}
        </p>
        <a class="button drawer-open-page" data-drawer-page href={shown ? `${basePath}/${shown.id}` : basePath}>
          Open as page
        </a>
        <button type="button" class="button drawer-close" data-drawer-close aria-label="Close topic" onClick={close}>
          ✕
        </button>
      </div>
      <div
        class="drawer-body"
        data-drawer-body
        ref={body}
        onClick={(event) => {
          const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-topic-id]');
          if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          openTopic.value = link.getAttribute('data-topic-id');
        }}
        dangerouslySetInnerHTML={{ __html: shown?.html ?? '' }}
      />
    </dialog>
  );
}

export const TopicDrawerIsland = island('topic-drawer', TopicDrawer);
