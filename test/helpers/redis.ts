/**
 * Redis and worker processes for queue-mode tests: a unique key prefix per suite (cleaned after),
 * `wenshi worker` processes started through the real CLI, and a private redis-server the test may kill.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { BIN, ROOT } from './cli.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other suite uses, as a Cluster hash tag like the default `{wenshi}`. */
export function uniquePrefix(suite: string): string {
  return `{wenshi-test-${suite}-${randomBytes(4).toString('hex')}}`;
}

/** Deletes every key under a prefix. */
export async function clearPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 1000 })) keys.push(...(batch as string[]));
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  } finally {
    redis.disconnect();
  }
}

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined));
}

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  log: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `wenshi worker` and resolves once it says it is ready. */
export async function startWorker(name: string, env: Record<string, string | undefined>, args: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--name', name, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let waited = 0; !out.includes(`worker ${name} ready`); waited += 50) {
    if (child.exitCode !== null || waited > 60_000) throw new Error(`worker ${name} did not start:\n${out}`);
    await sleep(50);
  }
  return {
    name,
    child,
    exited,
    log: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function startWorkers(count: number, env: Record<string, string | undefined>, prefix = 'w', args: string[] = []): Promise<WorkerProcess[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => startWorker(`${prefix}${i + 1}`, env, args)));
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL): everything in it is lost. */
  kill: () => Promise<void>;
  /** Starts it again, empty, on the same port. */
  start: () => Promise<void>;
}

/** A redis-server of the test's own on a spare port, without persistence. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await sparePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 1 });
    probe.on('error', () => {});
    for (let i = 0; ; i += 1) {
      if ((await probe.ping().catch(() => null)) === 'PONG') break;
      if (i > 100) throw new Error(`redis-server on port ${port} did not start`);
      await sleep(50);
    }
    probe.disconnect();
  };
  const kill = async () => {
    const s = server;
    if (!s || s.exitCode !== null) return;
    const gone = new Promise((resolve) => s.on('exit', resolve));
    s.kill('SIGKILL');
    await gone;
  };
  await start();
  return { url, kill, start };
}
