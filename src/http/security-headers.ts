/**
 * Security headers on every response. They never change at run time, so they are built once
 * and copied onto each reply: cheaper than computing them per request.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeaderOptions {
  /** True when the public URL is https: adds HSTS and upgrade-insecure-requests. */
  https: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** True for the embeddable views, which any site may show in a frame. */
    frameable?: boolean;
    /**
     * True for the roadmap editor: its code editor (CodeMirror) styles itself with style
     * elements and attributes. Scripts stay `'self'` only, and nothing on that page renders
     * user HTML unsanitised.
     */
    inlineStyles?: boolean;
  }
}

export function contentSecurityPolicy(
  https: boolean,
  { frameable = false, inlineStyles = false }: { frameable?: boolean; inlineStyles?: boolean } = {},
): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    frameable ? 'frame-ancestors *' : "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

export function securityHeaders({ https }: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(https),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  if (https) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

/** The same headers for a view other sites may frame: any ancestor, and no X-Frame-Options. */
export function frameableHeaders({ https }: SecurityHeaderOptions): Record<string, string> {
  const { 'x-frame-options': _deny, ...rest } = securityHeaders({ https });
  return { ...rest, 'content-security-policy': contentSecurityPolicy(https, { frameable: true }) };
}

async function plugin(app: FastifyInstance, opts: SecurityHeaderOptions): Promise<void> {
  const headers = securityHeaders(opts);
  const framed = frameableHeaders(opts);
  const styled = { ...headers, 'content-security-policy': contentSecurityPolicy(opts.https, { inlineStyles: true }) };
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    reply.headers(config?.frameable === true ? framed : config?.inlineStyles === true ? styled : headers);
  });
}

export const securityHeadersPlugin = fp(plugin, { name: 'security-headers' });
