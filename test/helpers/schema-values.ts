/**
 * fast-check generators driven by a route's JSON schema: values that pass it, values of the
 * wrong kind, and JSON texts that mix both. Valid values matter as much as broken ones: they let
 * a malformed request get past the first check and reach the code behind it.
 */
import fc from 'fast-check';
import type { JsonSchema } from './openapi-routes.js';

/** Keys that have broken JavaScript servers before: prototype pollution and built-in names. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

/** Strings that are odd in Unicode or for a parser: a lone surrogate, NUL, bidi override, a changing case mapping, emoji. */
export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u200b',
  '\ufeff',
  'İ',
  'ǅ',
  'ﬀ',
  '💩',
  'e\u0301',
  'ｂａｃｋｅｎｄ',
  '../..',
  '%00',
];

/** Builds the arbitrary for a regular expression, or undefined when fast-check cannot read it (e.g. lookahead). */
function matching(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    const regex = new RegExp(pattern);
    // fast-check cannot generate from a lookahead: drop it, then keep only what the full pattern accepts.
    const simpler = pattern.replace(/\(\?=[^()]*\)/g, '');
    return simpler === pattern ? fc.stringMatching(regex) : fc.stringMatching(new RegExp(simpler)).filter((s) => regex.test(s));
  } catch {
    return undefined;
  }
}

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern) {
    const byPattern = matching(schema.pattern);
    if (byPattern) return schema.maxLength ? byPattern.filter((s) => s.length <= (schema.maxLength ?? 0)) : byPattern;
  }
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') {
    // Years past 9999 print as +275760-…, which is not RFC 3339: keep valid values valid.
    return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 30, 30)) });
}

/** A value that satisfies `schema` (as far as these keywords go); map keys are drawn from `knownKeys` half the time. */
export function validValue(schema: JsonSchema, knownKeys: string[] = [], depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, knownKeys, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringValue(schema);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer();
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(validValue(schema.items ?? {}, knownKeys, depth + 1), { maxLength: 4 });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectValue(schema, knownKeys, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(schema: JsonSchema, knownKeys: string[], depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length > 0) {
    const record = Object.fromEntries(properties.map(([key, s]) => [key, validValue(s, knownKeys, depth + 1)]));
    return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) });
  }
  const [keyPattern, valueSchema] = Object.entries(schema.patternProperties ?? {})[0] ?? [];
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const values = valueSchema ?? additional;
  if (!values) return fc.constant({});
  const generated = (keyPattern && matching(keyPattern)) || fc.string({ minLength: 1, maxLength: 20 });
  const keys = knownKeys.length > 0 ? fc.oneof(generated, fc.constantFrom(...knownKeys)) : generated;
  return fc.dictionary(keys, validValue(values, knownKeys, depth + 1), { maxKeys: 6, noNullPrototype: true });
}

/** A value of the wrong kind, or of the right kind but absurd size or content. */
export function wrongValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(...ODD_STRINGS),
    fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'a', 'status'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  );
}

/** JSON text of an object written key by key, so `__proto__` and duplicate keys reach the parser as sent. */
export function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`;
}

/** JSON text shaped like the schema's object: each field valid or wrong, some missing, some unknown or prototype keys added. */
export function shapedBodyText(schema: JsonSchema, knownKeys: string[] = []): fc.Arbitrary<string> {
  const fields = Object.entries(schema.properties ?? {}).map(([key, s]) =>
    fc.option(fc.tuple(fc.constant(key), fc.oneof({ weight: 3, arbitrary: validValue(s, knownKeys) }, { weight: 2, arbitrary: wrongValue() })), {
      freq: 5,
    }),
  );
  const extra = fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, 'unknownField', 'isAdmin', 'is_admin', 'user_id', 'id'), wrongValue()), {
    maxLength: 2,
  });
  const whole = validValue(schema, knownKeys).map((value) => (value && typeof value === 'object' ? Object.entries(value) : [['value', value]]));
  const mixed = fc.tuple(fc.tuple(...fields), extra).map(([picked, added]) => [...picked.filter((f) => f !== null), ...added]);
  return fc
    .oneof(
      whole,
      mixed,
      fc.tuple(whole, extra).map(([a, b]) => [...a, ...b]),
    )
    .map((entries) => objectText(entries as [string, unknown][]));
}
