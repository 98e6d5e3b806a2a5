/**
 * Teams over HTTP, on both databases, with the app's clock under the test's control: creating a
 * team and its slug, invites (links, mail, uses, expiry, revocation, declining), roles and leaving,
 * the guard's 404 for non-members, assigning roadmaps, the team's progress and who sees which rows,
 * and the rate limits.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { WHAT_THE_TEAM_SEES } from '../../src/features/teams/invite-service.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { expectError, outboxFor } from '../helpers/accounts.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { buildTestApp } from '../helpers/test-app.js';

const NOW = Date.parse('2026-12-16T12:00:00.000Z');
const DAY = 86_400_000;

describe.each(DIALECTS)('teams on $name', ({ create }) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let db: Database;
  let contentDir: string;
  let now = NOW;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await create();
    app = await buildTestApp({ db: testDb, contentDir, deps: { clock: () => new Date(now) } });
    db = openDatabase(testDb.config);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await testDb.drop();
    removeDir(contentDir);
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, user: TestUser, payload?: unknown) =>
    app.inject({ method, url: `/api/v1${url}`, headers: user.bearer, ...(payload === undefined ? {} : { payload: payload as object }) });
  const user = (name: string) => createSignedInUser(db, { name });
  const newTeam = async (owner: TestUser, name: string, slug?: string) => {
    const response = await call('POST', '/teams', owner, slug ? { name, slug } : { name });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; slug: string };
  };
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const invite = async (by: TestUser, teamId: string, body: object = {}) => {
    const response = await call('POST', `/teams/${teamId}/invites`, by, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; url: string; expiresAt: string; maxUses: number | null };
  };
  const join = async (member: TestUser, teamId: string, owner: TestUser) => {
    const { url } = await invite(owner, teamId);
    expect((await call('POST', `/invites/${tokenOf(url)}/accept`, member)).statusCode).toBe(200);
  };
  const status = (who: TestUser, topicId: string, value: string) => call('PUT', `/me/progress/sample/topics/${topicId}`, who, { status: value });

  it('creates a team with a slug from its name, lists it, and refuses a slug that is taken', async () => {
    const owner = await user('Olga Owner');
    const created = await call('POST', '/teams', owner, { name: 'Café Backend Crew' });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slug: 'cafe-backend-crew',
      name: 'Café Backend Crew',
      leaderboard: false,
      role: 'owner',
      members: 1,
      roadmaps: [],
      createdAt: '2026-12-16T12:00:00.000Z',
      updatedAt: '2026-12-16T12:00:00.000Z',
    });
    // The same name again gets a slug of its own; a slug asked for that is taken is a 409.
    const again = (await call('POST', '/teams', owner, { name: 'Café Backend Crew' })).json();
    expect(again.slug).toMatch(/^cafe-backend-crew-[0-9a-f]{6}$/);
    expectError(await call('POST', '/teams', owner, { name: 'Other', slug: 'cafe-backend-crew' }), 409, 'conflict');
    const chosen = await call('POST', '/teams', owner, { name: 'Other', slug: 'night-owls' });
    expect(chosen.json().slug).toBe('night-owls');
    const list = (await call('GET', '/me/teams', owner)).json();
    expect(list.teams.map((t: { slug: string }) => t.slug).sort()).toEqual([again.slug, 'cafe-backend-crew', 'night-owls'].sort());
    expect(list.teams.find((t: { slug: string }) => t.slug === 'night-owls')).toEqual({
      id: chosen.json().id,
      slug: 'night-owls',
      name: 'Other',
      role: 'owner',
      members: 1,
    });
    // The owner renames it; another team's slug is refused.
    const patched = await call('PATCH', `/teams/${team.id}`, owner, { name: 'Crew', leaderboard: true });
    expect(patched.json()).toMatchObject({ name: 'Crew', slug: 'cafe-backend-crew', leaderboard: true });
    expectError(await call('PATCH', `/teams/${team.id}`, owner, { slug: 'night-owls' }), 409, 'conflict');
  });

  it('joins by an invite link, counts its uses, and refuses it once used up, expired or revoked', async () => {
    const owner = await user('Olga');
    const team = await newTeam(owner, 'Invite Team');
    expect((await call('PUT', `/teams/${team.id}/roadmaps/sample`, owner, {})).statusCode).toBe(200);
    const link = await invite(owner, team.id, { maxUses: 2 });
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/invites\/inv_[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toBe(new Date(NOW + 7 * DAY).toISOString());
    expect(link.maxUses).toBe(2);
    // Only the hash is stored.
    const stored = await db.selectFrom('team_invites').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tokenOf(link.url));

    const first = await user('Fay');
    const preview = await call('GET', `/invites/${tokenOf(link.url)}`, first);
    expect(preview.json()).toEqual({
      team: { name: 'Invite Team', slug: 'invite-team' },
      invitedBy: 'Olga',
      expiresAt: link.expiresAt,
      sees: WHAT_THE_TEAM_SEES,
      roadmaps: ['Sample Developer'],
    });
    const accepted = await call('POST', `/invites/${tokenOf(link.url)}/accept`, first);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: team.id, role: 'member', members: 2 });
    expect((await db.selectFrom('team_invites').select('uses').where('id', '=', link.id).executeTakeFirstOrThrow()).uses).toBe(1);
    // A second accept by the same member changes nothing.
    const twice = await call('POST', `/invites/${tokenOf(link.url)}/accept`, first);
    expectError(twice, 409, 'conflict');
    expect(twice.json().error.message).toBe('You are already a member of "Invite Team".');
    expect((await db.selectFrom('team_invites').select('uses').where('id', '=', link.id).executeTakeFirstOrThrow()).uses).toBe(1);

    const second = await user('Sam');
    expect((await call('POST', `/invites/${tokenOf(link.url)}/accept`, second)).statusCode).toBe(200);
    const late = await user('Lee');
    const usedUp = await call('POST', `/invites/${tokenOf(link.url)}/accept`, late);
    expectError(usedUp, 410, 'gone');
    expect(usedUp.json().error.message).toBe('This invite has been used up. Ask the team for a new one.');
    expectError(await call('GET', `/teams/${team.id}`, late), 404, 'not_found');

    // Expired, by the app's clock.
    const short = await invite(owner, team.id, { expiresInDays: 1 });
    now = NOW + DAY + 1;
    try {
      const expired = await call('POST', `/invites/${tokenOf(short.url)}/accept`, late);
      expectError(expired, 410, 'gone');
      expect(expired.json().error.message).toBe('This invite has expired. Ask the team for a new one.');
      expectError(await call('GET', `/invites/${tokenOf(short.url)}`, late), 410, 'gone');
    } finally {
      now = NOW;
    }

    // Revoked: it leaves the list of active invites, and admits nobody.
    const revocable = await invite(owner, team.id);
    const active = (await call('GET', `/teams/${team.id}/invites`, owner)).json();
    expect(active.invites.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([revocable.id, short.id]));
    expect(active.invites.map((i: { id: string }) => i.id)).not.toContain(link.id);
    expect(JSON.stringify(active)).not.toContain('inv_');
    expect((await call('DELETE', `/teams/${team.id}/invites/${revocable.id}`, owner)).statusCode).toBe(204);
    const revoked = await call('POST', `/invites/${tokenOf(revocable.url)}/accept`, late);
    expectError(revoked, 410, 'gone');
    expect(revoked.json().error.message).toBe('This invite was revoked. Ask the team for a new one.');
    expect((await call('GET', `/teams/${team.id}/invites`, owner)).json().invites.map((i: { id: string }) => i.id)).not.toContain(revocable.id);
    expect((await call('GET', `/teams/${team.id}/members`, owner)).json().counts).toEqual({ owners: 1, mentors: 0, members: 2, total: 3 });
  });

  it('mails an email invite through the outbox with its link, and declining changes nothing', async () => {
    const owner = await user('Olga');
    const team = await newTeam(owner, 'Mail Team');
    const sent = await invite(owner, team.id, { email: 'Invitee@Example.org' });
    expect(sent.maxUses).toBe(1);
    await app.settle();
    const mail = await outboxFor(db, 'invitee@example.org');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Olga invited you to the team "Mail Team" on Milepost');
    expect(mail[0]?.body_text).toContain(sent.url);

    const invitee = await user('Ivy');
    expect((await call('POST', `/invites/${tokenOf(sent.url)}/decline`, invitee)).statusCode).toBe(204);
    expectError(await call('GET', `/teams/${team.id}`, invitee), 404, 'not_found');
    expect((await db.selectFrom('team_invites').select('uses').where('id', '=', sent.id).executeTakeFirstOrThrow()).uses).toBe(0);
    expect((await call('POST', `/invites/${tokenOf(sent.url)}/accept`, invitee)).statusCode).toBe(200);
    expectError(await call('POST', '/invites/inv_unknownunknownunknown/accept', invitee), 404, 'not_found');
  });

  it('keeps roles straight: mentors remove members only, the last owner stays until someone else owns', async () => {
    const owner = await user('Olga');
    const mentor = await user('Mia');
    const member = await user('Max');
    const team = await newTeam(owner, 'Roles');
    await join(mentor, team.id, owner);
    await join(member, team.id, owner);
    expect((await call('PATCH', `/teams/${team.id}/members/${mentor.row.id}`, owner, { role: 'mentor' })).json()).toEqual({
      userId: mentor.row.id,
      name: 'Mia',
      role: 'mentor',
      joinedAt: '2026-12-16T12:00:00.000Z',
    });
    // A member cannot invite or change roles; a mentor can invite but not change roles.
    expectError(await call('POST', `/teams/${team.id}/invites`, member, {}), 403, 'forbidden');
    expectError(await call('PATCH', `/teams/${team.id}/members/${member.row.id}`, mentor, { role: 'owner' }), 403, 'forbidden');
    expectError(await call('DELETE', `/teams/${team.id}/members/${owner.row.id}`, mentor), 403, 'forbidden');
    expectError(await call('DELETE', `/teams/${team.id}/members/${mentor.row.id}`, member), 403, 'forbidden');
    // The last owner can neither step down nor leave.
    expectError(await call('PATCH', `/teams/${team.id}/members/${owner.row.id}`, owner, { role: 'member' }), 409, 'conflict');
    const leave = await call('DELETE', `/teams/${team.id}/members/${owner.row.id}`, owner);
    expectError(leave, 409, 'conflict');
    expect(leave.json().error.message).toContain('last owner');
    // Owners and mentors see every member, never an email; a member sees themself.
    const all = (await call('GET', `/teams/${team.id}/members`, mentor)).json();
    expect(all.members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(['Olga:owner', 'Mia:mentor', 'Max:member']);
    expect(JSON.stringify(all)).not.toContain('@');
    expect((await call('GET', `/teams/${team.id}/members`, member)).json()).toEqual({
      members: [{ userId: member.row.id, name: 'Max', role: 'member', joinedAt: '2026-12-16T12:00:00.000Z' }],
      counts: { owners: 1, mentors: 1, members: 1, total: 3 },
    });
    // Transfer, then leave.
    expect((await call('PATCH', `/teams/${team.id}/members/${mentor.row.id}`, owner, { role: 'owner' })).statusCode).toBe(200);
    expect((await call('DELETE', `/teams/${team.id}/members/${owner.row.id}`, owner)).statusCode).toBe(204);
    expectError(await call('GET', `/teams/${team.id}`, owner), 404, 'not_found');
    expect((await call('GET', `/teams/${team.id}`, mentor)).json().role).toBe('owner');
    // A mentor removes a member, whose access ends at once.
    expect((await call('GET', `/teams/${team.id}/progress`, member)).statusCode).toBe(200);
    expect((await call('DELETE', `/teams/${team.id}/members/${member.row.id}`, mentor)).statusCode).toBe(204);
    for (const url of [`/teams/${team.id}`, `/teams/${team.id}/progress`, `/teams/${team.id}/members`])
      expectError(await call('GET', url, member), 404, 'not_found');
    // Deleting names the slug; it takes every row of the team with it.
    expectError(await call('DELETE', `/teams/${team.id}`, mentor, { confirm: 'wrong' }), 400, 'invalid_input');
    expect((await call('DELETE', `/teams/${team.id}?confirm=roles`, mentor)).statusCode).toBe(204);
    expect(await db.selectFrom('team_members').select('user_id').where('team_id', '=', team.id).execute()).toEqual([]);
    expectError(await call('GET', `/teams/${team.id}`, mentor), 404, 'not_found');
  });

  it('answers 404 on every team route to someone who is not a member, even knowing the id', async () => {
    const owner = await user('Olga');
    const stranger = await user('Stan');
    const team = await newTeam(owner, 'Closed');
    const { id: inviteId } = await invite(owner, team.id);
    const t = `/teams/${team.id}`;
    const routes: ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', t],
      ['PATCH', t, { name: 'Mine' }],
      ['DELETE', t, { confirm: 'closed' }],
      ['GET', `${t}/members`],
      ['PATCH', `${t}/members/${owner.row.id}`, { role: 'member' }],
      ['DELETE', `${t}/members/${owner.row.id}`],
      ['POST', `${t}/invites`, {}],
      ['GET', `${t}/invites`],
      ['DELETE', `${t}/invites/${inviteId}`],
      ['PUT', `${t}/roadmaps/sample`, {}],
      ['DELETE', `${t}/roadmaps/sample`],
      ['GET', `${t}/progress`],
    ];
    for (const [method, url, body] of routes) expectError(await call(method, url, stranger, body), 404, 'not_found');
    expect((await call('GET', t, owner)).json().name).toBe('Closed');
  });

  it('shows the owner every member’s counts and a member only their own, with team totals for all', async () => {
    const owner = await user('Olga');
    const ann = await user('Ann');
    const bob = await user('Bob');
    const team = await newTeam(owner, 'Progress Team');
    await join(ann, team.id, owner);
    await join(bob, team.id, owner);
    const assigned = await call('PUT', `/teams/${team.id}/roadmaps/sample`, owner, { targetDate: '2027-03-01', optionalSections: ['advanced'] });
    expect(assigned.json().roadmaps).toEqual([
      {
        id: 'sample',
        title: 'Sample Developer',
        url: '/sample',
        targetDate: '2027-03-01',
        optionalSections: ['advanced'],
        assignedAt: '2026-12-16T12:00:00.000Z',
      },
    ]);
    for (const [who, topic, value] of [
      [ann, 'alpha', 'done'],
      [ann, 'alpha-one', 'skipped'],
      [ann, 'gamma', 'learning'],
      [bob, 'beta', 'done'],
    ] as const)
      expect((await status(who, topic, value)).statusCode).toBe(200);
    // Progress on a roadmap the team was not given is never read.
    expect((await call('PUT', '/me/progress/other/topics/other-topic', bob, { status: 'done' })).statusCode).toBeLessThan(500);

    const full = (await call('GET', `/teams/${team.id}/progress`, owner)).json();
    expect(full.roadmaps).toEqual([
      {
        id: 'sample',
        title: 'Sample Developer',
        targetDate: '2027-03-01',
        sections: [
          { id: 'basics', title: 'The Basics', total: 5, optional: false },
          { id: 'advanced', title: 'Advanced Things', total: 2, optional: true },
        ],
      },
    ]);
    const counts = (rows: { name: string; roadmaps: Record<string, unknown> }[]) => Object.fromEntries(rows.map((r) => [r.name, r.roadmaps]));
    expect(counts(full.members)).toEqual({
      Olga: {
        sample: {
          done: 0,
          learning: 0,
          skipped: 0,
          complete: 0,
          total: 7,
          percent: 0,
          sections: { basics: { complete: 0, total: 5 }, advanced: { complete: 0, total: 2 } },
        },
      },
      Ann: {
        sample: {
          done: 1,
          learning: 1,
          skipped: 1,
          complete: 2,
          total: 7,
          percent: 28,
          sections: { basics: { complete: 2, total: 5 }, advanced: { complete: 0, total: 2 } },
        },
      },
      Bob: {
        sample: {
          done: 1,
          learning: 0,
          skipped: 0,
          complete: 1,
          total: 7,
          percent: 14,
          sections: { basics: { complete: 1, total: 5 }, advanced: { complete: 0, total: 2 } },
        },
      },
    });
    expect(full.members.find((m: { name: string }) => m.name === 'Ann').lastActiveAt).toEqual(expect.any(String));
    expect(full.members.find((m: { name: string }) => m.name === 'Olga').lastActiveAt).toBeNull();
    expect(full.totals).toEqual({ sample: { complete: 3, total: 21, members: 3 } });
    expect(JSON.stringify(full)).not.toContain('other');

    const own = (await call('GET', `/teams/${team.id}/progress`, ann)).json();
    expect(own.members.map((m: { name: string }) => m.name)).toEqual(['Ann']);
    expect(own.totals).toEqual(full.totals);

    // Unassigned, the roadmap's progress is no longer read.
    expect((await call('DELETE', `/teams/${team.id}/roadmaps/sample`, owner)).statusCode).toBe(204);
    expect((await call('GET', `/teams/${team.id}/progress`, owner)).json()).toMatchObject({ roadmaps: [], totals: {} });
  });

  it('refuses to assign a private user roadmap, but takes it once unlisted', async () => {
    const owner = await user('Olga');
    const team = await newTeam(owner, 'Custom');
    const made = await call('POST', '/roadmaps', owner, { title: 'Secret Shell', visibility: 'private' });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const refused = await call('PUT', `/teams/${team.id}/roadmaps/${id}`, owner, {});
    expectError(refused, 422, 'roadmap_private');
    expect(refused.json().error.message).toBe(`"Secret Shell" is private, so the team's members could not see it. Make it public or unlisted first.`);
    expectError(await call('PUT', `/teams/${team.id}/roadmaps/no-such-roadmap`, owner, {}), 404, 'not_found');
    expectError(await call('PUT', `/teams/${team.id}/roadmaps/sample`, owner, { optionalSections: ['nope'] }), 400, 'invalid_input');
    expect((await call('PATCH', `/roadmaps/${id}`, owner, { visibility: 'unlisted' })).statusCode).toBe(200);
    const taken = await call('PUT', `/teams/${team.id}/roadmaps/${id}`, owner, {});
    expect(taken.json().roadmaps.map((r: { title: string }) => r.title)).toEqual(['Secret Shell']);
  });

  it('limits new teams and invites per account with 429 and Retry-After', async () => {
    const busy = await user('Busy');
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++) last = await call('POST', '/teams', busy, { name: `Team ${i}` });
    expectError(last!, 429, 'rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    const teams = (await call('GET', '/me/teams', busy)).json().teams;
    expect(teams).toHaveLength(10);
    for (let i = 0; i < 30; i++) await invite(busy, teams[0].id);
    expectError(await call('POST', `/teams/${teams[0].id}/invites`, busy, {}), 429, 'rate_limited');
  });
});
