/** Schemas that many routes share: ids, the error body, and answers without a body. */
import { Type } from 'typebox';
import { ID_MAX_LENGTH, ID_PATTERN } from '../shared/ids.js';

/** A roadmap, section, topic or question id: lower-case kebab-case, at most 64 characters. */
export const IdSchema = Type.String({ pattern: ID_PATTERN, maxLength: ID_MAX_LENGTH, description: 'lower-case kebab-case id' });

/** The id format for record keys, which JSON Schema checks by pattern alone: the length goes in the pattern. */
export const ID_KEY_PATTERN = `^(?=.{1,${ID_MAX_LENGTH}}$)${ID_PATTERN.slice(1)}`;

/** Text on one line: no control characters at all (NUL among them, which PostgreSQL cannot store). */
export const LINE_PATTERN = '^[^\\u0000-\\u001F\\u007F]*$';
/** Text that may span lines: tabs and line breaks, but no other control character. */
export const MULTILINE_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

/** A single line of text a person typed (a name, a title). */
export function LineText(options: { minLength?: number; maxLength: number; description?: string }) {
  return Type.String({ ...options, pattern: LINE_PATTERN });
}

/** A password: any characters but control characters; the policy (auth/password.ts) says what is strong enough. */
export const PasswordText = Type.String({ minLength: 1, maxLength: 1024, pattern: LINE_PATTERN });

/** An emailed or API token: the URL-safe alphabet only. */
export const TokenText = Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });

/** `{"error":{"code","message"}}`, registered once as `ErrorResponse` (see http/openapi.ts). */
export const ErrorRef = Type.Ref('ErrorResponse');

export const NotModified = Type.Null({ description: 'Not modified since the ETag sent in If-None-Match' });
