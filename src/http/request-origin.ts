/** Who sent a request, as the services need it: the client address (behind TRUST_PROXY) and the browser. */
import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from '../features/auth/email-link-service.js';

export function requestOrigin(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}
