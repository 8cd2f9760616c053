/**
 * A server listening beyond loopback (issue 19, exposure defaults): every GET of the API and the
 * queue dashboard refuses a request without the token, and takes it as a header or as the page's
 * cookie; writes still take the header only; the Host check stays on, for this machine's names;
 * searches are rate-limited per client. On loopback, reads stay open.
 */
import { hostname } from 'node:os';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../web/exposure.js';
import { Gate } from '../web/gate.js';
import { buildServer, type WebServer } from '../web/server.js';
import { queueConfig } from '../workers/queue/index.js';
import { tempDir } from './helpers/cli.js';
import { multipart } from './helpers/browser.js';
import { clearPrefix, REDIS_URL, uniquePrefix } from './helpers/redis.js';

const TOKEN = 'exposed-s3cret';
const HOST = { host: `${hostname()}:7800` };
const BEARER = { ...HOST, authorization: `Bearer ${TOKEN}` };
const COOKIE = { ...HOST, cookie: `theme=dark; wenshi-token=${TOKEN}` };

/** Every GET route of the API, and the dashboard's page and API. */
const READS = ['/api/search?q=政协', '/api/docs', '/api/docs/0123456789abcdef', '/api/findings?doc=0123456789abcdef',
  '/api/compare?local=0123456789abcdef&central=fedcba9876543210', '/api/status', '/queues/', '/queues/api/queues'];

const prefix = uniquePrefix('exposed');
let exposed: WebServer;

async function status(server: WebServer, opts: InjectOptions): Promise<number> {
  return (await server.app.inject(opts)).statusCode;
}

beforeAll(async () => {
  exposed = await buildServer({ dataDir: tempDir(), token: TOKEN, loopbackOnly: false, allowedHosts: ['wenshi.example'],
    queue: queueConfig({ REDIS_URL, WENSHI_QUEUE_PREFIX: prefix })! });
});

afterAll(async () => {
  await exposed?.app.close();
  await clearPrefix(prefix);
});

describe('a server reachable from the network', () => {
  it('refuses every GET of the API and the dashboard without the token', async () => {
    for (const url of READS) {
      const res = await exposed.app.inject({ url, headers: HOST });
      expect([url, res.statusCode]).toEqual([url, 401]);
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
      expect(await status(exposed, { url, headers: { ...HOST, authorization: 'Bearer wrong' } })).toBe(401);
    }
  });

  it('answers them with the token as a header or as the page\'s cookie', async () => {
    for (const url of READS) {
      expect([url, await status(exposed, { url, headers: BEARER })]).not.toEqual([url, 401]);
      expect([url, await status(exposed, { url, headers: COOKIE })]).not.toEqual([url, 401]);
    }
    expect(await status(exposed, { url: '/api/docs', headers: BEARER })).toBe(200);
    expect(await status(exposed, { url: '/queues/api/queues', headers: COOKIE })).toBe(200);
    // The page itself stays open, so a person can load it and enter the token.
    expect(await status(exposed, { url: '/', headers: HOST })).toBe(200);
  });

  it('takes writes by the header only, never by the cookie', async () => {
    const upload = multipart([{ name: 'note.txt', content: '关于令牌的通知\n\n一、写入须带令牌。\n' }]);
    expect(await status(exposed, { method: 'POST', url: '/api/ingest', payload: upload.payload, headers: { ...upload.headers, ...COOKIE } })).toBe(401);
    expect(await status(exposed, { method: 'POST', url: '/api/retry', payload: {}, headers: COOKIE })).toBe(401);
    expect(await status(exposed, { method: 'POST', url: '/api/retry', payload: {}, headers: BEARER })).toBe(200);
  });

  it('checks the Host header against this machine\'s names and the ones added', async () => {
    expect(await status(exposed, { url: '/api/docs', headers: { ...BEARER, host: 'evil.example:7800' } })).toBe(421);
    expect(await status(exposed, { url: '/api/docs', headers: { ...BEARER, host: 'wenshi.example' } })).toBe(200);
    expect(await status(exposed, { url: '/api/docs', headers: { ...BEARER, host: '127.0.0.1:7800' } })).toBe(200);
  });

  it('limits searches per client, with Retry-After, and leaves other clients alone', async () => {
    const search = (remoteAddress: string) => exposed.app.inject({ url: '/api/search?q=政协', headers: BEARER, remoteAddress });
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await search('10.0.0.7')).statusCode);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(20);
    const limited = await search('10.0.0.7');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await search('10.0.0.8')).statusCode).toBe(200);
  });

  it('will not start exposed without a token', async () => {
    await expect(buildServer({ dataDir: tempDir(), loopbackOnly: false, queue: null })).rejects.toThrow(/token/);
  });
});

describe('a server on loopback', () => {
  it('keeps reads open and searches unlimited', async () => {
    const local = await buildServer({ dataDir: tempDir(), token: TOKEN, queue: null });
    try {
      for (let i = 0; i < 40; i++) expect(await status(local, { url: '/api/search?q=政协', headers: { host: '127.0.0.1:7800' } })).toBe(200);
      expect(await status(local, { url: '/api/docs', headers: { host: '127.0.0.1:7800' } })).toBe(200);
    } finally {
      await local.app.close();
    }
  });
});

describe('ingest work shared by every upload', () => {
  it('runs uploads posted at once one batch at a time, each to the end', async () => {
    const server = await buildServer({ dataDir: tempDir(), queue: null });
    try {
      const posts = [1, 2, 3].map((n) => {
        const form = multipart([{ name: `note${n}.txt`, content: `关于第${n}次上传的通知\n\n一、第${n}项要求必须落实。\n` }]);
        return server.app.inject({ method: 'POST', url: '/api/ingest', payload: form.payload, headers: { ...form.headers, host: '127.0.0.1:7800' } });
      });
      const batches = (await Promise.all(posts)).map((r) => (r.json() as { batch: { id: string } }).batch.id);
      await server.ctx.batches.idle();
      expect(server.ctx.ingestGate.peak).toBe(1);
      for (const id of batches) expect(server.ctx.batches.get(id)!.files.map((f) => f.state)).toEqual(['stored']);
    } finally {
      await server.app.close();
    }
  });

  it('hands a freed place to the next in line, never to one arriving meanwhile', async () => {
    const gate = new Gate(2);
    let inside = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++inside);
      await new Promise((r) => setTimeout(r, 5));
      inside -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, () => gate.run(task)));
    expect([most, gate.peak, gate.waiting]).toEqual([2, 2, 0]);
    await expect(gate.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await gate.run(task);
    expect(() => new Gate(0)).toThrow(RangeError);
  });
});

describe('the rate limiter', () => {
  it('allows a burst, then refills at its rate', () => {
    const limiter = new RateLimiter(2, 3);
    expect([0, 1, 2, 3].map(() => limiter.take('a', 1000))).toEqual([0, 0, 0, 500]);
    expect(limiter.take('a', 1500)).toBe(0);
    expect(limiter.take('a', 1500)).toBe(500);
    expect(limiter.take('b', 1500)).toBe(0);
  });
});
