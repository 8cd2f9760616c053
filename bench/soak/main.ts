/**
 * `npm run soak`: the reliability soak on a few hundred documents of the scale corpus
 * (`WENSHI_SOAK_DOCS`, default 300) with `WENSHI_SOAK_KILLS` kills (default 20). Prints documents
 * expected, stored and searchable, what was lost, duplicated or left unsearchable, searches that
 * failed during the reindex, and peak RSS; then the same for a queue-mode ingest through a restart
 * of a private redis-server; exits 1 unless every figure that must be 0 is. Takes
 * several minutes; never part of CI (test/soak.e2e.test.ts is its short version there).
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleRecords } from '../eval-scale-titles.js';
import { reportLines, runSoak, soakPassed } from './run.js';

const docs = Number(process.env.WENSHI_SOAK_DOCS ?? 300);
const kills = Number(process.env.WENSHI_SOAK_KILLS ?? 20);
const input = mkdtempSync(join(tmpdir(), 'wenshi-soak-input-'));
try {
  // Every k-th record, so the sample spans the corpus's categories (they come in blocks).
  const records: { id: string; text: string }[] = [];
  for await (const r of scaleRecords()) records.push({ id: r.id, text: r.text });
  const step = Math.max(1, Math.floor(records.length / docs));
  let written = 0;
  for (let i = 0; i < records.length && written < docs; i += step, written++) {
    writeFileSync(join(input, `${String(i).padStart(4, '0')}.txt`), records[i]!.text);
  }
  console.log(`soak: ${written} documents of the scale corpus, ${kills} kills`);
  const report = await runSoak({ input, kills, queries: ['人民政府', '管理', '应当遵守'], log: (l) => console.log(`  ${l}`) });
  for (const line of reportLines(report)) console.log(line);
  process.exitCode = soakPassed(report) ? 0 : 1;
} finally {
  rmSync(input, { recursive: true, force: true });
}
