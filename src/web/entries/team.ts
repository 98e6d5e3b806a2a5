/** A team's pages: the live dashboard and the copyable invite link. */
import { CopyLinkIsland } from '../islands/copy-link.js';
import { TeamDashboardIsland } from '../islands/team-dashboard.js';
import { startPage } from './start-page.js';

startPage([TeamDashboardIsland, CopyLinkIsland]);
