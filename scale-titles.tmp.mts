import { createReadStream, readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { classify } from './pipeline/classify/index.ts';
import { extract } from './pipeline/extract/index.ts';
import { normalize } from './pipeline/normalize/index.ts';
import { structure } from './pipeline/structure/index.ts';
const exp = JSON.parse(readFileSync('/work/shared/corpus/public/expected.json', 'utf8'));
const heldTitles = new Set(exp.filter((e: any) => /^(pair1[012]-|govcn-r32|govcn-r50)/.test(e.file)).map((e: any) => e.title));
const rl = createInterface({ input: createReadStream('/work/shared/corpus/scale/laws.jsonl.gz').pipe(createGunzip()) });
const stats: Record<string, [number, number]> = {};
const misses: string[] = [];
const levels: Record<string, number> = {};
for await (const line of rl) {
  const r = JSON.parse(line);
  if (/^gwr:(1993|2024)$/.test(r.id) || heldTitles.has(r.title)) continue;
  const cat = r.id.startsWith('lawrefbook:DLC') ? 'local' : r.id.split(':')[0] + (r.id.startsWith('lawrefbook:') ? ':' + r.id.split(':')[1].split('/')[0] : '');
  const ext = r.id.startsWith('lawrefbook') ? '.md' : '.txt';
  const drafts = structure(normalize(await extract({ path: 'x' + ext, bytes: Buffer.from(r.text) })));
  const m = classify(drafts[0]!, { sourceName: 'x' + ext }).meta;
  const s = (stats[cat] ??= [0, 0]); s[1]++;
  if (m.title === r.title) s[0]++; else if (misses.length < 400) misses.push(`${cat} | ${r.title} | ${m.title} | ${m.rules.title}`);
  const lk = `${cat} ${m.level} ${m.type}`; levels[lk] = (levels[lk] ?? 0) + 1;
}
console.log(stats);
console.log(Object.entries(levels).sort((a, b) => b[1] - a[1]).slice(0, 60));
console.log(misses.join('\n'));
