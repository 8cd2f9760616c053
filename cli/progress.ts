/**
 * Progress bars for the commands that walk many files or documents; apart from `context.ts` so the
 * commands that print one page do not load cli-progress.
 * @module
 */
import cliProgress from 'cli-progress';

/** A progress bar on stderr for people at a terminal; none with `--json` or when stderr is not a terminal. */
export function progressBar(json: boolean, format: string): cliProgress.SingleBar | null {
  return process.stderr.isTTY && !json ? new cliProgress.SingleBar({ format, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
}

/** Progress over the archive's documents, for commands that go through all of them (reindex, reanalyze). */
export function documentProgress(json: boolean): { onProgress: (done: number, total: number) => void; stop: () => void } {
  const bar = progressBar(json, '{bar} {value}/{total} 文档 documents');
  return {
    onProgress: (done, total) => {
      if (!bar?.isActive) bar?.start(total, 0);
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}
