/**
 * A content thread's side of {@link ContentPool}: takes its sources one at a time, in the order
 * posted, runs the content stages on each and posts the result, or the failure with its code and
 * stage, back.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { runContent } from './content.js';
import type { ContentReply, ContentJob } from './content-pool.js';
import { toWire } from './content-wire.js';
import { toFailure } from './errors.js';
import { relieveMemory } from './memory.js';

const port = parentPort;
if (!port) throw new Error('content-thread runs only as a worker thread');
port.on('message', ({ id, request }: ContentJob) => {
  let reply: ContentReply;
  try {
    reply = { id, result: toWire(runContent(request)) };
  } catch (err) {
    reply = { id, failure: toFailure(err, 'analyze') };
  }
  port.postMessage(reply);
  // This thread's heap grows as the main thread's does (see memory.ts); it collects its own.
  relieveMemory();
});
