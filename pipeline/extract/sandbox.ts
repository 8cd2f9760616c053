/**
 * Extraction under a memory budget. The parsers of DOCX, PDF, HTML and OFD can be driven to hold far
 * more than the file (a DOCX's or OFD's XML inflated and parsed whole, a PDF's object graph, a DOM): such a
 * file used to exhaust the heap and kill the process with the rest of its batch. These formats are
 * extracted in child processes whose memory is capped twice: V8's heap (`--max-old-space-size`)
 * and the whole process's resident memory, read from /proc while a file is being extracted (a
 * parser's buffers live outside the heap). A file that outgrows the budget ends its process, not
 * ours, and fails alone with TOO_LARGE naming the budget. (A worker thread's `resourceLimits` was
 * tried first: a large allocation past its limit takes the whole process down.) Text and Markdown
 * (read linearly) and images (OCR runs in tesseract's own process) stay in this process. Children
 * are kept for the next file, at most one per core, and never keep this process alive when idle.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { entryBeside } from '../package-files.js';
import { PipelineError, type ErrorCode, type Stage } from '../errors.js';
import type { Extraction, Format, SourceInput } from '../types.js';
import { extract, pickExtractor, type ExtractOptions } from './index.js';
import type { OcrProgress } from './ocr.js';

/**
 * Resident memory, in MiB, an extraction process may use, its own code and libraries included
 * (256 MiB = 268 MB: a poison file is stopped before its process holds 300 MB). A compiled child
 * holds ~75 MiB idle and ~165 MiB at the end of the seed's 20-page PDF, with V8's heap capped at
 * half the budget.
 */
export const DEFAULT_EXTRACT_MEMORY_MB = 256;
/**
 * What a child run through tsx (a checkout whose dist/ is missing or stale) holds beyond a compiled
 * one: tsx's loader is a second V8 isolate with its own transpiled modules (~130 MiB measured on
 * the seed's PDF). It is allowed on top of the budget, which is about the file, not the loader.
 */
const TSX_LOADER_MB = 160;

const SANDBOXED: ReadonlySet<Format> = new Set(['docx', 'pdf', 'html', 'ofd']);
const CHILD = fileURLToPath(entryBeside(import.meta.url, 'sandbox-child'));
/** How often a busy child's resident memory is read. */
const WATCH_MS = 25;
const PAGE_BYTES = 4096;

export interface SandboxRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
  opts: ExtractOptions;
}

/** A child's first message: it listens, and whether it runs through tsx. */
export interface ChildReady {
  ready: true;
  tsx: boolean;
}

export type SandboxReply =
  | { id: number; extraction: Extraction }
  | { id: number; progress: OcrProgress }
  | { id: number; error: { code?: ErrorCode; message: string; stage?: Stage } };

interface Job {
  request: SandboxRequest;
  onPage: ((progress: OcrProgress) => void) | undefined;
  resolve: (extraction: Extraction) => void;
  reject: (err: Error) => void;
}

/** Resident bytes of a process from /proc (Linux); null where there is no /proc. */
function residentBytes(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return null;
  }
}

/** What a compiled child holds outside V8's old space: its code, Node's own memory (~75 MiB idle), and some slack. */
const OUTSIDE_HEAP_MB = 96;
/** V8's old-space limit in a child with this budget: what the rest of the process leaves. */
const heapMb = (memoryMb: number): number => Math.max(32, memoryMb - OUTSIDE_HEAP_MB);

/** Children with one memory budget: each extracts one file at a time. */
class ChildPool {
  readonly #idle: ChildProcess[] = [];
  readonly #queue: Job[] = [];
  readonly #live = new Set<ChildProcess>();
  /** Each child's resident-memory cap in bytes, known once it is ready. */
  readonly #capBytes = new Map<ChildProcess, number>();

  constructor(
    readonly memoryMb: number,
    readonly size: number,
  ) {}

