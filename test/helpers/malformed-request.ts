/**
 * Generates malformed requests for one API route: odd path parameters and query strings,
 * garbage or hostile bodies, wrong content types and every way of (not) being signed in.
 * A request is plain data; `toInjectOptions` turns it into `app.inject()` options with the
 * signed-in user of the moment, so shrinking and replaying by seed stay deterministic.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { JsonSchema, ParamSpec, RouteSpec } from './openapi-routes.js';
import { ODD_STRINGS, PROTOTYPE_KEYS, objectText, shapedBodyText, validValue } from './schema-values.js';
import type { TestUser } from './signed-in-user.js';

export const AUTH_VARIANTS = [
  'none',
  'session',
  'session-without-origin',
  'session-foreign-origin',
  'session-null-origin',
  'session-cross-site',
  'bearer',
  'bearer-and-session',
  'bearer-lowercase',
  'bearer-unknown',
  'bearer-empty',
  'basic',
  'cookie-unknown',
  'cookie-garbage',
  'foreign-origin-only',
] as const;
export type AuthVariant = (typeof AUTH_VARIANTS)[number];

/** Values the app accepts, so that requests also get past validation to handlers and the database. */
export interface KnownValues {
  /** By path parameter name, e.g. `roadmapId: ['backend']`. */
  byParam: Record<string, string[]>;
  /** For any other parameter, and as keys of maps in bodies. */
  any: string[];
}

export interface MalformedRequest {
  method: string;
  /** Path and query as sent on the wire: already percent-encoded, or deliberately not. */
  url: string;
  contentType: string | null;
  payload: string | Buffer | null;
  auth: AuthVariant;
  headers: Record<string, string>;
  remoteAddress: string;
}

/** Percent-encoded forms that decode to traversal, NUL, invalid UTF-8, a lone surrogate or nothing at all. */
const RAW_SEGMENTS = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..',
  '.',
  '%2e%2e',
  '..%5C..%5Cwindows',
  '%252e%252e%252f',
  '%00',
  '%',
  '%ZZ',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '%E2%80%AE',
  'a%2Fb',
  '%20',
  '+',
  ';x=1',
  'a%3Fb%23c',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/vnd.api+json',
  '',
  'invalid',
  '*/*',
];
const EXTRA_HEADERS: [string, string][] = [
  ['accept', 'text/html'],
  ['accept', 'application/xml'],
  ['accept-encoding', 'gzip, deflate, br'],
  ['if-none-match', '*'],
  ['x-forwarded-for', '203.0.113.9'],
  ['x-forwarded-host', 'evil.example'],
  ['host', 'evil.example'],
  ['sec-fetch-site', 'cross-site'],
  ['sec-fetch-site', 'same-origin'],
  ['content-length', '5'],
  ['content-encoding', 'gzip'],
  ['x-http-method-override', 'DELETE'],
  ['accept-language', 'x'.repeat(5000)],
  ['user-agent', 'u'.repeat(10_000)],
  ['cookie', 'mp_signed_in=1'],
];
const BROKEN_JSON = [
  '',
  '{',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  'undefined',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  'null',
  '"text"',
  '1e999',
  '[]',
  'true',
  '{"a":"\\ud800"}',
];
const POLLUTING_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"topics":{"__proto__":{"status":"done","updatedAt":"2026-01-01T00:00:00Z"}}}',
  '{"status":"done","__proto__":{"polluted":"yes"}}',
  '[{"__proto__":{"polluted":"yes"}}]',
];

/** Percent-encodes like a client would; strings that cannot be encoded (lone surrogates) go as invalid UTF-8. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** A path segment: usually something the app knows (so handlers run), often something hostile. */
function segment(param: ParamSpec, known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(known.byParam[param.name] ?? known.any)).map(encode) },
    { weight: 2, arbitrary: validValue(param.schema).map((v) => encode(String(v))) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...ODD_STRINGS, 'NaN', '-1', 'null').map(encode) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encode) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 65, max: 3000 }), fc.constantFrom('a', '%C3%A9', '-', '9')).map(([n, c]) => c.repeat(n)) },
  );
}

function queryValue(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: schema ? validValue(schema).map((v) => encode(String(v))) : fc.constant('1') },
    { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '0000-00-00', '9999-12-31', '1970-01-01', '2026-13-01', '-1', '') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 5000 }).map((n) => 'q'.repeat(n)) },
  );
}

function queryString(params: ParamSpec[]): fc.Arbitrary<string> {
  const names = params.map((p) => p.name);
  const key = fc.oneof(
    { weight: names.length > 0 ? 4 : 0, arbitrary: names.length > 0 ? fc.constantFrom(...names) : fc.constant('x') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', '__proto__[polluted]', 'constructor[prototype][polluted]', 'from[]', 'to[0]', 'a.b', '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map(encode) },
  );
  const pair = key.chain((k) => queryValue(params.find((p) => p.name === k)?.schema).map((v) => `${k}=${v}`));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 3, arbitrary: fc.array(pair, { minLength: 1, maxLength: 5 }).map((pairs) => `?${pairs.join('&')}`) },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?=', '?a', '?%', '?a=%ZZ', '?a=1#frag') },
  );
}

