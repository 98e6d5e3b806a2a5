/**
 * Teams over HTTP, on both databases, with the app's clock under the test's control: creating a
 * team and its slug, invites (links, mail, uses, expiry, revocation, declining), roles and leaving,
 * the guard's 404 for non-members, assigning roadmaps, the team's progress and who sees which rows,
 * the activity feed and the leaderboard, both CSV exports, handing a team over (and what becomes of
 * a team whose only owner deletes their account), the team pages and their forms, a race for the
 * last uses of an invite, and the rate limits.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { WHAT_THE_TEAM_SEES } from '../../src/features/teams/invite-service.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { browser, expectError, outboxFor, signUp } from '../helpers/accounts.js';
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
      ['GET', `${t}/progress.csv`],
      ['GET', `${t}/activity`],
      ['GET', `${t}/activity.csv`],
      ['GET', `${t}/events`],
      ['POST', `${t}/transfer`, { userId: stranger.row.id }],
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
        url: '/sample',
        targetDate: '2027-03-01',
        assignedAt: '2026-12-16T12:00:00.000Z',
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
          sections: { basics: { done: 0, complete: 0, total: 5 }, advanced: { done: 0, complete: 0, total: 2 } },
          pace: { state: 'on-track', behindHours: 0, label: 'on track' },
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
          sections: { basics: { done: 1, complete: 2, total: 5 }, advanced: { done: 0, complete: 0, total: 2 } },
          pace: { state: 'ahead', behindHours: -5, label: '5 h ahead' },
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
          sections: { basics: { done: 1, complete: 1, total: 5 }, advanced: { done: 0, complete: 0, total: 2 } },
          pace: { state: 'ahead', behindHours: -5, label: '5 h ahead' },
        },
      },
    });
    expect(full.members.find((m: { name: string }) => m.name === 'Ann').lastActiveAt).toEqual(expect.any(String));
    expect(full.members.find((m: { name: string }) => m.name === 'Olga').lastActiveAt).toBeNull();
    expect(full.totals).toEqual({ sample: { complete: 3, total: 21, members: 3 } });
    expect(JSON.stringify(full)).not.toContain('other');

    expect(full.role).toBe('owner');
    expect(full.leaderboard).toBeNull();

    const own = (await call('GET', `/teams/${team.id}/progress`, ann)).json();
    expect(own.members.map((m: { name: string }) => m.name)).toEqual(['Ann']);
    expect(own.totals).toEqual(full.totals);
    expect(own.role).toBe('member');

    // Halfway to the target date (38 of 76 days), half of the 13.5 required hours are due: 6.75 h.
    // Ann finished 5 h (alpha 3 h done, alpha-one 2 h skipped), Bob 4.5 h (beta), Olga none.
    now = Date.parse('2027-01-23T09:00:00.000Z');
    try {
      const later = (await call('GET', `/teams/${team.id}/progress`, owner)).json();
      const paces = Object.fromEntries(
        later.members.map((m: { name: string; roadmaps: { sample: { pace: unknown } } }) => [m.name, m.roadmaps.sample.pace]),
      );
      expect(paces).toEqual({
        Olga: { state: 'behind', behindHours: 7, label: '7 h behind' },
        Ann: { state: 'behind', behindHours: 2, label: '2 h behind' },
        Bob: { state: 'behind', behindHours: 2, label: '2 h behind' },
      });
    } finally {
      now = NOW;
    }

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
  const csvLines = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    return response.rawPayload.subarray(3).toString('utf8').split('\r\n');
  };

  it('lists who finished what this week, exports it and the matrix as CSV, and shows a member only their own', async () => {
    const owner = await user('Olga');
    const ann = await user('=Ann');
    const bob = await user('Bob, "B"');
    const team = await newTeam(owner, 'Feed Team');
    await join(ann, team.id, owner);
    await join(bob, team.id, owner);
    await call('PUT', `/teams/${team.id}/roadmaps/sample`, owner, {});
    try {
      now = NOW - 9 * DAY;
      await status(ann, 'alpha-two', 'done'); // nine days ago: not this week
      now = NOW - 2 * DAY;
      await status(ann, 'alpha', 'done');
      now = NOW - DAY;
      await status(bob, 'beta', 'done');
      await status(bob, 'gamma', 'learning'); // not finished
    } finally {
      now = NOW;
    }
    const feed = (await call('GET', `/teams/${team.id}/activity`, owner)).json();
    expect(feed).toEqual({
      since: '2026-12-09T12:00:00.000Z',
      events: [
        {
          userId: bob.row.id,
          name: 'Bob, "B"',
          roadmapId: 'sample',
          roadmapTitle: 'Sample Developer',
          topicId: 'beta',
          topicTitle: 'Beta',
          url: '/sample/beta',
          at: '2026-12-15T12:00:00.000Z',
        },
        expect.objectContaining({ userId: ann.row.id, topicId: 'alpha', at: '2026-12-14T12:00:00.000Z' }),
      ],
    });
    expect((await call('GET', `/teams/${team.id}/activity?days=30`, owner)).json().events).toHaveLength(3);
    expectError(await call('GET', `/teams/${team.id}/activity?days=91`, owner), 400, 'invalid_input');
    expect((await call('GET', `/teams/${team.id}/activity`, ann)).json().events.map((e: { topicId: string }) => e.topicId)).toEqual(['alpha']);

    const activity = await call('GET', `/teams/${team.id}/activity.csv`, owner);
    expect(activity.headers['content-disposition']).toBe('attachment; filename="feed-team-activity-2026-12-16.csv"');
    expect(csvLines(activity)).toEqual([
      'Time,Member,Roadmap,Topic,Status',
      '2026-12-15T12:00:00.000Z,"Bob, ""B""",Sample Developer,Beta,done',
      "2026-12-14T12:00:00.000Z,'=Ann,Sample Developer,Alpha,done",
      '',
    ]);

    const matrix = await call('GET', `/teams/${team.id}/progress.csv`, owner);
    expect(matrix.headers['content-disposition']).toBe('attachment; filename="feed-team-progress-2026-12-16.csv"');
    const lines = csvLines(matrix);
    const s = 'Sample Developer';
    expect(lines[0]).toBe(
      `Name,Last active,${s}: done,${s}: learning,${s}: skipped,${s}: total,${s}: percent,` +
        `${s}: The Basics: done,${s}: The Basics: total,${s}: Advanced Things: done,${s}: Advanced Things: total`,
    );
    expect(lines.slice(1)).toEqual([
      "'=Ann,2026-12-14T12:00:00.000Z,2,0,0,7,28,2,5,0,2",
      '"Bob, ""B""",2026-12-15T12:00:00.000Z,1,1,0,7,14,1,5,0,2',
      'Olga,,0,0,0,7,0,0,5,0,2',
      '',
    ]);
    // A member's export holds their own row only.
    expect(csvLines(await call('GET', `/teams/${team.id}/progress.csv`, ann)).slice(1)).toEqual([
      "'=Ann,2026-12-14T12:00:00.000Z,2,0,0,7,28,2,5,0,2",
      '',
    ]);
  });

  it('shows members a leaderboard only once the owner turns it on, with their own place', async () => {
    const owner = await user('Olga');
    const [ann, bob, cid] = await Promise.all(['Ann', 'Bob', 'Cid'].map((n) => user(n)));
    const team = await newTeam(owner, 'Board');
    for (const m of [ann!, bob!, cid!]) await join(m, team.id, owner);
    await call('PUT', `/teams/${team.id}/roadmaps/sample`, owner, {});
    await status(bob!, 'alpha', 'done');
    await status(bob!, 'beta', 'done');
    await status(cid!, 'alpha', 'done');
    expect((await call('GET', `/teams/${team.id}/progress`, ann!)).json().leaderboard).toBeNull();
    expectError(await call('PATCH', `/teams/${team.id}`, ann!, { leaderboard: true }), 403, 'forbidden');
    expect((await call('PATCH', `/teams/${team.id}`, owner, { leaderboard: true })).json().leaderboard).toBe(true);
    const seen = (await call('GET', `/teams/${team.id}/progress`, ann!)).json();
    expect(seen.members.map((m: { name: string }) => m.name)).toEqual(['Ann']);
    expect(seen.leaderboard).toEqual([
      { place: 1, name: 'Bob', you: false, complete: 2, total: 7, percent: 28 },
      { place: 2, name: 'Cid', you: false, complete: 1, total: 7, percent: 14 },
      { place: 3, name: 'Ann', you: true, complete: 0, total: 7, percent: 0 },
      { place: 3, name: 'Olga', you: false, complete: 0, total: 7, percent: 0 },
    ]);
  });

  it('hands a team over, exports memberships, and passes a team on when its only owner deletes their account', async () => {
    const owner = await user('Olga');
    const mentor = await user('Max');
    const leaving = await signUp(app, { name: 'Lee' });
    const lee = { session: browser(leaving.session), bearer: browser(leaving.session), row: { id: leaving.id } } as unknown as TestUser;
    const team = await newTeam(owner, 'Handover');
    await join(lee, team.id, owner);
    now = NOW + 60_000;
    try {
      await join(mentor, team.id, owner);
    } finally {
      now = NOW;
    }
    expect((await call('PATCH', `/teams/${team.id}/members/${mentor.row.id}`, owner, { role: 'mentor' })).statusCode).toBe(200);
    expectError(await call('POST', `/teams/${team.id}/transfer`, owner, { userId: owner.row.id }), 400, 'invalid_input');
    expectError(await call('POST', `/teams/${team.id}/transfer`, mentor, { userId: mentor.row.id }), 403, 'forbidden');
    const handed = await call('POST', `/teams/${team.id}/transfer`, owner, { userId: lee.row.id });
    expect(handed.json().role).toBe('mentor');
    expect((await call('GET', `/teams/${team.id}`, lee)).json().role).toBe('owner');
    const alone = await newTeam(lee, 'Alone');

    expect((await call('GET', '/me/export', lee)).json().teams).toEqual([
      { name: 'Alone', slug: 'alone', role: 'owner', joinedAt: '2026-12-16T12:00:00.000Z' },
      { name: 'Handover', slug: 'handover', role: 'owner', joinedAt: '2026-12-16T12:00:00.000Z' },
    ]);

    // Lee is now Handover's only owner: the account goes and the team passes to its longest-standing mentor,
    // Olga (she became a mentor when she handed over, and joined before Max); Alone, with nobody else, goes too.
    expect((await call('DELETE', '/me', lee, { password: leaving.password })).statusCode).toBe(204);
    const after = (await call('GET', `/teams/${team.id}/members`, owner)).json();
    expect(after.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Olga', 'owner'],
      ['Max', 'mentor'],
    ]);
    expect(await db.selectFrom('teams').select('id').where('id', '=', alone.id).execute()).toEqual([]);
  });

  it('serves the team pages: 404 to non-members, the dashboard and forms to members, refusals shown on the page', async () => {
    const owner = await user('Olga');
    const ann = await user('Ann');
    const stranger = await user('Stan');
    const team = await newTeam(owner, 'Pages Team');
    await join(ann, team.id, owner);
    const page = (who: TestUser, url: string) => app.inject({ method: 'GET', url, headers: who.session });
    const post = (who: TestUser, url: string, form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...who.session, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });

    for (const url of ['/teams/pages-team', `/teams/pages-team/members/${ann.row.id}`, '/teams/no-such-team', '/teams/NOT_A_SLUG'])
      expect((await page(stranger, url)).statusCode, url).toBe(404);
    expect((await post(stranger, '/teams/pages-team/leave', {})).statusCode).toBe(404);

    const dashboard = await page(owner, '/teams/pages-team');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.headers['cache-control']).toBe('no-store');
    expect(dashboard.body).toContain('<h1>Pages Team</h1>');
    expect(dashboard.body).toContain('Make invite link');
    expect((await page(ann, '/teams/pages-team')).body).not.toContain('Make invite link');
    expect((await page(ann, `/teams/pages-team/members/${owner.row.id}`)).statusCode).toBe(404);
    expect((await page(ann, `/teams/pages-team/members/${ann.row.id}`)).statusCode).toBe(200);

    // A member cannot use the owners' forms; the guard refuses before anything runs.
    expect((await post(ann, '/teams/pages-team/settings', { name: 'Mine', slug: 'mine' })).statusCode).toBe(403);
    const bad = await post(owner, '/teams/pages-team/invites', { expiresInDays: '45' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('An invite lasts 1 to 30 days.');
    const made = await post(owner, '/teams/pages-team/invites', { expiresInDays: '3', maxUses: '2' });
    expect(made.statusCode).toBe(201);
    const link = /value="(http:\/\/localhost:3000\/invites\/inv_[A-Za-z0-9_-]+)"/.exec(made.body)?.[1];
    expect(link).toBeDefined();
    const invitePath = new URL(link!).pathname;
    const preview = await page(stranger, invitePath);
    expect(preview.body).toContain('<h1>Join Pages Team</h1>');
    expect(preview.body).toContain('Olga invited you');
    const joined = await post(stranger, `${invitePath}/accept`, {});
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe('/teams/pages-team?notice=joined');
    expect((await post(stranger, `${invitePath}/accept`, {})).body).toContain('You are already a member of');

    const refused = await post(owner, '/teams/pages-team/settings', { name: 'Renamed', slug: 'Bad Slug' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The address takes 2 to 48 lower-case letters and digits');
    const renamed = await post(owner, '/teams/pages-team/settings', { name: 'Renamed', slug: 'renamed-team', leaderboard: 'on' });
    expect(renamed.headers.location).toBe('/teams/renamed-team?notice=saved');
    expect((await page(owner, '/teams/pages-team')).statusCode).toBe(404);
    expect((await post(owner, '/teams/renamed-team/delete', { confirm: 'wrong' })).body).toContain('To delete the team, type its address exactly.');
    expect((await post(owner, '/teams/renamed-team/delete', { confirm: 'renamed-team' })).headers.location).toBe('/teams?notice=deleted');
    expect((await page(ann, '/teams/renamed-team')).statusCode).toBe(404);
  });

  it('admits exactly as many as an invite allows when they accept at once', async () => {
    const owner = await user('Olga');
    const team = await newTeam(owner, 'Race');
    const { url } = await invite(owner, team.id, { maxUses: 2 });
    const racers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => user(`Racer ${i}`)));
    const answers = await Promise.all(racers.map((r) => call('POST', `/invites/${tokenOf(url)}/accept`, r)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 410, 410, 410, 410]);
    for (const refused of answers.filter((a) => a.statusCode === 410)) expectError(refused, 410, 'gone');
    expect((await call('GET', `/teams/${team.id}/members`, owner)).json().counts.total).toBe(3);
  });
});
