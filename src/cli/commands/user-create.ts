/**
 * `milepost user create`: makes an account from the command line, typically the first admin.
 * The email counts as verified because the operator vouches for it.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../db/database.js';
import { hashPassword, passwordProblem } from '../../features/auth/password.js';
import { UserRepository } from '../../features/auth/user-repository.js';
import { normalizeEmail } from '../../shared/email.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandArgs } from '../parse-options.js';
import { describeMigrations, migrateDatabase } from './migrate.js';

const USAGE = 'Usage: milepost user create --email <email> [--name <name>] [--admin] [--password-stdin]';
const NAME_MAX = 100;

// The same shape the sign-up form accepts (ajv-formats' `email` format).
const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** 18 random bytes: 144 bits, 24 URL-safe characters, easy to paste. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Runs `milepost user create`; returns the exit code or throws a clear Error. */
export async function userCreateCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' }, 'password-stdin': { type: 'boolean' } },
    USAGE,
  );
  if (positionals.length > 0 || values.email === undefined) throw new Error(USAGE);
  const email = normalizeEmail(values.email);
  if (email.length < 3 || email.length > 254 || !EMAIL_PATTERN.test(email)) throw new Error(`"${values.email}" is not a valid email address.`);
  const name = values.name?.trim() ?? '';
  if ([...name].length > NAME_MAX) throw new Error(`The name is too long; use at most ${NAME_MAX} characters.`);

  let password: string;
  if (values['password-stdin']) {
    const line = await ctx.io.readLine();
    if (!line) throw new Error('--password-stdin was given but standard input held no password.');
    password = line;
  } else {
    password = generatePassword();
  }
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`Password refused: ${problem}`);

  const applied = await migrateDatabase(ctx.config.database);
  if (applied.length > 0) ctx.io.out(describeMigrations(applied));
  const db = openDatabase(ctx.config.database);
  try {
    const users = new UserRepository(db);
    const taken = new Error(`A user with the email ${email} already exists.`);
    if (await users.findByEmail(email)) throw taken;
    const passwordHash = await hashPassword(password);
    const user = await users
      .insert({ email, passwordHash, name, isAdmin: values.admin === true, emailVerified: true })
      .catch(async (error: unknown) => {
        // Another process may have taken the email between the check and the insert.
        if (await users.findByEmail(email)) throw taken;
        throw error;
      });
    ctx.io.out(`Created ${user.is_admin ? 'admin ' : ''}user ${user.email} (id ${user.id}).`);
    if (!values['password-stdin']) ctx.io.out(`Password (shown only once; store it now): ${password}`);
    return 0;
  } finally {
    await db.destroy();
  }
}
