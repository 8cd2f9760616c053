/**
 * The BullMQ dashboard (bull-board) under `/queues` in queue mode. With a token set it is read-only,
 * since a browser page cannot send the bearer header its buttons would need.
 * @module
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { QueueClient } from '../workers/queue/index.js';
import { writeGuard } from './security.js';

export const DASHBOARD_PATH = '/queues';

type BoardOptions = Parameters<typeof createBullBoard>[0];

export async function mountDashboard(app: FastifyInstance, client: QueueClient, token: string | undefined): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const readOnlyMode = Boolean(token);
  createBullBoard({
    queues: [new BullMQAdapter(client.extract, { readOnlyMode }), new BullMQAdapter(client.store, { readOnlyMode })],
    // @bull-board/fastify 9.10.1 carries its own @bull-board/api 9.10.1 beside our 9.10.2: same shape, two declarations.
    serverAdapter: serverAdapter as unknown as BoardOptions['serverAdapter'],
    options: { uiConfig: { boardTitle: 'wenshi 队列' } },
  });
  const guard = writeGuard(undefined);
  await app.register(async (scope) => {
    // Its write actions (retry, clean, pause) are same-origin only, like ours.
    scope.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return guard(request, reply);
    });
    // Its page links Google Fonts; the CSP would block the request, but better not to ask at all.
    scope.addHook('onSend', async (_request, reply, payload) =>
      typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')
        ? payload.replace(/<link[^>]*fonts\.googleapis\.com[^>]*>/g, '')
        : payload);
    await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
