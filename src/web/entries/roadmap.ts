/**
 * A roadmap page: progress in the header, tools, search, the drawer, and statuses shown on the
 * diagram and outline. d / l / s / r mark the topic open in the drawer.
 */
import { diagramZoomSection } from '../behaviours/diagram-zoom.js';
import { checkFromOutline } from '../behaviours/outline-checks.js';
import { paintStatuses } from '../behaviours/paint-statuses.js';
import { switchViewsInPlace } from '../behaviours/roadmap-view.js';
import { followTopicLinks } from '../behaviours/topic-links.js';
import { ProgressSummaryIsland } from '../islands/progress-summary.js';
import { RoadmapToolsIsland } from '../islands/roadmap-tools.js';
import { ShareLinksIsland } from '../islands/share-links.js';
import { STATUS_ACTIONS, StatusButtonsIsland } from '../islands/status-buttons.js';
import { TopicDrawerIsland } from '../islands/topic-drawer.js';
import { TopicSearchIsland } from '../islands/topic-search.js';
import { registerShortcut } from '../shortcuts.js';
import { setStatus } from '../state/progress.js';
import { roadmapData } from '../state/roadmap-data.js';
import { openTopic } from '../state/ui.js';
import { NextTopicsIsland } from '../islands/next-topics.js';
import { startPage } from './start-page.js';

startPage([NextTopicsIsland, ProgressSummaryIsland, RoadmapToolsIsland, ShareLinksIsland, TopicSearchIsland, TopicDrawerIsland, StatusButtonsIsland]);
const roadmapId = document.querySelector('.roadmap')?.getAttribute('data-roadmap-id');
const roadmap = roadmapId ? roadmapData(roadmapId) : undefined;
if (roadmap) {
  paintStatuses(roadmap);
  checkFromOutline(roadmap);
  followTopicLinks(roadmap.id);
  switchViewsInPlace();
  diagramZoomSection();
  for (const action of STATUS_ACTIONS) {
    registerShortcut(action.key, () => {
      const open = openTopic.value;
      if (!open) return false;
      setStatus(roadmap.id, open, action.status);
      return true;
    });
  }
}