  run(request: SandboxRequest, onPage?: (progress: OcrProgress) => void): Promise<Extraction> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, onPage, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const child = this.#idle.pop();
      if (!child) {
        if (this.#live.size < this.size) this.#start();
        return;
      }
      this.#runOn(child, this.#queue.shift()!);
    }
  }

  #start(): ChildProcess {
    const child = fork(CHILD, [], {
      // V8's old space capped below the budget: a child reused for many files collects its garbage
      // before its resident memory (heap + code + a parser's buffers) reaches the budget, so only a
      // file that really needs more is stopped (a 20-page PDF once was, in a child that never collected).
      // Capped at half, a 4 MiB document.xml ran out of heap with the process at 180 MiB.
      execArgv: [`--max-old-space-size=${heapMb(this.memoryMb)}`],
      serialization: 'advanced',
      // Its output (V8's out-of-memory report) is not ours to print, and a pipe would keep this process alive.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    this.#live.add(child);
    // Handed its first file once it listens.
    child.once('message', (ready: ChildReady) => {
      this.#capBytes.set(child, (this.memoryMb + (ready.tsx ? TSX_LOADER_MB : 0)) * 1024 * 1024);
      child.unref();
      child.channel?.unref();
      this.#idle.push(child);
      this.#dispatch();
    });
    // However it ends, it is never handed a file again.
    child.once('exit', () => {
      this.#live.delete(child);
      this.#capBytes.delete(child);
      const at = this.#idle.indexOf(child);
      if (at >= 0) this.#idle.splice(at, 1);
      this.#dispatch();
    });
    return child;
  }

  #runOn(child: ChildProcess, job: Job): void {
    child.ref();
    child.channel?.ref();
    let overBudget = false;
    const cap = this.#capBytes.get(child)!;
    const watch = setInterval(() => {
      const rss = child.pid === undefined ? null : residentBytes(child.pid);
      if (rss !== null && rss > cap) {
        overBudget = true;
        child.kill('SIGKILL');
      }
    }, WATCH_MS);
    const done = () => {
      clearInterval(watch);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const onMessage = (reply: SandboxReply) => {
      if (reply.id !== job.request.id) return;
      if ('progress' in reply) {
        job.onPage?.(reply.progress);
        return;
      }
      done();
      child.unref();
      child.channel?.unref();
      this.#idle.push(child);
      if ('extraction' in reply) job.resolve(reply.extraction);
      else if (reply.error.code) job.reject(new PipelineError(reply.error.code, reply.error.message, reply.error.stage ?? 'extract'));
      else job.reject(new Error(reply.error.message));
      this.#dispatch();
    };
    // The child is gone mid-file: killed over budget, or out of heap (V8 aborts), or crashed.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      const outOfMemory = overBudget || signal === 'SIGABRT' || code === 134;
      job.reject(outOfMemory
        ? new PipelineError('TOO_LARGE', `extracting the file needed more than the ${this.memoryMb} MiB memory budget (extractMemoryMb); it was stopped`, 'extract')
        : new PipelineError('INTERNAL', `the extraction process ended (${signal ?? `exit code ${code}`}) before answering`, 'extract'));
    };
    const onError = (err: Error) => {
      done();
      child.kill('SIGKILL');
      job.reject(new PipelineError('INTERNAL', `the extraction process failed: ${err.message}`, 'extract'));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.on('error', onError);
    child.send(job.request);
  }
}

/** Whether the file goes to a child; a file nothing claims fails in `extract` with its usual error. */
function sandboxed(input: SourceInput): boolean {
  try {
    return input.bytes.length > 0 && SANDBOXED.has(pickExtractor(input.bytes, input.path).format);
  } catch {
    return false;
  }
}

const pools = new Map<number, ChildPool>();
let nextId = 0;

/** Extracts a source, in a memory-capped child for the formats whose parsers can blow up (see above). */
export async function extractBounded(input: SourceInput, opts: ExtractOptions = {}): Promise<Extraction> {
  const { memoryMb = DEFAULT_EXTRACT_MEMORY_MB, ...extractOpts } = opts;
  if (!(Number.isInteger(memoryMb) && memoryMb >= 64)) throw new RangeError(`extractMemoryMb must be a whole number ≥ 64, not ${memoryMb}`);
  if (!sandboxed(input)) return extract(input, extractOpts);
  let pool = pools.get(memoryMb);
  if (!pool) {
    pool = new ChildPool(memoryMb, Math.min(4, availableParallelism()));
    pools.set(memoryMb, pool);
  }
  // A callback cannot cross into the child: it reports pages read as messages, passed on here.
  const { onPage, ...ocr } = extractOpts.ocr ?? {};
  const childOpts = extractOpts.ocr ? { ...extractOpts, ocr } : extractOpts;
  return pool.run({ id: nextId++, path: input.path, bytes: input.bytes, opts: { ...childOpts, memoryMb } }, onPage);
}
