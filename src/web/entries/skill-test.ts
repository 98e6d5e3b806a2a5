/** The skill test page: its one island. */
import { SkillTestIsland } from '../islands/skill-test.js';
import { startPage } from './start-page.js';

startPage([SkillTestIsland]);
