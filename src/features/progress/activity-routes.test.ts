import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { useSampleApp } from '../../../test/helpers/sample-app.js';
import { createSignedInUser, type TestUser } from '../../../test/helpers/signed-in-user.js';
import { ActivityRepository } from './activity-repository.js';
import { localDate } from '../../shared/calendar-date.js';

describe.each(DIALECTS)('activity calendar on $name', ({ create }) => {
  const env = useSampleApp(create);

  const logAt = (user: TestUser, ...instants: string[]) =>
    new ActivityRepository(env.db).insert(
      instants.map((occurred_at) => ({ user_id: user.row.id, roadmap_id: 'sample', topic_id: 'alpha', status: 'done', occurred_at })),
    );
  const calendar = (user: TestUser, query = '') => env.app.inject({ url: `/api/v1/me/activity${query}`, headers: user.bearer });

  it('counts changes per calendar day in the user’s time zone, across midnight and DST', async () => {
    const user = await createSignedInUser(env.db, { timeZone: 'America/New_York' });
    await logAt(
      user,
      '2026-01-10T04:59:00.000Z', // 23:59 on the 9th in New York
      '2026-01-10T05:00:00.000Z', // midnight starting the 10th
      '2026-01-10T05:30:00.000Z',
      '2026-03-09T03:59:00.000Z', // 23:59 EDT on the 8th, the day the clocks went forward
      '2026-03-09T04:00:00.000Z', // midnight EDT starting the 9th
      '2026-04-01T12:00:00.000Z', // outside the range
    );
    const response = await calendar(user, '?from=2026-01-01&to=2026-03-31');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      timeZone: 'America/New_York',
      from: '2026-01-01',
      to: '2026-03-31',
      days: [
        { date: '2026-01-09', count: 1 },
        { date: '2026-01-10', count: 2 },
        { date: '2026-03-08', count: 1 },
        { date: '2026-03-09', count: 1 },
      ],
      total: 5,
    });
  });

  it('finds days at the edges of the widest offsets (UTC+14 and UTC−11)', async () => {
    const east = await createSignedInUser(env.db, { timeZone: 'Pacific/Kiritimati' });
    await logAt(east, '2026-01-09T09:59:00.000Z', '2026-01-09T10:00:00.000Z', '2026-01-10T09:59:00.000Z', '2026-01-10T10:00:00.000Z');
    expect((await calendar(east, '?from=2026-01-10&to=2026-01-10')).json().days).toEqual([{ date: '2026-01-10', count: 2 }]);

    const west = await createSignedInUser(env.db, { timeZone: 'Pacific/Pago_Pago' });
    await logAt(west, '2026-01-10T10:59:00.000Z', '2026-01-10T11:00:00.000Z', '2026-01-11T10:59:00.000Z', '2026-01-11T11:00:00.000Z');
    expect((await calendar(west, '?from=2026-01-10&to=2026-01-10')).json().days).toEqual([{ date: '2026-01-10', count: 2 }]);
  });

  it('defaults to the last 365 days ending today, and logs real status changes', async () => {
    const user = await createSignedInUser(env.db, { timeZone: 'Asia/Kathmandu' });
    await env.app.inject({ method: 'PUT', url: '/api/v1/me/progress/sample/topics/beta', headers: user.bearer, payload: { status: 'done' } });
    await logAt(user, new Date(Date.now() - 400 * 86_400_000).toISOString());
    const body = (await calendar(user)).json();
    const today = localDate(new Date(), 'Asia/Kathmandu');
    expect(body.to).toBe(today);
    expect(Math.round((Date.parse(body.to) - Date.parse(body.from)) / 86_400_000)).toBe(364);
    expect(body.days).toEqual([{ date: today, count: 1 }]);
    expect(body.total).toBe(1);
  });

  it('falls back to UTC when the stored zone is unknown', async () => {
    const user = await createSignedInUser(env.db, { timeZone: 'Nowhere/Special' });
    await logAt(user, '2026-01-10T23:59:00.000Z');
    const body = (await calendar(user, '?from=2026-01-10&to=2026-01-11')).json();
    expect(body).toMatchObject({ timeZone: 'UTC', days: [{ date: '2026-01-10', count: 1 }] });
  });

  it('refuses bad ranges with invalid_input', async () => {
    const user = await createSignedInUser(env.db);
    for (const query of [
      '?from=2026-03-02&to=2026-03-01',
      '?from=2025-01-01&to=2026-01-02',
      '?from=2026-02-30',
      '?to=yesterday',
      '?from=2026-01-01&extra=1',
    ]) {
      const response = await calendar(user, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await calendar(user, '?from=2028-01-01&to=2028-12-31')).statusCode).toBe(200);
  });
});
