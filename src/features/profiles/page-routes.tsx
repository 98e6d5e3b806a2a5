/** `/u/<username>`: the public profile page, rendered on the server. Private and unknown profiles get the site's 404. */
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { cacheBody, sendCached, type CachedBody } from '../../http/cached-body.js';
import { renderPage } from '../../http/render-page.js';
import type { PageContext } from '../../views/page-context.js';
import { ProfilePage } from '../../views/profile-page.js';
import { themeOf } from '../site/theme.js';
import { USERNAME_PATTERN } from '../account/schema.js';
import { ProfileService } from './profile-service.js';

const USERNAME_RE = new RegExp(USERNAME_PATTERN);

export async function profilePageRoutes(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const profiles = new ProfileService(services);
  // The profile cache hands out the same object until the profile changes: its pages, once per theme, live as long as it does.
  const pages = new WeakMap<object, Map<string, CachedBody>>();

  app.get<{ Params: { username: string }; Querystring: { roadmap?: unknown } }>(
    '/u/:username',
    { config: { access: 'public' } },
    async (request, reply) => {
      const { username } = request.params;
      if (!USERNAME_RE.test(username)) return reply.callNotFound();
      try {
        const profile = await profiles.publicProfile(username);
        const theme = themeOf(request);
        let byTheme = pages.get(profile);
        if (!byTheme) pages.set(profile, (byTheme = new Map()));
        // A shared link names one roadmap to show first; only roadmaps on the profile count, so the variants stay few.
        const wanted = request.query.roadmap;
        const focus = typeof wanted === 'string' && profile.roadmaps.some((r) => r.roadmapId === wanted) ? wanted : null;
        const key = `${String(theme)}/${focus ?? ''}`;
        let body = byTheme.get(key);
        if (!body) {
          const ctx: PageContext = { ...services.pageContext, theme };
          body = cacheBody(renderPage(<ProfilePage ctx={ctx} profile={profile} focus={focus} />), 'text/html; charset=utf-8', { fast: true });
          byTheme.set(key, body);
        }
        // A profile changes with every status change and can be made private at any time: always revalidate.
        return sendCached(request, reply, body, 'no-cache', { shareable: false });
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return reply.callNotFound();
        throw error;
      }
    },
  );
}
