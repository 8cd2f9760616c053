/**
 * Runs the real `wenshi` CLI as a user would, in a child process, against a data folder of the test's own.
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'wenshi.js');
export const SEED = join(ROOT, 'corpus', 'seed', '000_7bf2245de4f05e93.txt');
export const FIXTURES = join(ROOT, 'corpus', 'fixtures');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'wenshi-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function wenshi(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // Decoded by the stream, so a character split across two pipe chunks is not turned into U+FFFD.
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs a command with `--json` and parses its output, failing loudly with stderr when it is not JSON. */
export async function wenshiJson<T>(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; json: T }> {
  const r = await wenshi([...args, '--json'], env);
  try {
    return { code: r.code, json: JSON.parse(r.stdout) as T };
  } catch {
    throw new Error(`wenshi ${args.join(' ')} exited ${r.code} without JSON.\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}
