/** `wenshi serve`: the HTTP API and the web page. @module */
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { dataDir, parsePositiveInt, UsageError } from '../context.js';

const DEFAULT_PORT = 7800;

const USAGE = `Usage: wenshi serve [--port P] [--host H] [--data DIR] [--max-upload-mb N]

Serves the web page and the JSON API (/api/search, /api/docs, /api/findings, /api/compare,
/api/ingest, /api/status, /api/retry) at http://127.0.0.1:${DEFAULT_PORT}/ by default.
Uploads and retries need "Authorization: Bearer <WENSHI_TOKEN>" when WENSHI_TOKEN is set; without a
token the server listens on loopback only. Beyond loopback, reads need the token too (the page asks
for it), requests must name this machine (add names with WENSHI_ALLOWED_HOSTS=a.example,b.example)
and each client may search 10 times a second. With REDIS_URL set, uploads go to the queue and the
BullMQ dashboard is at /queues/.`;

function urlOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export const serveCommand: Command = {
  name: 'serve',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        'max-upload-mb': { type: 'string' },
      },
    });
    const port = values.port === '0' ? 0 : parsePositiveInt('port', values.port) ?? DEFAULT_PORT;
    if (port > 65535) throw new UsageError('--port must be at most 65535');
    const maxMb = parsePositiveInt('max-upload-mb', values['max-upload-mb']);
    const host = values.host;
    // Loaded here so that `wenshi --help` does not pay for fastify and esbuild.
    const { checkBind, isLoopback } = await import('../../web/security.js');
    const token = process.env.WENSHI_TOKEN || undefined;
    try {
      checkBind(host, token);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const { buildServer } = await import('../../web/server.js');
    const { app } = await buildServer({
      dataDir: dataDir(values.data),
      token,
      loopbackOnly: isLoopback(host),
      allowedHosts: [host, ...(process.env.WENSHI_ALLOWED_HOSTS ?? '').split(',')],
      ...(maxMb ? { maxUploadBytes: maxMb * 1024 * 1024 } : {}),
    });
    await app.listen({ host, port });
    // Searches segment their queries on this thread: the whole dictionary now, before anyone waits on it, instead of
    // cut-down builds for the first few new queries (~20 ms each) and the whole at the fifth (~0.17 s in that search).
    const { segmenter } = await import('../../pipeline/segment/index.js');
    setImmediate(() => segmenter());
    const address = app.server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`wenshi 网页 web: ${urlOf(host, bound)}${token ? ' (写操作需要令牌 writes need the token)' : ''}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await app.close();
    return 0;
  },
};
