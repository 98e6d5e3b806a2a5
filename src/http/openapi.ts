/**
 * The OpenAPI 3.1 document at /api/openapi.json, generated from the route schemas, and the
 * interactive docs at /api/docs. Only /api/v1 routes are described.
 */
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Config } from '../config.js';
import { ERRORS } from '../errors.js';
import { markRoutes } from './access.js';

/** Runs in the docs page: a phone-sized viewport and a link home, which the UI's own page lacks. */
const DOCS_SCRIPT = `(() => {
  const meta = document.createElement('meta');
  meta.name = 'viewport';
  meta.content = 'width=device-width, initial-scale=1';
  document.head.append(meta);
  const bar = document.createElement('nav');
  bar.className = 'milepost-docs-bar';
  bar.setAttribute('aria-label', 'Site');
  const home = document.createElement('a');
  home.href = '/';
  home.textContent = '← Milepost';
  bar.append(home);
  document.body.prepend(bar);
})();`;

const DOCS_STYLE = `.milepost-docs-bar { font: 600 16px system-ui, sans-serif; padding: 10px 20px; border-bottom: 1px solid #d9d9d9; }
.milepost-docs-bar a { color: #3730a3; text-decoration: none; }
.swagger-ui .wrapper { padding: 0 12px; box-sizing: border-box; }
.swagger-ui .opblock .opblock-summary-path, .swagger-ui .opblock .opblock-summary-description { word-break: break-word; }
.swagger-ui .opblock .opblock-summary { flex-wrap: wrap; }
.swagger-ui table, .swagger-ui .model-box, .swagger-ui .highlight-code { max-width: 100%; overflow-x: auto; }
.swagger-ui .info .title small pre { white-space: normal; }`;

export const ErrorResponse = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERRORS) },
        message: { type: 'string' },
        issues: {
          type: 'array',
          description: 'For `invalid_roadmap`: each problem of the files, as `file:line: message`.',
          items: {
            type: 'object',
            required: ['file', 'line', 'message'],
            properties: { file: { type: 'string' }, line: { type: 'integer' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  app.addSchema(ErrorResponse);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Milepost API',
        version: '1.0.0',
        description:
          'Accounts, progress and roadmaps. Authenticate with the session cookie set by /auth/login, or with `Authorization: Bearer <token>` using a personal API token. Every error has the shape `{"error":{"code","message"}}`.',
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (create one on /account).' },
          session: { type: 'apiKey', in: 'cookie', name: 'mp_session' },
        },
      },
    },
    hideUntagged: true,
  });
  // The docs' own pages and files are for everyone.
  await app.register(async (scope) => {
    markRoutes(scope, 'public');
    await scope.register(fastifySwaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      // Keep the UI's own policy (it needs https: styles) but never allow framing or force https on plain-http hosts.
      transformStaticCSP: (header) =>
        header
          .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
          .replace(/upgrade-insecure-requests;?/, config.baseUrl.startsWith('https://') ? 'upgrade-insecure-requests;' : ''),
      uiConfig: { docExpansion: 'list', deepLinking: true },
      // The UI's page has no viewport and no way back to the site: a small script of our own adds both.
      theme: {
        title: 'Milepost API',
        js: [{ filename: 'milepost.js', content: DOCS_SCRIPT }],
        css: [{ filename: 'milepost.css', content: DOCS_STYLE }],
      },
    });
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
