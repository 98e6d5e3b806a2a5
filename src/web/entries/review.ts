/** The review page: its one island. */
import { ReviewSessionIsland } from '../islands/review-session.js';
import { startPage } from './start-page.js';

startPage([ReviewSessionIsland]);
