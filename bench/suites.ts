/** Runs named suites (all, or those asked for), each under a heading. @module */
import { spawn } from 'node:child_process';

export interface SuiteOptions {
  /**
   * Run each suite in a process of its own when more than one runs. Timings are then not shaped by
   * what earlier suites left behind: after the queue suite's in-process ingest, jieba's `cut` in the
   * same process ran at about half its speed and analyze's ratio to it fell from 0.54 to 0.48.
   */
  isolate?: boolean;
}

/** Runs this same script for one suite in a child process (same Node flags, so the same loader). */
function runChild(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, name], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runSuites(
  kind: string,
  suites: Record<string, () => Promise<{ run: () => Promise<void> }>>,
  wanted: string[],
  opts: SuiteOptions = {},
): Promise<void> {
  const unknown = wanted.filter((w) => !(w in suites));
  if (unknown.length) throw new Error(`unknown ${kind} ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  const names = wanted.length ? wanted : Object.keys(suites);
  if (opts.isolate && names.length > 1) {
    const failed: string[] = [];
    for (const name of names) if ((await runChild(name)) !== 0) failed.push(name);
    if (failed.length) throw new Error(`${kind} failed: ${failed.join(', ')}`);
    return;
  }
  for (const name of names) {
    console.log(`\n=== ${kind}: ${name} ===`);
    await (await suites[name]!()).run();
  }
}
