import type { AppServices } from '../app-services.js';

/** What a plugin of HTML pages receives: the app's services (the page context among them). */
export interface PageRoutesOptions {
  services: AppServices;
}
