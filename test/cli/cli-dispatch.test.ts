import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { memoryIo } from './support/memory-io.js';

// An explicit environment: the test runner's own variables (e.g. BASE_URL) are not Milepost's.
const ENV = { DATABASE_URL: 'sqlite::memory:' };

describe('milepost command dispatch', () => {
  it('lists the operator commands in its help', async () => {
    const io = memoryIo();
    expect(await runCli(['help'], io, ENV)).toBe(0);
    const help = io.stdout.join('\n');
    for (const command of ['migrate', 'user create', 'backup <file>', 'restore <file>']) expect(help).toContain(command);
  });

  it('prints an error as one clear message without a stack trace, and exits 1', async () => {
    const io = memoryIo();
    expect(await runCli(['user', 'create', '--email', 'not-an-email'], io, ENV)).toBe(1);
    expect(io.stderr).toEqual(['"not-an-email" is not a valid email address.']);
  });

  it('explains unknown options with the usage line', async () => {
    const io = memoryIo();
    expect(await runCli(['backup', 'out.db', '--fast'], io, ENV)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/Unknown option '--fast'[\s\S]*Usage: milepost backup <file> \[--force\]/);
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
  });
});
