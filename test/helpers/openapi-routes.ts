/**
 * The API's routes as the OpenAPI document describes them, so that tests which must cover
 * every route (the fuzz test) pick up new routes without being edited.
 */
import type { FastifyInstance } from 'fastify';

/** The subset of JSON Schema the generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
}

export interface ParamSpec {
  name: string;
  schema: JsonSchema;
}

export interface RouteSpec {
  method: string;
  /** OpenAPI path template, e.g. `/api/v1/me/progress/{roadmapId}`. */
  path: string;
  pathParams: ParamSpec[];
  queryParams: ParamSpec[];
  /** JSON schema of the body, or null when the route takes none. */
  body: JsonSchema | null;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every operation in the app's `/api/openapi.json`, in document order. */
export async function listApiRoutes(app: FastifyInstance): Promise<RouteSpec[]> {
  const response = await app.inject({ url: '/api/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`/api/openapi.json answered ${response.statusCode}`);
  const doc = response.json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  const routes: RouteSpec[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const params = operation.parameters ?? [];
      const pick = (where: string) => params.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema ?? {} }));
      const content = operation.requestBody?.content ?? {};
      const body = content['application/json']?.schema ?? Object.values(content)[0]?.schema ?? null;
      routes.push({ method: method.toUpperCase(), path, pathParams: pick('path'), queryParams: pick('query'), body });
    }
  }
  return routes;
}
