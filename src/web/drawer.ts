/**
 * The topic drawer: a modal dialog holding the server-rendered topic article. The URL follows
 * the open topic so it can be shared, and Back closes the drawer.
 */
import { $, $$ } from './dom.js';

export interface DrawerOptions {
  roadmapId: string;
  roadmapTitle: string;
  /** Called after new content is in the drawer, so statuses can be applied to it. */
  onContent: () => void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export class Drawer {
  private readonly dialog: HTMLDialogElement;
  private readonly body: HTMLElement;
  private readonly pageLink: HTMLAnchorElement | null;
  private readonly cache = new Map<string, string>();
  private returnFocus: HTMLElement | null = null;
  private pushed = false;
  private readonly basePath: string;
  private readonly baseTitle = document.title;
  currentId: string | null = null;

  constructor(
    dialog: HTMLDialogElement,
    private readonly opts: DrawerOptions,
  ) {
    this.dialog = dialog;
    this.body = $('[data-drawer-body]', dialog) as HTMLElement;
    this.pageLink = $<HTMLAnchorElement>('[data-drawer-page]', dialog);
    this.basePath = `/${opts.roadmapId}`;
    $('[data-drawer-close]', dialog)?.addEventListener('click', () => this.close());
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.close();
    });
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) this.close();
    });
    dialog.addEventListener('keydown', (event) => this.trapFocus(event));
    this.body.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-topic-id]');
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void this.open(link.getAttribute('data-topic-id') ?? '');
    });
    window.addEventListener('popstate', (event) => {
      const topic = (event.state as { topic?: string } | null)?.topic;
      if (topic) void this.open(topic, { push: false });
      else this.close({ fromHistory: true });
    });
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  private async load(id: string): Promise<string> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const response = await fetch(`/fragments/${this.opts.roadmapId}/${encodeURIComponent(id)}`, { headers: { accept: 'text/html' } });
    if (!response.ok) throw new Error(`topic ${id}: ${response.status}`);
    const html = await response.text();
    this.cache.set(id, html);
    return html;
  }

  async open(id: string, { push = true } = {}): Promise<void> {
    if (!this.dialog.open) this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let html: string;
    try {
      html = await this.load(id);
    } catch {
      window.location.assign(`${this.basePath}/${encodeURIComponent(id)}`);
      return;
    }
    this.body.innerHTML = html;
    this.currentId = id;
    const title = $('.topic-title', this.body)?.textContent ?? id;
    const heading = $('#drawer-heading', this.dialog);
    if (heading) heading.textContent = this.opts.roadmapTitle;
    this.pageLink?.setAttribute('href', `${this.basePath}/${id}`);
    this.dialog.setAttribute('aria-label', title);
    this.dialog.removeAttribute('aria-labelledby');
    document.title = `${title} · ${this.opts.roadmapTitle}`;
    if (!this.dialog.open) this.dialog.showModal();
    this.body.scrollTop = 0;
    $<HTMLElement>('.topic-title', this.body)?.setAttribute('tabindex', '-1');
    $<HTMLElement>('.topic-title', this.body)?.focus();
    if (push) {
      const url = `${this.basePath}/${id}`;
      if (this.pushed) history.replaceState({ topic: id }, '', url);
      else history.pushState({ topic: id }, '', url);
      this.pushed = true;
    }
    this.opts.onContent();
  }

  close({ fromHistory = false } = {}): void {
    if (!this.dialog.open) return;
    this.dialog.close();
    this.currentId = null;
    document.title = this.baseTitle;
    if (!fromHistory && this.pushed) history.back();
    this.pushed = false;
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private trapFocus(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const items = $$<HTMLElement>(FOCUSABLE, this.dialog).filter((el) => el.offsetParent !== null || el === document.activeElement);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || !this.dialog.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
}
