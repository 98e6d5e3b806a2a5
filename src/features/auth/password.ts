/**
 * Password hashing (argon2id through the argon2 library) and the password policy:
 * 8 to 128 characters, not only spaces or invisible characters, not a common password, not the
 * email address.
 */
import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** OWASP's baseline for argon2id: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  // Separators, control and format characters: eight spaces are no secret.
  if (/^[\p{Z}\p{C}\s]*$/u.test(password)) return 'Use letters, digits or symbols, not only spaces or invisible characters.';
  if (COMMON.has(password.toLowerCase())) return 'This password is too common; choose another.';
  if (email && password.toLowerCase() === email.toLowerCase()) return 'Do not use your email address as your password.';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so unknown accounts answer as slowly as known ones. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('milepost-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
