/**
 * The signed-in side of the client: finds out who is signed in, shows it in the header, syncs
 * progress through ProgressSync, and hands the browser back to a guest on logout.
 */
import { $$ } from './dom.js';
import { dropSignedInHint, hasSignedInHint, loadAccount, setupGuestLinks, showAccount, showGuest } from './account-nav.js';
import type { ProgressDoc, RoadmapInfo } from './progress-store.js';
import { ProgressSync } from './sync.js';
import { forgetAccountData, type NewQueueItem } from './sync-state.js';

/** A roadmap shown on this page, and how to show its progress once synced. */
export interface SyncTarget {
  info: RoadmapInfo;
  adopt(doc: ProgressDoc): void;
}

/** How long logging out waits for queued changes to reach the server. */
const LOGOUT_FLUSH_MS = 3000;

export class AccountSession {
  private sync: ProgressSync | null = null;
  /** Changes made before we know who is signed in; sent once we do. */
  private early: NewQueueItem[] = [];
  private waiting = hasSignedInHint();

  /** Sends a change (already applied locally) to the account, when there is one. */
  queue(item: NewQueueItem): void {
    if (this.sync) this.sync.queue(item);
    else if (this.waiting) this.early.push(item);
  }

  /** Run once per page: header, then for each roadmap on the page flush, merge or adopt, and show. */
  async start(targets: SyncTarget[]): Promise<void> {
    setupGuestLinks();
    this.setupLogoutForms();
    const user = await loadAccount();
    this.waiting = false;
    if (!user) {
      this.early = [];
      return;
    }
    showAccount(user);
    const sync = new ProgressSync(user, () => {
      this.sync = null;
      dropSignedInHint();
      showGuest();
    });
    this.sync = sync;
    for (const item of this.early.splice(0)) sync.queue(item);
    for (const target of targets) {
      const doc = await sync.syncRoadmap(target.info);
      if (doc) target.adopt(doc);
    }
    await sync.flush();
  }

  /** Logout, "sign out everywhere" and account deletion: send what is queued, then forget the account's local copy. */
  private setupLogoutForms(): void {
    for (const form of $$<HTMLFormElement>('form[data-logout-form]')) {
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        for (const button of $$<HTMLButtonElement>('button', form)) button.disabled = true;
        const sync = this.sync;
        const flushed = sync ? Promise.race([sync.flush(), new Promise((resolve) => setTimeout(resolve, LOGOUT_FLUSH_MS))]) : Promise.resolve();
        void flushed.then(() => {
          if (sync) sync.active = false;
          this.sync = null;
          forgetAccountData(localStorage);
          form.submit();
        });
      });
    }
  }
}
