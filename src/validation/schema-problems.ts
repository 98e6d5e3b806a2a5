/**
 * Turns TypeBox's validation errors into one readable problem per field, with the field's path,
 * for messages people read: content files (`file:line: field: problem`) and the environment.
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

export interface SchemaProblem {
  /** Where the problem is: object keys and array indexes from the root. */
  path: (string | number)[];
  message: string;
}

interface RawError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

type SchemaNode = Record<string, unknown>;

const decode = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

function pathOf(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : decode(p)));
}

/** The sub-schema a `schemaPath` such as `#/properties/a/anyOf/0` points at. */
function schemaAt(root: TSchema, schemaPath: string): SchemaNode {
  let node: unknown = root;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return {};
    node = (node as Record<string, unknown>)[decode(part)];
  }
  return node !== null && typeof node === 'object' ? (node as SchemaNode) : {};
}

/** A short noun phrase for what a schema accepts, used to explain a union. */
function expected(schema: SchemaNode): string {
  if (typeof schema.description === 'string') return schema.description;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (schema.type === 'null') return 'null';
  return typeof schema.type === 'string' ? `a ${schema.type}` : 'a valid value';
}

function describe(error: RawError, root: TSchema): string {
  const schema = schemaAt(root, error.schemaPath);
  const withDescription = (text: string) => (typeof schema.description === 'string' ? `${text} (${schema.description})` : text);
  switch (error.keyword) {
    case 'type':
      return withDescription(`expected ${String(error.params.type)}`);
    case 'enum':
      return `must be one of ${((error.params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'anyOf': {
      const options = Array.isArray(schema.anyOf) ? (schema.anyOf as SchemaNode[]) : [];
      return `must be ${options.map(expected).join(' or ')}`;
    }
    default:
      return withDescription(error.message);
  }
}

/** Every problem of `value` against `schema`, at most one per field (the most telling one). */
export function schemaProblems(schema: TSchema, value: unknown): SchemaProblem[] {
  const byField = new Map<string, { path: (string | number)[]; error: RawError }>();
  const note = (path: (string | number)[], error: RawError) => {
    const key = JSON.stringify(path);
    const seen = byField.get(key);
    // A union reports each branch's failure, then its own: the union's summary says more.
    if (!seen || (error.keyword === 'anyOf' && seen.error.keyword !== 'anyOf')) byField.set(key, { path, error });
  };
  for (const error of Value.Errors(schema, value) as RawError[]) {
    const at = pathOf(error.instancePath);
    if (error.keyword === 'required') {
      for (const name of (error.params.requiredProperties as string[]) ?? [])
        note([...at, name], { ...error, message: 'expected required property' });
    } else if (error.keyword === 'additionalProperties') {
      for (const name of (error.params.additionalProperties as string[]) ?? []) note([...at, name], { ...error, message: 'unexpected property' });
    } else if (!(error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties'))) {
      note(at, error);
    }
  }
  return [...byField.values()].map(({ path, error }) => ({ path, message: describe(error, schema) }));
}
