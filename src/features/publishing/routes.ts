/**
 * What a roadmap gives to take along and to share, for any roadmap the caller may see:
 * - `GET /pdfs/roadmaps/<id>.pdf` (official) and `GET /r/<id>.pdf` (any roadmap), `?paper=a4|letter`;
 * - `GET /account/progress/<id>.pdf`: the same PDF with the signed-in learner's statuses;
 * - `GET /og/roadmaps/<id>.png` and `/og/roadmaps/<id>/<topic>.png`: OpenGraph cards (1200 × 630);
 * - `GET /diagrams/roadmaps/<id>.png`: the whole diagram;
 * - `GET /badges/u/<username>/<roadmapId>.svg`, `?theme=light|dark`: a public profile's progress.
 * Files are made once per roadmap version (and paper size), kept on disk, and sent with an ETag.
 */
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { computeLayout } from '../../content/layout.js';
import { AppError } from '../../errors.js';
import { cacheBody, etagOf, sendCached, sendRoadmapAnswer } from '../../http/cached-body.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { entriesOfRecord, percentComplete } from '../../shared/progress-rules.js';
import { USERNAME_PATTERN } from '../account/schema.js';
import { ProfileService } from '../profiles/profile-service.js';
import { ProgressService } from '../progress/progress-service.js';
import { ArtefactStore } from './artefact-store.js';
import { BADGE_THEMES, badgeSvg, type BadgeTheme } from './badge.js';
import { PAPERS, roadmapPdf, type Paper } from './roadmap-pdf.js';
import { cardSvg, diagramSvg, renderPng, roadmapCard, topicCard } from './share-images.js';

const ID = '[a-z0-9][a-z0-9-]{0,63}';
const FILES = { pdf: new RegExp(`^(${ID})\\.pdf$`), png: new RegExp(`^(${ID})\\.png$`), svg: new RegExp(`^(${ID})\\.svg$`) };
const USERNAME_RE = new RegExp(USERNAME_PATTERN);
const PDF = 'application/pdf';
const PNG = 'image/png';
/** Files of a version never change (a new version has new files), but the version behind a URL does. */
const VERSIONED = 'public, max-age=3600';
/** A learner's own PDF is made afresh each time: enough for anyone, too few to keep the line busy. */
export const PROGRESS_PDFS_PER_HOUR = 20;

function paperOf(query: unknown): Paper {
  const paper = (query as { paper?: unknown }).paper ?? 'a4';
  if (typeof paper === 'string' && Object.hasOwn(PAPERS, paper)) return paper as Paper;
  throw new AppError('invalid_input', 'paper must be "a4" or "letter".');
}

function idOf(file: string, extension: keyof typeof FILES): string {
  const id = FILES[extension].exec(file)?.[1];
  if (!id) throw new AppError('not_found', 'Nothing was found at this address.');
  return id;
}

/** The file name a download is saved under. */
function attachmentName(entry: CatalogEntry, suffix: string): string {
  return `${entry.id}-roadmap${suffix}`;
}

