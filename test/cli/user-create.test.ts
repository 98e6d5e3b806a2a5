import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCreateCommand } from '../../src/cli/commands/user-create.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { passwordProblem, verifyPassword } from '../../src/features/auth/password.js';
import { UserRepository } from '../../src/features/auth/user-repository.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { memoryIo } from './support/memory-io.js';

describe.each(DIALECTS)('milepost user create on $name', ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let users: UserRepository;
  beforeAll(async () => {
    testDb = await create();
    db = openDatabase(testDb.config);
    users = new UserRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });
  const run = (args: string[], stdin: string | null = null) => {
    const io = memoryIo(stdin);
    return { io, result: userCreateCommand(args, { config: { database: testDb.config }, io }) };
  };

  it('migrates a new database and creates a verified admin with the password from stdin', async () => {
    const { io, result } = run(
      ['--email', ' Root@Example.ORG ', '--name', 'Root', '--admin', '--password-stdin'],
      'correct horse battery staple\nignored',
    );
    expect(await result).toBe(0);
    const user = await users.findByEmail('root@example.org');
    expect(user).toMatchObject({ email: 'root@example.org', name: 'Root', is_admin: 1 });
    expect(user?.email_verified_at).not.toBeNull();
    expect(await verifyPassword(user?.password_hash ?? '', 'correct horse battery staple')).toBe(true);
    expect(io.stdout.join('\n')).toContain('Created admin user root@example.org');
    expect(io.stdout.join('\n')).not.toContain('correct horse');
  });

  it('generates a strong password and prints it once when none is piped in', async () => {
    const { io, result } = run(['--email', 'learner@example.org']);
    expect(await result).toBe(0);
    const lines = io.stdout.filter((line) => line.startsWith('Password'));
    expect(lines).toHaveLength(1);
    const password = lines[0]?.split(': ')[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(passwordProblem(password)).toBeNull();
    const user = await users.findByEmail('learner@example.org');
    expect(user?.is_admin).toBe(0);
    expect(await verifyPassword(user?.password_hash ?? '', password)).toBe(true);
  });

  it('refuses an email that is already taken, whatever its case', async () => {
    await expect(run(['--email', 'ROOT@example.org', '--password-stdin'], 'another long passphrase').result).rejects.toThrow(
      'A user with the email root@example.org already exists.',
    );
    const rows = await db.selectFrom('users').select('id').where('email', '=', 'root@example.org').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a weak password and creates nothing', async () => {
    await expect(run(['--email', 'weak@example.org', '--password-stdin'], 'password').result).rejects.toThrow(/^Password refused: .*too common/);
    await expect(run(['--email', 'weak@example.org', '--password-stdin'], 'short').result).rejects.toThrow(/at least 8 characters/);
    await expect(run(['--email', 'weak@example.org', '--password-stdin'], '').result).rejects.toThrow(/held no password/);
    expect(await users.findByEmail('weak@example.org')).toBeUndefined();
  });

  it('refuses a malformed email and a missing --email', async () => {
    await expect(run(['--email', 'not-an-email']).result).rejects.toThrow('"not-an-email" is not a valid email address.');
    await expect(run(['--name', 'Nobody']).result).rejects.toThrow(/^Usage: milepost user create/);
  });
});
