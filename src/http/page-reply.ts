/**
 * Replies shared by the account pages. They carry personal data or one-time secrets, so they are
 * never cached (by us, by the browser or by a proxy), unlike the anonymous site pages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError } from '../errors.js';
import { renderPage } from './render-page.js';
import type { PageContext } from '../views/page-context.js';
import { themeOf } from '../features/site/theme.js';

/** Sends a rendered page with `no-store`, optionally with a status other than 200. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(page));
}

/** A 303 See Other: after a form POST the browser follows it with a GET. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303);
}

/** The page context for this request (its theme cookie included). */
export function pageContextFor(base: Omit<PageContext, 'theme'>, request: FastifyRequest): PageContext {
  return { ...base, theme: themeOf(request) };
}

/**
 * A path on this site to return to after signing in, or null. Only `/x…` is accepted: `//host`
 * and `/\host` would leave the site (an open redirect), and so would anything with a scheme.
 */
export function safeNext(next: string | undefined): string | null {
  if (!next || next.length > 500) return null;
  // Printable ASCII only: control characters are dropped by URL parsers (and could rebuild `//`),
  // and anything else cannot go into a Location header unencoded.
  return /^\/(?![/\\])[!-~]*$/.test(next) ? next : null;
}

/** Re-throws anything but an AppError, so unexpected failures still reach the error handler. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  throw error;
}

/** Copies Retry-After from a rate-limit error onto the reply, as the error handler would. */
export function withRetryAfter(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  return reply;
}
