import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { ArtefactStore, MAX_WAITING } from './artefact-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-artefacts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const v1 = { id: 'backend', hash: 'aaaa' };
const v2 = { id: 'backend', hash: 'bbbb' };

describe('artefact store', () => {
  it('makes a file once however many ask at the same time, and keeps it on disk for the next start', async () => {
    const store = new ArtefactStore(dir);
    let made = 0;
    const make = async () => {
      made++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return Buffer.from('pdf bytes');
    };
    const bodies = await Promise.all(Array.from({ length: 10 }, () => store.get(v1, 'a4.pdf', 'application/pdf', 'pdf', make)));
    expect(made).toBe(1);
    expect(new Set(bodies.map((b) => b.etag)).size).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'backend@aaaa', 'a4.pdf'), 'utf8')).toBe('pdf bytes');
    const restarted = new ArtefactStore(dir);
    const again = await restarted.get(v1, 'a4.pdf', 'application/pdf', 'pdf', make);
    expect(made).toBe(1);
    expect(again.raw.toString()).toBe('pdf bytes');
  });

  it('makes files of one lane one after another, and drops the files of older versions', async () => {
    const store = new ArtefactStore(dir);
    let running = 0;
    let most = 0;
    const make = (text: string) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      return Buffer.from(text);
    };
    await Promise.all([
      store.get(v2, 'a4.pdf', 'application/pdf', 'pdf', make('a4')),
      store.get(v2, 'letter.pdf', 'application/pdf', 'pdf', make('letter')),
      store.get({ id: 'other', hash: 'cccc' }, 'a4.pdf', 'application/pdf', 'pdf', make('other')),
    ]);
    expect(most).toBe(1);
    expect(fs.existsSync(path.join(dir, 'backend@aaaa'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'backend@bbbb')).sort()).toEqual(['a4.pdf', 'letter.pdf']);
  });

  it('refuses with 503 rather than queueing without end, and a failed render is not kept', async () => {
    const store = new ArtefactStore(null);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Array.from({ length: MAX_WAITING }, (_, i) =>
      store.get({ id: `r${i}`, hash: 'h' }, 'og.png', 'image/png', 'image', async () => {
        await gate;
        return Buffer.from('png');
      }),
    );
    const refused = store.get({ id: 'one-too-many', hash: 'h' }, 'og.png', 'image/png', 'image', () => Buffer.from('png'));
    await expect(refused).rejects.toSatisfy((error) => error instanceof AppError && error.code === 'unavailable');
    release();
    expect((await Promise.all(slow)).length).toBe(MAX_WAITING);
    let attempts = 0;
    const failing = () => {
      attempts++;
      throw new Error('render failed');
    };
    await expect(store.get({ id: 'broken', hash: 'h' }, 'og.png', 'image/png', 'image', failing)).rejects.toThrow('render failed');
    await expect(store.get({ id: 'broken', hash: 'h' }, 'og.png', 'image/png', 'image', failing)).rejects.toThrow('render failed');
    expect(attempts).toBe(2);
  });
});