export async function publishingRoutes(app: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const { catalog, config } = services;
  const store = new ArtefactStore(path.join(config.cacheDir, 'roadmaps'));
  const profiles = new ProfileService(services);
  const progress = new ProgressService(services);
  const layoutOf = (entry: CatalogEntry) => catalog.derived.get(entry, 'layout', () => computeLayout(entry.roadmap));

  /** The official roadmap a fork was made from, by title; a user source is never named, as it may be unlisted. */
  const basedOn = (entry: CatalogEntry): string | undefined =>
    entry.forkedFrom ? catalog.officialEntry(entry.forkedFrom.id)?.roadmap.meta.title : undefined;

  async function visible(request: FastifyRequest, id: string): Promise<CatalogEntry> {
    const entry = await catalog.get(id, { userId: request.auth?.user.id ?? null });
    if (!entry) throw new AppError('not_found', `There is no roadmap "${id}".`);
    return entry;
  }

  async function sendPdf(request: FastifyRequest, reply: FastifyReply, entry: CatalogEntry) {
    const paper = paperOf(request.query);
    const body = await store.get(entry, `${paper}.pdf`, PDF, 'pdf', () =>
      roadmapPdf(entry, layoutOf(entry), { paper, baseUrl: config.baseUrl, date: services.clock(), basedOn: basedOn(entry) }),
    );
    reply.header('content-disposition', `inline; filename="${attachmentName(entry, paper === 'a4' ? '' : `-${paper}`)}.pdf"`);
    return sendRoadmapAnswer(request, reply, entry, body, VERSIONED);
  }

  app.get<{ Params: { file: string } }>('/pdfs/roadmaps/:file', { config: { access: 'public' } }, async (request, reply) => {
    const entry = catalog.officialEntry(idOf(request.params.file, 'pdf'));
    if (!entry) throw new AppError('not_found', 'There is no official roadmap with that id.');
    return sendPdf(request, reply, entry);
  });

  app.get<{ Params: { roadmapId: string } }>('/r/:roadmapId.pdf', { config: { access: 'public' } }, async (request, reply) =>
    sendPdf(request, reply, await visible(request, request.params.roadmapId)),
  );

  app.get<{ Params: { file: string } }>('/account/progress/:file', { config: { access: 'user' } }, async (request, reply) => {
    const user = request.auth!.user;
    const entry = await visible(request, idOf(request.params.file, 'pdf'));
    const paper = paperOf(request.query);
    await consumeLimit(
      services.counters,
      `progress-pdfs:${user.id}`,
      PROGRESS_PDFS_PER_HOUR,
      3_600_000,
      `At most ${PROGRESS_PDFS_PER_HOUR} PDFs with your progress an hour. Try again later.`,
    );
    const document = await progress.get(user.id, entry.id);
    const entries = entriesOfRecord(document.topics, entry.roadmap.index);
    // Requests for the same progress share one render.
    const bytes = await store.once('pdf', `${user.id}/${entry.id}@${entry.hash}/${paper}/${etagOf(JSON.stringify(document.topics))}`, () =>
      roadmapPdf(entry, layoutOf(entry), {
        paper,
        basedOn: basedOn(entry),
        baseUrl: config.baseUrl,
        date: services.clock(),
        progress: { owner: user.name || user.username || 'you', entries },
      }),
    );
    return reply
      .header('content-type', PDF)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="${attachmentName(entry, '-progress')}.pdf"`)
      .send(bytes);
  });

  app.get<{ Params: { file: string } }>('/og/roadmaps/:file', { config: { access: 'public' } }, async (request, reply) => {
    const entry = await visible(request, idOf(request.params.file, 'png'));
    const body = await store.get(entry, 'og.png', PNG, 'image', () => renderPng(cardSvg(roadmapCard(entry.roadmap))));
    return sendRoadmapAnswer(request, reply, entry, body, VERSIONED);
  });

  app.get<{ Params: { id: string; file: string } }>('/og/roadmaps/:id/:file', { config: { access: 'public' } }, async (request, reply) => {
    const entry = await visible(request, request.params.id);
    const topic = entry.roadmap.topics.get(idOf(request.params.file, 'png'));
    if (!topic) throw new AppError('not_found', `The roadmap "${entry.id}" has no such topic.`);
    const body = await store.get(entry, `og-${topic.id}.png`, PNG, 'image', () => renderPng(cardSvg(topicCard(entry.roadmap, topic))));
    return sendRoadmapAnswer(request, reply, entry, body, VERSIONED);
  });

  app.get<{ Params: { file: string } }>('/diagrams/roadmaps/:file', { config: { access: 'public' } }, async (request, reply) => {
    const entry = await visible(request, idOf(request.params.file, 'png'));
    const body = await store.get(entry, 'diagram.png', PNG, 'image', () => renderPng(diagramSvg(entry.roadmap, layoutOf(entry))));
    reply.header('content-disposition', `inline; filename="${attachmentName(entry, '-diagram')}.png"`);
    return sendRoadmapAnswer(request, reply, entry, body, VERSIONED);
  });

  app.get<{ Params: { username: string; file: string }; Querystring: { theme?: string } }>(
    '/badges/u/:username/:file',
    { config: { access: 'public' } },
    async (request, reply) => {
      const { username } = request.params;
      const theme = request.query.theme ?? 'light';
      if (!(BADGE_THEMES as readonly string[]).includes(theme)) throw new AppError('invalid_input', 'theme must be "light" or "dark".');
      if (!USERNAME_RE.test(username)) throw new AppError('not_found', 'There is no public profile with this username.');
      const roadmapId = idOf(request.params.file, 'svg');
      // Public roadmaps only: a badge is for everyone to see, so it never shows a private or unlisted one.
      const entry = await catalog.get(roadmapId);
      if (!entry || entry.visibility !== 'public') throw new AppError('not_found', `There is no public roadmap "${roadmapId}".`);
      const profile = await profiles.publicProfile(username);
      const summary = profile.roadmaps.find((r) => r.roadmapId === entry.id);
      const percent = summary ? percentComplete(summary.done + summary.skipped, summary.total) : 0;
      const body = cacheBody(badgeSvg(entry.roadmap.meta.briefTitle, `${percent} % done`, theme as BadgeTheme), 'image/svg+xml; charset=utf-8', {
        fast: true,
      });
      // Progress moves: a short max-age, then revalidation by ETag.
      return sendCached(request, reply, body, 'public, max-age=300', { shareable: false });
    },
  );
}
