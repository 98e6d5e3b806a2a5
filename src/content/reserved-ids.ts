/**
 * Ids that can never name a roadmap or a topic, because a page of the site or of a roadmap
 * already answers at that path. Roadmaps live at `/<roadmap-id>`, so every top-level path of the
 * site, present or planned, is reserved; a test checks this list against the route table.
 */

/** Top-level paths of the site: `/<id>` here is never a roadmap. */
export const RESERVED_ROADMAP_IDS: ReadonlySet<string> = new Set([
  // Pages and files served today.
  'account',
  'api',
  'assets',
  'badges',
  'diagrams',
  'favicon',
  'forgot-password',
  'fragments',
  'healthz',
  'jsons',
  'login',
  'logout',
  'og',
  'pdfs',
  'r',
  'readyz',
  'reset-password',
  'review',
  'robots',
  'search',
  'signup',
  'sitemap',
  'teams',
  'invites',
  'admin',
  'u',
  'verify-email',
  'revert-email',
  // Planned, or kept free for the product to grow into.
  'about',
  'auth',
  'docs',
  'embed',
  'export',
  'feeds',
  'help',
  'import',
  'me',
  'metrics',
  'new',
  'notes',
  'plans',
  'privacy',
  'roadmaps',
  'settings',
  'static',
  'terms',
  'users',
]);

/** Paths under a roadmap: `/<roadmap-id>/<id>` here is a page of the roadmap, never a topic. */
export const RESERVED_TOPIC_IDS: ReadonlySet<string> = new Set([
  'edit',
  'embed',
  'export',
  'faq',
  'guide',
  'plan',
  'projects',
  'questions',
  'review',
  'skill-test',
  'source',
  'versions',
]);
