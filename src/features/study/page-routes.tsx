/**
 * `/notes`: the learner's private notes across roadmaps, with a search. The page shell is the same
 * for everyone but carries the header's name, so it is rendered per request and never cached; the
 * notes themselves are read in the browser (a guest's from this browser, an account's from the API).
 */
import type { FastifyInstance } from 'fastify';
import { pageContextFor, sendPage } from '../../http/page-reply.js';
import type { PageRoutesOptions } from '../../http/page-routes-options.js';
import { NotesPage } from '../../views/notes-page.js';
import { displayName } from '../auth/auth-user.js';

export async function studyPagesPlugin(app: FastifyInstance, { services }: PageRoutesOptions): Promise<void> {
  app.get('/notes', { config: { access: 'public' } }, (request, reply) => {
    const user = request.auth?.user;
    return sendPage(reply, <NotesPage ctx={pageContextFor(services.pageContext, request)} account={user ? displayName(user) : undefined} />);
  });
}
