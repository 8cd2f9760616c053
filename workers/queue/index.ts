/**
 * Queue mode (BullMQ on Redis): the public surface the CLI uses. The pipeline never imports this.
 * @module
 */
export { queueConfig, type QueueConfig } from './config.js';
export { QueueClient } from './client.js';
export { enqueueBatch, BatchRun, type EnqueueOptions } from './enqueue.js';
export { followBatch, type FollowOptions } from './follow.js';
export { runWorker, defaultWorkerName, type WorkerRunOptions } from './run-worker.js';
export { queueStatus, progressOf, type QueueStatus, type BatchProgress } from './status.js';
export { STAGES, type QueueStage } from './jobs.js';
