/**
 * Builds a plausible value that satisfies a JSON Schema (as found in the OpenAPI document), so a
 * test can call any route with a body and parameters that pass validation.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  default?: unknown;
}

const FORMATS: Record<string, () => string> = {
  email: () => 'walker@example.org',
  uuid: () => '8a1f5e2c-3b4d-4e6f-8a9b-0c1d2e3f4a5b',
  'date-time': () => new Date().toISOString(),
  date: () => new Date().toISOString().slice(0, 10),
  uri: () => 'https://example.org/',
};

/** Strings tried against a `pattern`, most plausible first. */
const CANDIDATES = ['backend', 'sample', 'walker', 'a', 'abc123', new Date().toISOString().slice(0, 10), 'A1', '1', 'x_y'];

function sampleString(schema: JsonSchema): string {
  const format = schema.format ? FORMATS[schema.format] : undefined;
  if (format) return format();
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  const fits = (s: string) => s.length >= min && s.length <= max && (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
  const padded = CANDIDATES.map((c) => c.padEnd(min, c.slice(-1)));
  return padded.find(fits) ?? 'sample'.padEnd(min, 'e');
}

/** A value that should validate against `schema`. */
export function sampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return sampleOf(choices.find((c) => c.type !== 'null') ?? choices[0] ?? {});
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sampleOf(part)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case 'object':
    case undefined: {
      const properties = schema.properties ?? {};
      const names = Object.keys(properties);
      const chosen = new Set(schema.required ?? []);
      for (const name of names) if (chosen.size < (schema.minProperties ?? 0)) chosen.add(name);
      return Object.fromEntries([...chosen].map((name) => [name, sampleOf(properties[name] ?? {})]));
    }
    default:
      return null;
  }
}
