import type { FastifyRequest } from 'fastify';
import type { RoadmapView } from '../../views/roadmap-page.js';

import { THEME_COOKIE, VIEW_COOKIE } from '../../shared/preference-cookies.js';

export { THEME_COOKIE, VIEW_COOKIE };

/** The explicit theme choice stored by the toggle, or null to follow the system. */
function cookie(request: FastifyRequest, name: string): string | undefined {
  // Cookies are not parsed yet when the router itself rejects a request.
  const cookies = request.cookies as Record<string, string | undefined> | undefined;
  return cookies?.[name];
}

export function themeOf(request: FastifyRequest): 'light' | 'dark' | null {
  const value = cookie(request, THEME_COOKIE);
  return value === 'light' || value === 'dark' ? value : null;
}

/** `?view=` wins over the remembered choice; without either, CSS picks by screen width. */
export function viewOf(request: FastifyRequest): RoadmapView {
  const query = (request.query as Record<string, unknown> | undefined)?.view;
  if (query === 'diagram' || query === 'outline') return query;
  const remembered = cookie(request, VIEW_COOKIE);
  return remembered === 'diagram' || remembered === 'outline' ? remembered : 'auto';
}
