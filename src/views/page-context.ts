/** What every page needs to render its shell. */
export interface PageContext {
  assets: { css: string; js: string };
  /** Explicit theme choice from the `mp_theme` cookie, or null to follow the system. */
  theme: 'light' | 'dark' | null;
  baseUrl: string;
}
