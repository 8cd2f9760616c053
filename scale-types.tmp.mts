import { createReadStream, readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { classify } from './pipeline/classify/index.ts';
import { extract } from './pipeline/extract/index.ts';
import { normalize } from './pipeline/normalize/index.ts';
import { structure } from './pipeline/structure/index.ts';
const want = process.argv[2]!;
const rl = createInterface({ input: createReadStream('/work/shared/corpus/scale/laws.jsonl.gz').pipe(createGunzip()) });
for await (const line of rl) {
  const r = JSON.parse(line);
  if (/^gwr:(1993|2024)$/.test(r.id) || !r.id.startsWith(want)) continue;
  const ext = r.id.startsWith('lawrefbook') ? '.md' : '.txt';
  const d = structure(normalize(await extract({ path: 'x' + ext, bytes: Buffer.from(r.text) })))[0]!;
  const m = classify(d, { sourceName: 'x' + ext }).meta;
  if (process.argv[3] && !(`${m.level} ${m.type}`).match(new RegExp(process.argv[3]))) continue;
  console.log(r.id, '|', m.title, '|', m.type, m.level, m.issuer, m.date, '|', m.rules.type, '|', m.rules.issuer);
}
