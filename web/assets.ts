/**
 * The page and its assets, all from this server: the front end's TypeScript bundled in memory by
 * esbuild when the server starts (no build step, no CDN), the stylesheet and page from `web/public/`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { packagePath } from '../pipeline/package-files.js';
import fastifyStatic from '@fastify/static';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const PUBLIC = packagePath('web/public/');
const ENTRY = packagePath('web/client/main.ts');

/** The front end as one ES module. */
export async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function registerAssets(app: FastifyInstance): Promise<void> {
  const [script, page] = await Promise.all([bundleClient(), readFile(`${PUBLIC}index.html`, 'utf8')]);
  // Registered before the static folder: a fixed route wins over its wildcard.
  app.get('/assets/app.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script));
  await app.register(fastifyStatic, { root: PUBLIC, prefix: '/assets/', index: false, wildcard: true });
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
}
