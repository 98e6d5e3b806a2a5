/**
 * The client script: progressive enhancement of server-rendered pages. Without it every page
 * still reads and links; with it, progress tracking, the drawer, search and zoom come alive.
 */
import { AccountSession, type SyncTarget } from './account.js';
import { $, $$, isTyping, setCookie } from './dom.js';
import { Drawer } from './drawer.js';
import { download, exportDocument, parseImport } from './progress-file.js';
import {
  countProgress,
  loadProgress,
  mergeProgress,
  saveProgress,
  storageKey,
  type ProgressDoc,
  type RoadmapInfo,
  type Status,
} from './progress-store.js';
import { renderStatuses, statusOf, type SectionInfo } from './progress-view.js';
import { setupHomePage } from './home-cards.js';
import { setupSearch } from './search.js';
import { setupThemeToggle } from './theme.js';
import { setupZoom } from './zoom.js';

interface RoadmapData extends RoadmapInfo {
  title: string;
  sections: SectionInfo[];
  topics: [string, string][];
}

const SHORTCUTS: Record<string, Status> = { d: 'done', l: 'learning', s: 'skipped', r: 'pending' };
const account = new AccountSession();

function readRoadmapData(): RoadmapData | null {
  const el = document.getElementById('mp-roadmap');
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as RoadmapData;
  } catch {
    return null;
  }
}

/** Tracking on a roadmap page or a topic page. */
class Tracker {
  doc: ProgressDoc;
  readonly ids: string[];

  constructor(
    readonly info: RoadmapInfo,
    readonly sections: SectionInfo[],
    ids: string[],
  ) {
    this.ids = ids;
    this.doc = loadProgress(info);
    window.addEventListener('storage', (event) => {
      if (event.key === storageKey(info.id)) {
        this.doc = loadProgress(info);
        this.render();
      }
    });
  }

  render(): void {
    renderStatuses(this.doc, this.ids, this.sections);
  }

  set(id: string, status: Status): void {
    const at = new Date().toISOString();
    this.doc = { topics: { ...this.doc.topics, [id]: { status, updatedAt: at } } };
    if (!saveProgress(this.info, this.doc)) message('Could not save: browser storage is full or blocked.');
    this.render();
    account.queue({ op: 'put', roadmapId: this.info.id, topicId: id, status, at });
  }

  /** Shows the account's progress once sync has it. */
  get syncTarget(): SyncTarget {
    return {
      info: this.info,
      adopt: (doc) => {
        this.doc = doc;
        this.render();
      },
    };
  }

  toggle(id: string, status: Status): void {
    this.set(id, statusOf(this.doc, id) === status ? 'pending' : status);
  }
}

function message(text: string): void {
  const el = $('[data-action-message]');
  if (el) el.textContent = text;
}

function setupStatusButtons(tracker: Tracker, currentTopic: () => string | null): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-set-status]');
    const group = button?.closest('[data-status-for]');
    if (!button || !group) return;
    tracker.set(group.getAttribute('data-status-for') ?? '', button.getAttribute('data-set-status') as Status);
  });
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const status = SHORTCUTS[event.key.toLowerCase()];
    const id = currentTopic();
    if (!status || !id) return;
    event.preventDefault();
    tracker.set(id, status);
  });
}

