/** Pages with no islands of their own (guide, projects, search, account pages, profiles, errors). */
import { startPage } from './start-page.js';

startPage();
