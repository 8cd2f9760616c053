/**
 * What changes when the server listens beyond loopback (issue 19): every read of the API needs the
 * token too, the queue dashboard and its API included (they show server paths and Redis details);
 * requests must name one of this machine's names (DNS rebinding); searches are rate-limited per
 * client. The page sends the token as a header on its own requests and as a same-site cookie, so
 * links it opens (compare downloads, the dashboard) carry it too; writes take the header only.
 * @module
 */
import { hostname, networkInterfaces } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerOf, sameToken, sendError } from './security.js';

/** The cookie the page sets when the person enters the token. */
export const TOKEN_COOKIE = 'wenshi-token';

/** Paths that hold data; the page and its assets stay open so a person can enter the token. */
const GUARDED = /^\/(api|queues)(\/|$|\?)/;

function cookieToken(request: FastifyRequest): string {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return '';
      }
    }
  }
  return '';
}

/** The onRequest hook that makes reads need the token: the bearer header, or the page's cookie. */
export function readGuard(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!GUARDED.test(request.url)) return;
    const given = bearerOf(request) || cookieToken(request);
    if (!given || !sameToken(given, token)) {
      return sendError(reply, 401, 'unauthorized', 'this server is reachable from the network: reads need the header "Authorization: Bearer <WENSHI_TOKEN>" too');
    }
  };
}

/**
 * The names a request may give in its Host header when the server listens beyond loopback: the
 * loopback names, this machine's host name and addresses, the address it listens on, and any
 * names the operator adds (`WENSHI_ALLOWED_HOSTS`, comma-separated, for a DNS name or a proxy).
 */
export function allowedHosts(extra: readonly string[] = []): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname().toLowerCase()]);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
  for (const name of extra) if (name.trim()) names.add(name.trim().toLowerCase());
  return names;
}

/**
 * A token bucket per client: `perSecond` requests a second on average, up to `burst` at once.
 * Buckets left full are forgotten, so the map holds only clients seen lately.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new RangeError(`a rate limit needs perSecond > 0 and burst ≥ 1, not ${perSecond} and ${burst}`);
  }

  /** Takes one request's token; returns 0 when allowed, else the milliseconds until one is free. */
  take(client: string, now = Date.now()): number {
    const b = this.#buckets.get(client) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.#buckets.set(client, b);
      return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
    }
    b.tokens -= 1;
    this.#buckets.set(client, b);
    if (this.#buckets.size > 10_000) this.#forgetFull(now);
    return 0;
  }

  #forgetFull(now: number): void {
    for (const [client, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.#buckets.delete(client);
    }
  }
}

/** The onRequest hook of the search route: 429 with Retry-After once a client is over its rate. */
export function rateGuard(limiter: RateLimiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = limiter.take(request.ip);
    if (wait === 0) return;
    reply.header('retry-after', String(Math.ceil(wait / 1000)));
    return sendError(reply, 429, 'too_many_requests', `too many searches from ${request.ip}: at most ${limiter.perSecond} a second (${limiter.burst} at once)`);
  };
}

/** Registers the read guard; called only when the server is exposed (a token is then required). */
export function registerExposure(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', readGuard(token));
}
