/**
 * What keeps the server safe to run: loopback-only binding without a token, the bearer token on
 * write endpoints, same-origin writes, a Host check against DNS rebinding, and response headers
 * that forbid any request leaving the app (CSP) and any sniffing of content types.
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorZh } from './messages.js';

/** True for names and addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (h.startsWith('::ffff:')) return isLoopback(h.slice(7));
  return isIPv4(h) && h.startsWith('127.');
}

/** Throws when binding `host` would expose write endpoints to the network without a token. */
export function checkBind(host: string, token: string | undefined): void {
  if (isLoopback(host) || token) return;
  throw new Error(`refusing to listen on ${host} without WENSHI_TOKEN: set a token (uploads and retries then need ` +
    '"Authorization: Bearer <token>"), or listen on 127.0.0.1');
}

/** Host header without its port (`[::1]:7800` → `::1`). */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  return isIPv6(header) ? header : header.replace(/:\d+$/, '');
}

/** The bearer token of a request's Authorization header, or ''. */
export function bearerOf(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A JSON error body: a stable code, an English sentence for scripts and logs, and the Chinese one the page shows. */
export function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error, message, zh: errorZh(error) });
}

/**
 * The preHandler of write endpoints: same-origin only (a page elsewhere cannot post a form here),
 * and the bearer token when one is set.
 */
export function writeGuard(token: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        // Not a URL (e.g. "null" from a sandboxed frame): treated as another origin.
      }
      if (originHost !== request.headers.host) {
        return sendError(reply, 403, 'forbidden_origin', `writes are accepted only from this server's own pages, not from ${origin}`);
      }
    }
    if (!token) return;
    const given = bearerOf(request);
    if (!given || !sameToken(given, token)) {
      return sendError(reply, 401, 'unauthorized', 'this endpoint needs the header "Authorization: Bearer <WENSHI_TOKEN>"');
    }
  };
}

/** Content-Security-Policy for every response: scripts, styles, fonts and requests from this server only. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The queue dashboard (bull-board) sets inline styles; our own pages do not need them.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Adds the response headers, and rejects requests whose Host names another machine than this one:
 * loopback names when the server listens on loopback only, else those of `allowedHosts`. A
 * DNS-rebinding page would otherwise talk to us as a same-origin page.
 */
export function registerSecurity(app: FastifyInstance, opts: { loopbackOnly: boolean; allowedHosts: ReadonlySet<string> }): void {
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    const name = host ? hostName(host).toLowerCase() : '';
    if (opts.loopbackOnly ? !isLoopback(name) : !(isLoopback(name) || opts.allowedHosts.has(name))) {
      const names = opts.loopbackOnly ? 'localhost / 127.0.0.1' : 'this machine\'s names (add others with WENSHI_ALLOWED_HOSTS)';
      return sendError(reply, 421, 'bad_host', `this server answers only to ${names}, not to "${host ?? ''}"`);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    // A route that sets its own policy (an original file framed by our page) keeps it, stricter in all else.
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
}
