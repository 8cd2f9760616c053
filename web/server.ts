/**
 * The web application: the JSON API (mirroring the CLI), the page and its assets, and in queue mode
 * the BullMQ dashboard, on one fastify instance. `buildServer` does not listen, so tests can
 * `inject()` requests; `wenshi serve` listens.
 * @module
 */
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { catchUpIndex } from '../pipeline/indexing.js';
import { registerAssets } from './assets.js';
import { closeContext, createContext, type WebContext, type WebOptions } from './context.js';
import { DASHBOARD_PATH, mountDashboard } from './dashboard.js';
import { registerErrors } from './errors.js';
import { compareRoutes } from './routes/compare.js';
import { compileRoutes } from './routes/compile.js';
import { docsRoutes } from './routes/docs.js';
import { findingsRoutes } from './routes/findings.js';
import { ingestRoutes } from './routes/ingest.js';
import { searchRoutes } from './routes/search.js';
import { statusRoutes } from './routes/status.js';
import { registerExposure } from './exposure.js';
import { registerSecurity } from './security.js';

export type { WebOptions };

export interface WebServer {
  app: FastifyInstance;
  ctx: WebContext;
}

export async function buildServer(opts: WebOptions): Promise<WebServer> {
  const ctx = createContext(opts);
  const app = Fastify({
    logger: opts.logger ?? false,
    // Unknown parameters are errors, not silently dropped: a typo should not return unfiltered results.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  });
  app.addHook('onClose', async () => {
    // Runs still writing to the archive or the index finish before either is closed.
    await ctx.batches.idle();
    await closeContext(ctx);
  });
  try {
    registerSecurity(app, { loopbackOnly: !ctx.exposed, allowedHosts: ctx.allowedHosts });
    if (ctx.exposed) registerExposure(app, ctx.token!);
    registerErrors(app);
    await app.register(fastifyMultipart, { throwFileSizeLimit: false });
    searchRoutes(app, ctx);
    docsRoutes(app, ctx);
    findingsRoutes(app, ctx);
    compareRoutes(app, ctx);
    ingestRoutes(app, ctx);
    compileRoutes(app, ctx);
    statusRoutes(app, ctx, { dashboard: ctx.queue ? `${DASHBOARD_PATH}/` : null });
    if (ctx.queue) await mountDashboard(app, ctx.queue, ctx.token);
    await registerAssets(app);
    await app.ready();
    // Sources stored but never indexed (a process killed in between) become searchable without an
    // ingest first; in the background, tracked so that closing waits for it.
    ctx.batches.track(catchUpIndex(ctx.archive, ctx.engine).then(
      (c) => { if (c.indexed || c.notIndexed.length) app.log.info(`index catch-up: ${c.indexed} indexed, ${c.notIndexed.length} still waiting`); },
      (err: unknown) => app.log.error(err),
    ));
  } catch (err) {
    await app.close();
    throw err;
  }
  return { app, ctx };
}