function payload(body: JsonSchema | null, knownKeys: string[]): fc.Arbitrary<string | Buffer | null> {
  const shaped = body ? shapedBodyText(body, knownKeys) : fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTING_JSON) },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_JSON) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
    { weight: 1, arbitrary: fc.tuple(shaped, fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean()).map(([n, arr]) => deepNesting(n, arr)) },
    { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 300_000 }).map((n) => objectText([['status', 'x'.repeat(n)]])) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  );
}

function deepNesting(depth: number, arrays: boolean): string {
  return arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

interface RequestParts {
  method: string;
  path: string;
  query: string;
  contentType: string | null;
  payload: string | Buffer | null;
  auth: AuthVariant;
  headers: Record<string, string>;
}
type Part = keyof RequestParts;
type PartArbitraries = { [K in Part]: fc.Arbitrary<RequestParts[K]> };
const PARTS: Part[] = ['method', 'path', 'query', 'contentType', 'payload', 'auth', 'headers'];

/**
 * Malformed requests for `route`. Each starts as a valid request and has a few of its parts
 * broken (sometimes none, sometimes all), so that a fault in one part meets code that the other
 * parts' checks would otherwise keep it from reaching.
 */
export function malformedRequest(route: RouteSpec, known: KnownValues): fc.Arbitrary<MalformedRequest> {
  const fillPath = (values: string[]) => route.pathParams.reduce((url, param, i) => url.replace(`{${param.name}}`, values[i] ?? ''), route.path);
  const goodSegment = (param: ParamSpec) => fc.constantFrom(...(known.byParam[param.name] ?? known.any)).map(encode);
  const good: PartArbitraries = {
    method: fc.constant(route.method),
    path: fc.tuple(...route.pathParams.map(goodSegment)).map(fillPath),
    query: fc.constant(''),
    contentType: fc.constant(route.body ? 'application/json' : null),
    payload: route.body ? validValue(route.body, known.any).map((v) => JSON.stringify(v)) : fc.constant(null),
    auth: fc.constantFrom<AuthVariant>('session', 'bearer'),
    headers: fc.constant({}),
  };
  const bad: PartArbitraries = {
    method: fc.constantFrom(...METHODS),
    path: fc.tuple(...route.pathParams.map((p) => segment(p, known))).map(fillPath),
    query: queryString(route.queryParams),
    contentType: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.constant(null) }),
    payload: payload(route.body, known.any),
    auth: fc.constantFrom(...AUTH_VARIANTS),
    headers: fc.array(fc.constantFrom(...EXTRA_HEADERS), { minLength: 1, maxLength: 3 }).map((pairs) => Object.fromEntries(pairs)),
  };
  const broken = fc.oneof(
    { weight: 1, arbitrary: fc.constant<readonly Part[]>([]) },
    { weight: 5, arbitrary: fc.shuffledSubarray(PARTS, { minLength: 1, maxLength: 3 }) },
    { weight: 2, arbitrary: fc.constant(PARTS) },
  );
  return broken.chain((parts) => {
    const pick = <K extends Part>(part: K): fc.Arbitrary<RequestParts[K]> => (parts.includes(part) ? bad[part] : good[part]);
    return fc
      .record({
        method: pick('method'),
        path: pick('path'),
        query: pick('query'),
        contentType: pick('contentType'),
        payload: pick('payload'),
        auth: pick('auth'),
        headers: pick('headers'),
        remoteAddress: fc.ipV4(),
      })
      .map(({ path, query, ...rest }) => ({ ...rest, url: path + query }));
  });
}

function authHeaders(auth: AuthVariant, user: TestUser): Record<string, string> {
  const cookie = user.session.cookie ?? '';
  const bearer = user.bearer.authorization ?? '';
  switch (auth) {
    case 'none':
      return {};
    case 'session':
      return user.session;
    case 'session-without-origin':
      return { cookie };
    case 'session-foreign-origin':
      return { cookie, origin: 'https://evil.example' };
    case 'session-null-origin':
      return { cookie, origin: 'null' };
    case 'session-cross-site':
      return { cookie, 'sec-fetch-site': 'cross-site' };
    case 'bearer':
      return user.bearer;
    case 'bearer-and-session':
      return { ...user.session, ...user.bearer };
    case 'bearer-lowercase':
      return { authorization: bearer.replace('Bearer', 'bearer') };
    case 'bearer-unknown':
      return { authorization: 'Bearer mp_notarealtokenatall' };
    case 'bearer-empty':
      return { authorization: 'Bearer ' };
    case 'basic':
      return { authorization: 'Basic dXNlcjpwYXNzd29yZA==' };
    case 'cookie-unknown':
      return { cookie: 'mp_session=unknown-session-token', origin: user.session.origin ?? '' };
    case 'cookie-garbage':
      return { cookie: 'mp_session=%ZZ%00; mp_session=; =;;' };
    case 'foreign-origin-only':
      return { origin: 'https://evil.example' };
  }
}

/** The inject options for a generated request, signed in as `user` where the variant says so. */
export function toInjectOptions(request: MalformedRequest, user: TestUser): InjectOptions {
  const headers: Record<string, string> = { ...request.headers, ...authHeaders(request.auth, user) };
  if (request.contentType !== null) headers['content-type'] = request.contentType;
  return {
    method: request.method as InjectOptions['method'],
    url: request.url,
    headers,
    remoteAddress: request.remoteAddress,
    ...(request.payload === null ? {} : { payload: request.payload }),
  };
}
