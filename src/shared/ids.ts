/**
 * The one id format of the project: roadmap, section, topic, question and project ids are
 * lower-case kebab-case, at most 64 characters. Ids are permanent: progress is stored against them.
 */
export const ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const ID_MAX_LENGTH = 64;

const ID_RE = new RegExp(ID_PATTERN);

/** True for a well-formed id (which also rules out `__proto__` and other object built-ins). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ID_MAX_LENGTH && ID_RE.test(value);
}
