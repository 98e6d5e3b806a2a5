/**
 * Team dashboards live, over real HTTP, with two instances on one database and one Redis, on both
 * databases: a status change made on one instance reaches streams open on the other; a member
 * removed on one instance can no longer read the team on the other, and their stream there ends;
 * a stream ends with its session; and the number of open streams per account is bounded.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { browser, expectError, signUp, type SignedUp } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useSharedInstances } from '../helpers/shared-instances.js';

interface Event {
  event: string;
  data: Record<string, unknown>;
}

/** An open event stream, read as it arrives. */
interface Stream {
  status: number;
  events: Event[];
  ended: () => boolean;
  close: () => void;
  /** Waits (at most 5 s) for the first event named `name` after the first `after` events. */
  next: (name: string, after?: number) => Promise<Event>;
}

async function openStream(base: string, teamId: string, headers: Record<string, string>): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/teams/${teamId}/events`, { headers, signal: controller.signal });
  const events: Event[] = [];
  let ended = false;
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
          }
        }
      } catch {
        // Aborted by the test.
      }
      ended = true;
    })();
  } else ended = true;
  return {
    status: response.status,
    events,
    ended: () => ended,
    close: () => controller.abort(),
    next: async (name, after = 0) => {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = events.slice(after).find((e) => e.event === name);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no "${name}" event; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(DIALECTS)('live team dashboards across two instances on $name', ({ create }) => {
  const env = useSharedInstances(create);
  const base: Record<'first' | 'second', string> = { first: '', second: '' };

  beforeAll(async () => {
    for (const which of ['first', 'second'] as const) {
      await env[which].listen({ port: 0, host: '127.0.0.1' });
      const address = env[which].server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      base[which] = `http://127.0.0.1:${address.port}`;
    }
  });

  const call = (app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: SignedUp, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: browser(who.session), ...(payload ? { payload } : {}) });

  /** A team on the first instance with `members` joined through an invite accepted on the second. */
  async function team(owner: SignedUp, members: SignedUp[]): Promise<string> {
    const made = await call(env.first, 'POST', '/teams', owner, { name: `Live ${Math.random().toString(36).slice(2, 8)}` });
    expect(made.statusCode, made.body).toBe(201);
    const teamId = made.json().id as string;
    expect((await call(env.first, 'PUT', `/teams/${teamId}/roadmaps/sample`, owner, {})).statusCode).toBe(200);
    const invite = await call(env.first, 'POST', `/teams/${teamId}/invites`, owner, {});
    const token = (invite.json().url as string).split('/').pop()!;
    for (const member of members) expect((await call(env.second, 'POST', `/invites/${token}/accept`, member)).statusCode).toBe(200);
    return teamId;
  }

  it('tells streams on one instance of a status change made on the other: the member’s id to owners, nothing of whom to members', async () => {
    const [owner, ann, bob] = await Promise.all([
      signUp(env.first, { name: 'Olga' }),
      signUp(env.first, { name: 'Ann' }),
      signUp(env.first, { name: 'Bob' }),
    ]);
    const teamId = await team(owner, [ann, bob]);
    const ownerStream = await openStream(base.first, teamId, browser(owner.session));
    const bobStream = await openStream(base.first, teamId, browser(bob.session));
    try {
      expect(ownerStream.status).toBe(200);
      expect((await ownerStream.next('ready')).data).toEqual({ role: 'owner' });
      expect((await bobStream.next('ready')).data).toEqual({ role: 'member' });
      const before = ownerStream.events.length;
      const beforeBob = bobStream.events.length;
      // The owner's matrix and Bob's totals are read (and kept) on the first instance before the change.
      const warm = await call(env.first, 'GET', `/teams/${teamId}/progress`, owner);
      expect(warm.json().members.find((m: { name: string }) => m.name === 'Ann').roadmaps.sample.done).toBe(0);
      const etag = warm.headers.etag as string;
      expect((await call(env.first, 'GET', `/teams/${teamId}/progress`, bob)).json().totals.sample.complete).toBe(0);
      const unchanged = await env.first.inject({
        method: 'GET',
        url: `/api/v1/teams/${teamId}/progress`,
        headers: { ...browser(owner.session), 'if-none-match': etag },
      });
      expect(unchanged.statusCode).toBe(304);

      expect((await call(env.second, 'PUT', '/me/progress/sample/topics/alpha', ann, { status: 'done' })).statusCode).toBe(200);
      expect((await ownerStream.next('progress', before)).data).toEqual({ userId: ann.id });
      expect((await bobStream.next('progress', beforeBob)).data).toEqual({});

      // What the event announced is there to read, on either instance.
      const progress = (await call(env.first, 'GET', `/teams/${teamId}/progress`, owner)).json();
      const annRow = progress.members.find((m: { name: string }) => m.name === 'Ann');
      expect(annRow.roadmaps.sample.done).toBe(1);
      expect(annRow.roadmaps.sample.sections.basics).toEqual({ done: 1, complete: 1, total: 5 });
      expect(progress.totals.sample.complete).toBe(1);
      expect((await call(env.first, 'GET', `/teams/${teamId}/progress`, bob)).json().totals.sample.complete).toBe(1);
      const revalidated = await env.first.inject({
        method: 'GET',
        url: `/api/v1/teams/${teamId}/progress`,
        headers: { ...browser(owner.session), 'if-none-match': etag },
      });
      expect(revalidated.statusCode).toBe(200);
      expect(revalidated.headers.etag).not.toBe(etag);
    } finally {
      ownerStream.close();
      bobStream.close();
    }
  });

  it('cuts a removed member off on every instance: reads are 404 and their open stream ends', async () => {
    const [owner, ann] = await Promise.all([signUp(env.first, { name: 'Olga' }), signUp(env.first, { name: 'Ann' })]);
    const teamId = await team(owner, [ann]);
    // Ann and the owner read the team on the second instance, so anything it could keep is warm.
    expect((await call(env.second, 'GET', `/teams/${teamId}/progress`, ann)).statusCode).toBe(200);
    const names = async () => (await call(env.second, 'GET', `/teams/${teamId}/progress`, owner)).json().members.map((m: { name: string }) => m.name);
    expect(await names()).toEqual(['Ann', 'Olga']);
    const annStream = await openStream(base.second, teamId, browser(ann.session));
    const ownerStream = await openStream(base.second, teamId, browser(owner.session));
    try {
      await annStream.next('ready');
      await ownerStream.next('ready');
      const before = ownerStream.events.length;

      expect((await call(env.first, 'DELETE', `/teams/${teamId}/members/${ann.id}`, owner)).statusCode).toBe(204);
      // Membership is never kept: the owner's very next read, on the other instance, has no Ann.
      expect(await names()).toEqual(['Olga']);
      expect((await annStream.next('closed')).data).toEqual({ reason: 'removed' });
      await until(annStream.ended);
      expect((await ownerStream.next('team', before)).data).toEqual({ role: 'owner' });

      for (const url of [`/teams/${teamId}`, `/teams/${teamId}/progress`, `/teams/${teamId}/activity`, `/teams/${teamId}/progress.csv`])
        expectError(await call(env.second, 'GET', url, ann), 404, 'not_found');
      const again = await openStream(base.second, teamId, browser(ann.session));
      expect(again.status).toBe(404);
    } finally {
      annStream.close();
      ownerStream.close();
    }
  });

  it('ends a stream when its session ends, on another instance', async () => {
    const [owner, ann] = await Promise.all([signUp(env.first, { name: 'Olga' }), signUp(env.first, { name: 'Ann' })]);
    const teamId = await team(owner, [ann]);
    const annStream = await openStream(base.second, teamId, browser(ann.session));
    try {
      await annStream.next('ready');
      expect((await env.first.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: browser(ann.session) })).statusCode).toBe(204);
      expect((await annStream.next('closed')).data).toEqual({ reason: 'signed-out' });
      await until(annStream.ended);
    } finally {
      annStream.close();
    }
  });

  it('keeps at most 5 open streams per account on an instance', async () => {
    const owner = await signUp(env.first, { name: 'Olga' });
    const teamId = await team(owner, []);
    const open = await Promise.all([1, 2, 3, 4, 5].map(() => openStream(base.first, teamId, browser(owner.session))));
    try {
      expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
      const sixth = await fetch(`${base.first}/api/v1/teams/${teamId}/events`, { headers: browser(owner.session) });
      expect(sixth.status).toBe(429);
      expect(((await sixth.json()) as { error: { code: string; message: string } }).error).toEqual({
        code: 'rate_limited',
        message: 'At most 5 live dashboards may be open at once. Close one and try again.',
      });
      // Closing one frees its place.
      open[0]!.close();
      await until(open[0]!.ended);
      let reopened: Stream | undefined;
      const deadline = Date.now() + 5000;
      while (!reopened || reopened.status !== 200) {
        reopened?.close();
        if (Date.now() > deadline) throw new Error('the place was not freed');
        reopened = await openStream(base.first, teamId, browser(owner.session));
      }
      reopened.close();
    } finally {
      for (const s of open) s.close();
    }
  });
});
