/** `/u/<username>`: the public profile page, rendered on the server. Private and unknown profiles get the site's 404. */
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { renderPage } from '../../http/render-page.js';
import type { PageContext } from '../../views/page-context.js';
import { ProfilePage } from '../../views/profile-page.js';
import { themeOf } from '../site/theme.js';
import { USERNAME_PATTERN } from '../account/schema.js';
import { ProfileService } from './profile-service.js';

const USERNAME_RE = new RegExp(USERNAME_PATTERN);

export async function profilePageRoutes(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const profiles = new ProfileService(services);

  app.get<{ Params: { username: string } }>('/u/:username', { config: { access: 'public' } }, async (request, reply) => {
    const { username } = request.params;
    if (!USERNAME_RE.test(username)) return reply.callNotFound();
    try {
      const profile = await profiles.publicProfile(username);
      const ctx: PageContext = { ...services.pageContext, theme: themeOf(request) };
      // A profile changes with every status change and can be made private at any time: always revalidate.
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(renderPage(<ProfilePage ctx={ctx} profile={profile} />));
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return reply.callNotFound();
      throw error;
    }
  });
}
