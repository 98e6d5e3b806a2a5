/**
 * Email addresses: the one pattern the API schemas and the HTML forms accept (the same addresses
 * as JSON Schema's `email` format), and the normal form they are stored and compared in.
 */
export const EMAIL_PATTERN =
  "^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$";
export const EMAIL_MAX_LENGTH = 254;

const EMAIL_RE = new RegExp(EMAIL_PATTERN);

/** Addresses are stored trimmed and lower-cased, so sign-in ignores case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why an email field is refused, or null when it is a well-formed address. */
export function emailProblem(email: string): string | null {
  const trimmed = email.trim();
  if (trimmed === '') return 'Enter your email address.';
  if (trimmed.length < 3 || trimmed.length > EMAIL_MAX_LENGTH || !EMAIL_RE.test(trimmed)) return 'Enter an email address like name@example.com.';
  return null;
}
