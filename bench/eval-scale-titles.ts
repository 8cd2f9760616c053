/**
 * Title eval at scale: every LawRefBook law and gov.cn page of `../shared/corpus/scale/laws.jsonl.gz`
 * (3,500 real documents no rule was written from) through extract → classify, against the record's own
 * title. Work reports and congress reports are left out: their record titles follow the dataset's
 * naming (`2019年中华人民共和国国务院政府工作报告`), not the document. Documents held out of the public
 * corpus are skipped here too.
 * @module
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { classify } from '../pipeline/classify/index.js';
import { extract } from '../pipeline/extract/index.js';
import { normalize } from '../pipeline/normalize/index.js';
import { structure } from '../pipeline/structure/index.js';
import { HELD_OUT, loadExpected } from './eval-public.js';

export const SCALE_CORPUS = fileURLToPath(new URL('../../shared/corpus/scale/laws.jsonl.gz', import.meta.url));

interface ScaleRecord {
  id: string;
  title: string;
  text: string;
}

/** The corpus, one record at a time. */
export async function* scaleRecords(path = SCALE_CORPUS): AsyncGenerator<ScaleRecord> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as ScaleRecord;
}

const category = (id: string): string => (id.startsWith('lawrefbook:DLC/') ? 'local regulations' : id.startsWith('lawrefbook:') ? 'national laws and rules' : 'gov.cn pages');

export async function run(): Promise<void> {
  if (!existsSync(SCALE_CORPUS)) {
    console.log(`scale corpus not found at ${SCALE_CORPUS}; skipped`);
    return;
  }
  const heldOutTitles = new Set(loadExpected().filter((e) => HELD_OUT.test(e.file)).map((e) => e.title));
  const scores = new Map<string, { right: number; total: number }>();
  const misses: string[] = [];
  for await (const r of scaleRecords()) {
    if (!/^(lawrefbook|govcn):/.test(r.id) || heldOutTitles.has(r.title)) continue;
    const name = r.id.startsWith('lawrefbook:') ? 'law.md' : 'page.txt';
    const drafts = structure(normalize(await extract({ path: name, bytes: Buffer.from(r.text) })));
    const title = classify(drafts[0]!, { sourceName: name }).meta.title;
    const s = scores.get(category(r.id)) ?? { right: 0, total: 0 };
    scores.set(category(r.id), s);
    s.total++;
    if (title === r.title) s.right++;
    else misses.push(`${r.id}: ${JSON.stringify(title)} ≠ ${JSON.stringify(r.title)}`);
  }
  for (const [name, s] of scores) console.log(`${name.padEnd(24)} ${(s.right / s.total).toFixed(3)} (${s.right}/${s.total})`);
  if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
}
