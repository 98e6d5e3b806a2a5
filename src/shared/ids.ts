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

/**
 * The kebab-case id a text reads as: `Pipes & Redirection` → `pipes-and-redirection`,
 * `Crème brûlée` → `creme-brulee`; '' when nothing is left (only symbols, or a non-Latin script).
 */
export function kebabId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ID_MAX_LENGTH)
    .replace(/-+$/, '');
}
