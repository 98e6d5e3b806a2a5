/**
 * Turns every failure into the documented shape: `{"error":{"code","message"}}` for the API and
 * JSON routes, and a helpful HTML page for the site. Nothing leaks a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/database.js';
import { AppError, ERRORS, errorBody, type ErrorCode, type FileIssue } from '../errors.js';

/** Routes under these prefixes answer in JSON; everything else is the HTML site. */
export function wantsJson(rawUrl: string): boolean {
  // The router ignores repeated slashes (`//api/v1/me` is `/api/v1/me`), so this must too.
  const url = rawUrl.replace(/\/{2,}/g, '/');
  return (
    url.startsWith('/api/') ||
    url === '/api' ||
    url.startsWith('/jsons/') ||
    url.startsWith('/healthz') ||
    url.startsWith('/readyz') ||
    url === '/metrics'
  );
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_VALIDATION: 'invalid_input',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_input',
  FST_ERR_BAD_URL: 'not_found',
};

export function classifyError(error: FastifyError | AppError | Error): { code: ErrorCode; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (isDatabaseUnavailable(error)) return { code: 'unavailable', message: 'The database is not available right now. Try again in a moment.' };
  const fastifyCode = 'code' in error && typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
  if (fastifyCode) return { code: fastifyCode, message: fastifyCode === 'invalid_input' ? error.message : ERRORS[fastifyCode].message };
  if (error instanceof SyntaxError && 'statusCode' in error && error.statusCode === 400)
    return { code: 'invalid_json', message: ERRORS.invalid_json.message };
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  const byStatus = (Object.keys(ERRORS) as ErrorCode[]).find((code) => ERRORS[code].status === status && status < 500);
  if (byStatus) return { code: byStatus, message: ERRORS[byStatus].message };
  return { code: 'internal', message: ERRORS.internal.message };
}

export type HtmlErrorRenderer = (request: FastifyRequest, status: number, message: string) => string;

/** Sends an error as JSON or as an HTML page, depending on where the request went. */
export type ErrorResponder = (request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message?: string, issues?: FileIssue[]) => FastifyReply;

export function errorResponder(renderHtml: HtmlErrorRenderer): ErrorResponder {
  return (request, reply, code, message = ERRORS[code].message, issues) => {
    const status = ERRORS[code].status;
    if (wantsJson(request.url))
      return reply
        .code(status)
        .type('application/json; charset=utf-8')
        .send(errorBody(code, message, issues));
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderHtml(request, status, message));
  };
}

export function registerErrorHandling(app: FastifyInstance, respond: ErrorResponder): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { code, message } = classifyError(error);
    if (code === 'internal') request.log.error({ err: error }, 'request failed');
    if (code === 'unavailable') {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
    }
    if (error instanceof AppError && error.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    return respond(request, reply, code, message, error instanceof AppError ? error.issues : undefined);
  });

  app.setNotFoundHandler((request, reply) => respond(request, reply, 'not_found'));
}