function setupRoadmapActions(tracker: Tracker, data: RoadmapData): void {
  for (const el of $$('.roadmap-actions [data-needs-js]')) el.hidden = false;
  $('[data-action="share"]')?.addEventListener('click', async () => {
    const url = `${location.origin}/${data.id}`;
    try {
      await navigator.clipboard.writeText(url);
      message('Link copied to the clipboard.');
    } catch {
      message(`Copy this link: ${url}`);
    }
  });
  $('[data-action="export"]')?.addEventListener('click', () => {
    download(`milepost-${data.id}-progress-${new Date().toISOString().slice(0, 10)}.json`, exportDocument(data, tracker.doc));
    message('Progress exported.');
  });
  $<HTMLInputElement>('[data-action="import"]')?.addEventListener('change', async (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const imported = parseImport(await file.text(), data);
      tracker.doc = mergeProgress(tracker.doc, imported);
      saveProgress(data, tracker.doc);
      tracker.render();
      account.queue({ op: 'merge', roadmapId: data.id, topics: imported.topics, at: new Date().toISOString() });
      message(`Imported progress on ${Object.keys(imported.topics).length} topics.`);
    } catch (error) {
      message(error instanceof Error ? error.message : 'Import failed.');
    }
  });
  $('[data-action="reset"]')?.addEventListener('click', () => {
    const counts = countProgress(tracker.doc, tracker.ids);
    if (!window.confirm(`Reset your progress on ${data.title}? ${counts.complete + counts.learning} marked topics will go back to not started.`))
      return;
    tracker.doc = { topics: {} };
    saveProgress(data, tracker.doc);
    tracker.render();
    account.queue({ op: 'reset', roadmapId: data.id, at: new Date().toISOString() });
    message('Progress reset.');
  });
  const root = $('.roadmap');
  for (const link of $$<HTMLAnchorElement>('[data-view-link]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const view = link.getAttribute('data-view-link') ?? 'auto';
      root?.setAttribute('data-view', view);
      setCookie('mp_view', view);
      for (const each of $$('[data-view-link]')) {
        if (each === link) each.setAttribute('aria-current', 'true');
        else each.removeAttribute('aria-current');
      }
    });
  }
}

function setupDiagramClicks(tracker: Tracker, drawer: Drawer): void {
  const topicLink = (event: Event) => (event.target as Element).closest<HTMLAnchorElement>('a.node[data-topic-id], a.outline-link[data-topic-id]');
  document.addEventListener('contextmenu', (event) => {
    const link = topicLink(event);
    if (!link) return;
    event.preventDefault();
    tracker.toggle(link.getAttribute('data-topic-id') ?? '', 'done');
  });
  document.addEventListener('click', (event) => {
    const link = topicLink(event);
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    const id = link.getAttribute('data-topic-id') ?? '';
    event.preventDefault();
    if (event.shiftKey) tracker.toggle(id, 'learning');
    else if (event.altKey) tracker.toggle(id, 'skipped');
    else void drawer.open(id);
  });
}

function setupRoadmapPage(data: RoadmapData): Tracker {
  const tracker = new Tracker(
    data,
    data.sections,
    data.topics.map(([id]) => id),
  );
  const dialog = $<HTMLDialogElement>('#topic-drawer');
  if (!dialog) return tracker;
  const drawer = new Drawer(dialog, { roadmapId: data.id, roadmapTitle: data.title, onContent: () => tracker.render() });
  setupStatusButtons(tracker, () => (drawer.isOpen ? drawer.currentId : null));
  setupRoadmapActions(tracker, data);
  setupDiagramClicks(tracker, drawer);
  const form = $<HTMLFormElement>('[data-topic-search]');
  if (form) setupSearch(form, data.topics, data.id, (id) => void drawer.open(id));
  const diagram = $('.diagram');
  if (diagram) setupZoom(diagram);
  tracker.render();
  return tracker;
}

function setupTopicPage(page: HTMLElement): Tracker {
  const roadmapId = page.getAttribute('data-roadmap-id') ?? '';
  const topicId = $('article.topic', page)?.getAttribute('data-topic-id') ?? '';
  // The topic page does not carry the whole roadmap; it tracks its own topic only.
  const tracker = new Tracker({ id: roadmapId, retired: {} }, [], []);
  setupStatusButtons(tracker, () => topicId);
  tracker.render();
  return tracker;
}

function start(): void {
  document.documentElement.classList.add('js');
  setupThemeToggle();
  const targets: SyncTarget[] = [];
  const data = readRoadmapData();
  if (data) targets.push(setupRoadmapPage(data).syncTarget);
  const topicPage = $('.topic-page');
  if (topicPage) targets.push(setupTopicPage(topicPage).syncTarget);
  if ($('[data-roadmap-card]')) targets.push(...setupHomePage());
  void account.start(targets);
}

start();
