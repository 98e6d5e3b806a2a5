/** A topic page: its status buttons, and d / l / s / r to mark it. */
import { STATUS_ACTIONS, StatusButtonsIsland } from '../islands/status-buttons.js';
import { ResourceListIsland } from '../islands/resource-list.js';
import { TopicQuizIsland } from '../islands/topic-quiz.js';
import { TopicNotesIsland } from '../islands/topic-notes.js';
import { registerShortcut } from '../shortcuts.js';
import { setStatus } from '../state/progress.js';
import { NextTopicsIsland } from '../islands/next-topics.js';
import { startPage } from './start-page.js';

startPage([NextTopicsIsland, ResourceListIsland, StatusButtonsIsland, TopicQuizIsland, TopicNotesIsland]);
const roadmapId = document.querySelector('.topic-page')?.getAttribute('data-roadmap-id');
const topicId = document.querySelector('article.topic')?.getAttribute('data-topic-id');
if (roadmapId && topicId) {
  for (const action of STATUS_ACTIONS) {
    registerShortcut(action.key, () => (setStatus(roadmapId, topicId, action.status), true));
  }
}
