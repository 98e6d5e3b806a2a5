/** Schemas that many routes share: ids, the error body, and answers without a body. */
import { Type } from 'typebox';
import { ID_MAX_LENGTH, ID_PATTERN } from '../shared/ids.js';

/** A roadmap, section, topic or question id: lower-case kebab-case, at most 64 characters. */
export const IdSchema = Type.String({ pattern: ID_PATTERN, maxLength: ID_MAX_LENGTH, description: 'lower-case kebab-case id' });

/** The id format for record keys, which JSON Schema checks by pattern alone: the length goes in the pattern. */
export const ID_KEY_PATTERN = `^(?=.{1,${ID_MAX_LENGTH}}$)${ID_PATTERN.slice(1)}`;

/** `{"error":{"code","message"}}`, registered once as `ErrorResponse` (see http/openapi.ts). */
export const ErrorRef = Type.Ref('ErrorResponse');

export const NotModified = Type.Null({ description: 'Not modified since the ETag sent in If-None-Match' });
