/**
 * Moderation of community roadmaps on both databases: a reader reports a public roadmap (not their
 * own, not a private one, once while it is open, within the rate limits); an administrator sees
 * the queue and unlists the roadmap (out of listings, its owner cannot make it public again),
 * removes another (410), or dismisses a report; the owner is mailed why, and the audit log keeps it.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../src/features/auth/user-repository.js';
import { browser, expectError, outboxFor, signUp, type SignedUp } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useTestApp } from '../helpers/test-app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(DIALECTS)('moderation on $name', ({ create }) => {
  const env = useTestApp(create);
  let root: SignedUp;
  let owner: SignedUp;
  let reader: SignedUp;
  const app = (): FastifyInstance => env.app;
  const call = (method: Method, url: string, who: SignedUp, payload?: object) =>
    app().inject({ method, url: `/api/v1${url}`, headers: browser(who.session), ...(payload ? { payload } : {}) });
  const roadmap = async (title: string, visibility: 'public' | 'unlisted' | 'private' = 'public') => {
    const made = await call('POST', '/roadmaps', owner, { title, visibility, forkOf: 'sample' });
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { id: string; url: string };
  };

  beforeAll(async () => {
    root = await signUp(env.app, { name: 'Root' });
    await new UserRepository(env.db).update(root.id, { is_admin: 1 });
    owner = await signUp(env.app, { name: 'Owen Owner' });
    reader = await signUp(env.app, { name: 'Rita Reader' });
  });

  it('takes a report of a public roadmap, once, and refuses what cannot be reported', async () => {
    const shown = await roadmap('Reportable notes');
    const hidden = await roadmap('Hidden notes', 'private');
    const sent = await call('POST', `/roadmaps/${shown.id}/reports`, reader, { reason: 'spam', details: 'Links to a shop on every topic.' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await call('POST', `/roadmaps/${shown.id}/reports`, reader, { reason: 'spam' });
    expectError(again, 409, 'conflict');
    expect(again.json().error.message).toBe('You already reported this roadmap; an administrator will look at it.');
    expectError(await call('POST', `/roadmaps/${hidden.id}/reports`, reader, { reason: 'spam' }), 404, 'not_found');
    expectError(await call('POST', '/roadmaps/sample/reports', reader, { reason: 'spam' }), 404, 'not_found');
    const own = await call('POST', `/roadmaps/${shown.id}/reports`, owner, { reason: 'spam' });
    expectError(own, 400, 'invalid_input');
    expect(own.json().error.message).toBe('This roadmap is yours: change or delete it from its editor.');
    const vague = await call('POST', `/roadmaps/${shown.id}/reports`, root, { reason: 'other', details: '   ' });
    expectError(vague, 400, 'invalid_input');
    expect(vague.json().error.message).toBe('Say what is wrong with the roadmap.');
    expectError(await call('POST', `/roadmaps/${shown.id}/reports`, root, { reason: 'boring' }), 400, 'invalid_input');
    expectError(
      await app().inject({ method: 'POST', url: `/api/v1/roadmaps/${shown.id}/reports`, payload: { reason: 'spam' } }),
      401,
      'unauthenticated',
    );

    const queue = await call('GET', '/admin/reports', root);
    expect(queue.statusCode).toBe(200);
    const report = queue.json().reports.find((r: { roadmapId: string }) => r.roadmapId === shown.id);
    expect(report).toMatchObject({
      roadmapTitle: 'Reportable notes',
      roadmapPath: `/r/${shown.id}`,
      visibility: 'public',
      ownerEmail: owner.email,
      reporterEmail: reader.email,
      reason: 'spam',
      reasonText: 'Spam or advertising',
      details: 'Links to a shop on every topic.',
      status: 'open',
      resolvedAt: null,
    });
    expectError(await call('GET', '/admin/reports', reader), 403, 'forbidden');
  });

  it('limits reports to 10 an hour per account', async () => {
    const busy = await signUp(env.app, { name: 'Busy' });
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await roadmap(`Limit ${i}`)).id);
    for (const id of ids.slice(0, 10)) expect((await call('POST', `/roadmaps/${id}/reports`, busy, { reason: 'spam' })).statusCode).toBe(201);
    const refused = await call('POST', `/roadmaps/${ids[10]}/reports`, busy, { reason: 'spam' });
    expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Dealt with, so that the other tests see only their own reports.
    for (const r of (await call('GET', '/admin/reports', root)).json().reports.filter((r: { roadmapId: string }) => ids.includes(r.roadmapId)))
      expect((await call('POST', `/admin/reports/${r.id}/resolve`, root, { action: 'dismiss' })).statusCode).toBe(200);
  });

  it('unlists a reported roadmap: out of the listing, owner told why, and it cannot be made public again', async () => {
    const target = await roadmap('Unlist me please');
    expect((await app().inject({ method: 'GET', url: '/roadmaps?q=Unlist' })).body).toContain('Unlist me please');
    await call('POST', `/roadmaps/${target.id}/reports`, reader, { reason: 'copied', details: 'Pasted from a paid course.' });
    await call('POST', `/roadmaps/${target.id}/reports`, root, { reason: 'copied' });
    const open = (await call('GET', '/admin/reports', root)).json().reports.filter((r: { roadmapId: string }) => r.roadmapId === target.id);
    expect(open).toHaveLength(2);
    const bare = await call('POST', `/admin/reports/${open[0].id}/resolve`, root, { action: 'unlist' });
    expectError(bare, 400, 'invalid_input');
    expect(bare.json().error.message).toBe('Say why, for the owner: the note goes to them by email.');

    const done = await call('POST', `/admin/reports/${open[0].id}/resolve`, root, {
      action: 'unlist',
      note: 'Most topics copy a paid course word for word.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'unlisted',
      resolutionNote: 'Most topics copy a paid course word for word.',
      visibility: 'unlisted',
    });
    // Both reports of the roadmap are dealt with together; a second decision is refused.
    expectError(await call('POST', `/admin/reports/${open[1].id}/resolve`, root, { action: 'dismiss' }), 409, 'conflict');
    expect((await call('GET', '/admin/reports', root)).json().reports.some((r: { roadmapId: string }) => r.roadmapId === target.id)).toBe(false);

    expect((await app().inject({ method: 'GET', url: '/roadmaps?q=Unlist' })).body).not.toContain('Unlist me please');
    expect((await app().inject({ method: 'GET', url: target.url })).statusCode).toBe(200);
    const back = await call('PATCH', `/roadmaps/${target.id}`, owner, { visibility: 'public' });
    expectError(back, 403, 'forbidden');
    expect(back.json().error.message).toBe('An administrator unlisted this roadmap after a report, so it cannot be made public again.');
    expect((await call('PATCH', `/roadmaps/${target.id}`, owner, { visibility: 'private' })).statusCode).toBe(200);

    await env.app.settle();
    const mail = (await outboxFor(env.db, owner.email)).filter((m) => m.subject === 'Your roadmap "Unlist me please" was unlisted');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain('The reason given:\nMost topics copy a paid course word for word.');
    expect(mail[0]!.body_text).toContain('The roadmap was reported as: Copied from someone else without permission.');
    expect(mail[0]!.body_text).not.toContain(reader.email);

    const audit = (await call('GET', '/admin/audit', root)).json().entries[0];
    expect(audit).toMatchObject({
      action: 'roadmap.unlist',
      summary: 'Unlisted a reported roadmap',
      target: { id: target.id, label: 'Unlist me please' },
    });
  });

  it('removes a reported roadmap (410), or dismisses a report and leaves it be', async () => {
    const bad = await roadmap('Remove me');
    const fine = await roadmap('Keep me');
    await call('POST', `/roadmaps/${bad.id}/reports`, reader, { reason: 'harmful' });
    await call('POST', `/roadmaps/${fine.id}/reports`, reader, { reason: 'broken', details: 'I disagree with topic two.' });
    const queue = (await call('GET', '/admin/reports', root)).json().reports;
    const badReport = queue.find((r: { roadmapId: string }) => r.roadmapId === bad.id);
    const fineReport = queue.find((r: { roadmapId: string }) => r.roadmapId === fine.id);
    expect(
      (await call('POST', `/admin/reports/${badReport.id}/resolve`, root, { action: 'remove', note: 'Instructions for breaking into systems.' }))
        .statusCode,
    ).toBe(200);
    expect((await app().inject({ method: 'GET', url: bad.url })).statusCode).toBe(410);
    expect((await call('POST', `/admin/reports/${fineReport.id}/resolve`, root, { action: 'dismiss' })).json()).toMatchObject({
      status: 'dismissed',
    });
    expect((await app().inject({ method: 'GET', url: fine.url })).statusCode).toBe(200);
    await env.app.settle();
    expect((await outboxFor(env.db, owner.email)).map((m) => m.subject)).toContain('Your roadmap "Remove me" was removed');
    expect((await outboxFor(env.db, owner.email)).map((m) => m.subject).filter((s) => s.includes('Keep me'))).toEqual([]);
    const resolved = (await call('GET', '/admin/reports?status=resolved', root)).json().reports;
    expect(resolved.find((r: { roadmapId: string }) => r.roadmapId === bad.id)).toMatchObject({ status: 'removed' });
    expectError(await call('POST', '/admin/reports/00000000-0000-4000-8000-000000000000/resolve', root, { action: 'dismiss' }), 404, 'not_found');
  });

  it('reports through the page form, and decides through the admin page', async () => {
    const target = await roadmap('Form target');
    const page = await app().inject({ method: 'GET', url: target.url });
    expect(page.body).toContain(`href="/r/${target.id}/report"`);
    const form = (url: string, who: SignedUp, payload: Record<string, string>) =>
      app().inject({
        method: 'POST',
        url,
        headers: { ...browser(who.session), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(payload).toString(),
      });
    expect((await app().inject({ method: 'GET', url: `/r/${target.id}/report` })).headers.location).toBe(`/login?next=/r/${target.id}/report`);
    const blank = await form(`/r/${target.id}/report`, reader, {});
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Choose what is wrong with the roadmap.');
    const sent = await form(`/r/${target.id}/report`, reader, { reason: 'other', details: 'Every link is broken.' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('The site’s administrators will look at “Form target”.');

    const queue = await app().inject({ method: 'GET', url: '/admin/reports', headers: browser(root.session) });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Every link is broken.');
    const id = (await call('GET', '/admin/reports', root)).json().reports.find((r: { roadmapId: string }) => r.roadmapId === target.id).id;
    const decided = await form(`/admin/reports/${id}/resolve`, root, { action: 'dismiss', note: '' });
    expect(decided.statusCode).toBe(303);
    expect(decided.headers.location).toBe('/admin/reports?notice=dismissed');
    const refused = await form(`/admin/reports/${id}/resolve`, root, { action: 'dismiss' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This report was already dealt with.');
  });
});
