/**
 * The routes an app really serves, read from Fastify's own route tree, so tests that walk them
 * cover routes other features add later without being told.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sampleOf, type JsonSchema } from './schema-sample.js';

export interface RouteEntry {
  method: string;
  /** Fastify's pattern, e.g. `/api/v1/me/tokens/:id`. */
  url: string;
}

const LINE = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/;

/** Every method and URL pattern of the app (HEAD and OPTIONS left out), parsed from `printRoutes()`. */
export function listRoutes(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const paths: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (depth === 0 ? '' : (paths[depth - 1] ?? '')) + (match[2] ?? '');
    paths[depth] = path;
    paths.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url: path });
    }
  }
  return routes;
}

/** The OpenAPI form of a Fastify pattern: `/tokens/:id` → `/tokens/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/**
 * A request to `route` whose path parameters, required query parameters and body pass validation,
 * built from the route's OpenAPI description when there is one.
 */
export function sampleRequest(route: RouteEntry, doc: OpenApiDocument): InjectOptions {
  const operation = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
  const parameter = (where: string, name: string) => operation?.parameters?.find((p) => p.in === where && p.name === name);
  const url = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const schema = parameter('path', name)?.schema;
    return encodeURIComponent(String(schema ? sampleOf(schema) : 'backend'));
  });
  const query = Object.fromEntries(
    (operation?.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sampleOf(p.schema))]),
  );
  const bodySchema = operation?.requestBody?.content['application/json']?.schema;
  const payload = bodySchema ? sampleOf(bodySchema) : ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
  return { method: route.method as InjectOptions['method'], url, query, ...(payload === undefined ? {} : { payload: payload as object }) };
}
