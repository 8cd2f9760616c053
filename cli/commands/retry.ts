/**
 * `wenshi retry`: runs every failed source again, from the file at its recorded path. A file fixed
 * since has other bytes, hence another hash: it is ingested as the new source and the failure of
 * the old bytes is forgotten. Same mode as `ingest` (queued when REDIS_URL is set).
 * @module
 */
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { planRetry } from '../../workers/retry.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { printJson } from '../context.js';
import { ingestPaths, parseReadFlags, READ_OPTIONS } from './ingest.js';

const USAGE = `Usage: wenshi retry [--data DIR] [--json] [--detach] [--level …] [--max-bytes N] [--ocr-lang L] [--ocr-dpi N] [--ocr-psm N]

Re-reads each failed file from its path and ingests it again (queued when REDIS_URL is set).
A file whose bytes changed (you fixed it) replaces its old failed record; one that is gone stays failed.
The read flags are ingest's: a scan that OCR could not read may be retried with another --ocr-lang.
Prints the same summary as \`wenshi ingest\`; exit code 1 when any file failed again.`;

export const retryCommand: Command = {
  name: 'retry',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        detach: { type: 'boolean', default: false },
        ...READ_OPTIONS,
      },
    });
    const read = parseReadFlags(values);
    const archive = openArchive(values.data);
    try {
      const plan = await planRetry(archive);
      for (const path of plan.gone) process.stderr.write(`wenshi retry: ${path} is gone; it stays failed\n`);
      const paths = plan.files.map((f) => f.path);
      if (paths.length === 0) {
        if (values.json) printJson({ sources: 0, documents: 0, unchanged: 0, failed: [] });
        else process.stdout.write('没有失败的文件 nothing to retry\n');
        return 0;
      }
      try {
        return await ingestPaths(paths, archive, {
          json: values.json, detach: values.detach, ...read,
        });
      } finally {
        // Web uploads put back from the content store for this retry: their bytes stay there.
        for (const path of plan.restored) await rm(path, { force: true });
      }
    } finally {
      archive.close();
    }
  },
};
