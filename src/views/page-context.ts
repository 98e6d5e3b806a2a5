/** The client entries: each page type loads only its own islands. */
export const PAGE_SCRIPTS = ['home', 'roadmap', 'topic', 'page', 'skill-test', 'review', 'plan', 'notes', 'editor', 'import', 'team'] as const;
export type PageScript = (typeof PAGE_SCRIPTS)[number];

/** A built script: its URL and the shared chunks it imports (preloaded so they arrive together). */
export interface ScriptAsset {
  src: string;
  preload: string[];
}

/** What every page needs to render its shell. */
export interface PageContext {
  assets: { css: string; scripts: Record<PageScript, ScriptAsset> };
  /** Explicit theme choice from the `mp_theme` cookie, or null to follow the system. */
  theme: 'light' | 'dark' | null;
  baseUrl: string;
  /** Keeps the page out of search engines (unlisted and private roadmaps, embeds). */
  noindex?: boolean;
}
