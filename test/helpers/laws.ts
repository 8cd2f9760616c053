/**
 * Index documents from real laws: every `every`-th record of the scale corpus, each with requirement
 * findings on its first three sentences holding 应当 (kinds alternating), so the finding-kind facet
 * and findings mode have rows.
 * @module
 */
import { scaleRecords } from '../../bench/eval-scale-titles.js';
import type { IndexDocument } from '../../pipeline/search/index.js';

export async function scaleLaws(every: number): Promise<IndexDocument[]> {
  const docs: IndexDocument[] = [];
  let i = 0;
  for await (const r of scaleRecords()) {
    if (i++ % every !== 0) continue;
    const id = `law-${docs.length}`;
    const sentences = [...r.text.matchAll(/[^。\n]*应当[^。\n]*。/gu)].slice(0, 3);
    docs.push({
      id, title: r.title, type: 'law', level: 'central', region: null, issuer: null, year: 2000, date: null, docNumber: null,
      text: r.text, sections: [],
      findings: sentences.map((m, k) => ({
        id: `${id}#f${k}`, clausePath: '', type: 'requirement', kind: k % 2 ? 'meeting' : 'mechanism', modality: 'must',
        sentence: m[0], start: m.index, end: m.index + m[0].length,
      })),
    });
  }
  return docs;
}
