/** The study plan page: its one island. */
import { StudyPlannerIsland } from '../islands/study-planner.js';
import { startPage } from './start-page.js';

startPage([StudyPlannerIsland]);
