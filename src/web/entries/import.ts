/** The import page: its one island. */
import { RoadmapImportIsland } from '../islands/roadmap-import.js';
import { startPage } from './start-page.js';

startPage([RoadmapImportIsland]);
