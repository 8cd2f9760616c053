/**
 * The segmentation thread's side of {@link Preparer}: segments the folded text of each batch of
 * documents it is sent and posts their word columns back, in the order the batches came.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { relieveMemory } from '../../memory.js';
import type { PrepareReply, PrepareRequest } from './preparer.js';
import { docWords } from './write.js';

const port = parentPort;
if (!port) throw new Error('prepare-thread runs only as a worker thread');
port.on('message', ({ id, inputs }: PrepareRequest) => {
  let reply: PrepareReply;
  try {
    reply = { id, words: inputs.map(docWords) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
  // This thread's heap grows as the writing thread's does (see memory.ts); it collects its own.
  relieveMemory();
});
