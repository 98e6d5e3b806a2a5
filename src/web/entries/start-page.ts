/**
 * What every page's entry does first: marks the page as scripted, reads the roadmaps it
 * describes, hydrates its islands (the header's among them), follows other tabs, and syncs with
 * the account when someone is signed in.
 */
import { AccountMenuIsland } from '../islands/account-menu.js';
import { hydrateIslands, type IslandComponent } from '../islands/island.js';
import { MenuToggleIsland } from '../islands/menu-toggle.js';
import { ThemeToggleIsland } from '../islands/theme-toggle.js';
import { expandDetailsForPrint } from '../behaviours/print-details.js';
import { startAccount } from '../state/account.js';
import { adoptProgress, followOtherTabs } from '../state/progress.js';
import { followOtherTabsCards } from '../state/review-cards.js';
import { followOtherTabsStudy } from '../state/study-store.js';
import { ReviewLinkIsland } from '../islands/review-link.js';
import { allRoadmaps, readRoadmapData } from '../state/roadmap-data.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- islands of any props
export function startPage(islands: IslandComponent<any>[] = []): void {
  document.documentElement.classList.add('js');
  readRoadmapData();
  hydrateIslands([MenuToggleIsland, ThemeToggleIsland, AccountMenuIsland, ReviewLinkIsland, ...islands]);
  expandDetailsForPrint();
  followOtherTabs();
  followOtherTabsCards();
  followOtherTabsStudy();
  void startAccount(allRoadmaps(), adoptProgress);
}
