/**
 * The pages of custom roadmaps: the listing at /roadmaps with search, the form that creates one
 * (blank or a fork), the import page, the editor at /r/<id>/edit and its settings forms.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import type { Visibility } from '../../catalog/catalog-entry.js';
import { AppError } from '../../errors.js';
import { asAppError, pageContextFor, seeOther, sendPage } from '../../http/page-reply.js';
import { normalizeForSearch, queryWords } from '../../shared/search-text.js';
import { requireUser } from '../auth/auth-context.js';
import { CustomRoadmapService } from './custom-roadmap-service.js';
import { EditorPage } from './editor-page.js';
import { ImportPage } from './import-page.js';
import { NewRoadmapPage, RoadmapSettings, RoadmapsPage, type NewRoadmapForm } from './roadmaps-page.js';

const LISTED = 100;
const VisibilityField = Type.Union([Type.Literal('private'), Type.Literal('unlisted'), Type.Literal('public')]);
const NewForm = Type.Object({
  title: Type.String({ maxLength: 200 }),
  visibility: VisibilityField,
  forkOf: Type.Optional(Type.String({ maxLength: 64 })),
});
const SettingsForm = Type.Object({ title: Type.String({ maxLength: 200 }), visibility: VisibilityField });
const DeleteForm = Type.Object({ confirm: Type.String({ maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const NOTICES: Record<string, string> = { saved: 'Settings saved.', deleted: 'The roadmap was deleted.', created: 'Roadmap created.' };

export async function customRoadmapPages(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const roadmaps = new CustomRoadmapService(services);
  const ctxFor = (request: FastifyRequest) => pageContextFor(services.pageContext, request);
  const noticeOf = (request: FastifyRequest) => NOTICES[String((request.query as { notice?: unknown }).notice ?? '')] ?? null;

  app.get<{ Querystring: { q?: unknown; notice?: unknown } }>('/roadmaps', { config: { access: 'public' } }, async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 100).trim() : '';
    const words = queryWords(query);
    const official = services.catalog
      .officialEntries()
      .map((e) => e.roadmap)
      .filter((r) => {
        const text = normalizeForSearch(`${r.meta.title} ${r.meta.briefTitle} ${r.meta.description}`);
        return words.every((w) => text.includes(w));
      });
    const rows = await roadmaps.repository.listPublic(words, LISTED);
    const community = rows.map((r) => ({
      id: r.id,
      title: r.title,
      updatedAt: r.updated_at,
      author: r.public_profile === 1 ? r.username : null,
      forked: r.forked_from_id !== null,
    }));
    const user = request.auth?.user;
    const mine = user ? await roadmaps.listMine(user.id) : null;
    return sendPage(
      reply,
      <RoadmapsPage ctx={ctxFor(request)} query={query} official={official} community={community} mine={mine} notice={noticeOf(request)} />,
    );
  });

  app.get<{ Querystring: { fork?: unknown } }>('/roadmaps/new', { config: { access: 'user' } }, async (request, reply) => {
    const user = requireUser(request);
    const forkId = typeof request.query.fork === 'string' ? request.query.fork : null;
    const fork = forkId ? await services.catalog.get(forkId, { userId: user.id }) : undefined;
    if (forkId && (!fork || fork.roadmap.meta.isForkable !== true))
      throw new AppError('not_found', 'There is no roadmap with that id that may be forked.');
    const form: NewRoadmapForm = { title: fork ? `My ${fork.roadmap.meta.title}`.slice(0, 80) : '', visibility: 'private', forkOf: fork?.id ?? '' };
    return sendPage(reply, <NewRoadmapPage ctx={ctxFor(request)} form={form} fork={fork?.roadmap ?? null} />);
  });

  app.post('/roadmaps/new', { config: { access: 'session' }, schema: { body: NewForm } }, async (request, reply) => {
    const user = requireUser(request);
    const { title, visibility, forkOf } = request.body;
    try {
      const created = await roadmaps.create(user.id, { title, visibility, forkOf: forkOf || undefined });
      return seeOther(reply, `${created.editUrl}?notice=created`);
    } catch (error) {
      const problem = asAppError(error);
      const fork = forkOf ? await services.catalog.get(forkOf, { userId: user.id }) : undefined;
      const form = { title, visibility, forkOf: forkOf ?? '' };
      return sendPage(
        reply,
        <NewRoadmapPage ctx={ctxFor(request)} form={form} fork={fork?.roadmap ?? null} error={problem.message} />,
        problem.status,
      );
    }
  });

  app.get('/roadmaps/import', { config: { access: 'user' } }, async (request, reply) => {
    requireUser(request);
    return sendPage(reply, <ImportPage ctx={ctxFor(request)} />);
  });

  app.get('/r/:id/edit', { config: { access: 'user', inlineStyles: true }, schema: { params: IdParams } }, async (request, reply) => {
    const user = requireUser(request);
    const summary = await roadmaps.summary(user.id, request.params.id);
    return sendEditor(request, reply, summary, noticeOf(request));
  });

  const sendEditor = (
    request: FastifyRequest,
    reply: Parameters<typeof sendPage>[0],
    summary: Awaited<ReturnType<CustomRoadmapService['summary']>>,
    notice: string | null,
    error: string | null = null,
    status = 200,
  ) =>
    sendPage(
      reply,
      <EditorPage ctx={ctxFor(request)} roadmapId={summary.id} title={summary.title} pagePath={summary.editUrl}>
        <RoadmapSettings summary={summary} notice={notice} error={error} />
      </EditorPage>,
      status,
    );

  app.post(
    '/r/:id/settings',
    { config: { access: 'session', inlineStyles: true }, schema: { params: IdParams, body: SettingsForm } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = request.params.id;
      try {
        await roadmaps.update(user.id, id, { title: request.body.title, visibility: request.body.visibility as Visibility });
        return seeOther(reply, `/r/${id}/edit?notice=saved`);
      } catch (error) {
        const problem = asAppError(error);
        if (problem.status === 404 || problem.status === 410) throw problem;
        return sendEditor(request, reply, await roadmaps.summary(user.id, id), null, problem.message, problem.status);
      }
    },
  );

  app.post(
    '/r/:id/delete',
    { config: { access: 'session', inlineStyles: true }, schema: { params: IdParams, body: DeleteForm } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = request.params.id;
      const summary = await roadmaps.summary(user.id, id);
      if (request.body.confirm.trim() !== id) {
        return sendEditor(request, reply, summary, null, `Type the roadmap's id, ${id}, to delete it.`, 422);
      }
      await roadmaps.delete(user.id, id);
      return seeOther(reply, '/roadmaps?notice=deleted');
    },
  );
}
