/**
 * Requests Node rejects before Fastify sees them (headers over the size limit, an unknown method,
 * a malformed request line) still get the documented answer: the JSON error shape for the API and
 * other JSON paths, a short page for the site. The connection is closed afterwards.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERRORS, errorBody, type ErrorCode } from '../errors.js';
import { wantsJson } from './error-handler.js';

function classify(code: string | undefined): ErrorCode {
  if (code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  if (code === 'HPE_INVALID_METHOD') return 'method_not_allowed';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'invalid_input';
}

/** The path of the request line, read from the bytes Node kept (`/` when there is none). */
function pathOf(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '/';
  const line = rawPacket.subarray(0, Math.min(rawPacket.length, 2048)).toString('latin1').split('\r\n')[0] ?? '';
  return line.split(' ')[1] ?? '/';
}

export function clientErrorHandler(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node itself does: a response already under way on this connection must not get a second
  // one spliced into it; the connection is closed instead.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy(error);
    return;
  }
  const code = classify(error.code);
  const { status, message } = ERRORS[code];
  const json = wantsJson(pathOf(error.rawPacket));
  const body = json
    ? JSON.stringify(errorBody(code))
    : `<!doctype html><html lang="en"><meta charset="utf-8"><title>Error ${status} · Milepost</title><h1>We could not handle that request</h1><p>${message}</p><p>Go back to <a href="/">all roadmaps</a>.</p></html>`;
  const type = json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
