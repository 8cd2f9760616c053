/**
 * Copies of one document as an archive gathers them: the central consultation opinion reprinted
 * by a site (a line added) and re-exported as a web page with a Chinese file name. Both are
 * archived as near-duplicates of the original, through the real pipeline.
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../pipeline/search/index.js';
import { Archive } from '../../pipeline/store/archive.js';
import { ingestEmbedded } from '../../workers/embedded.js';
import { ROOT } from './cli.js';

export const CENTRAL_OPINION = join(ROOT, 'corpus', 'compare', 'central-consultation.txt');

/** The web page's file name: Chinese, with a space, as a download must give it back. */
export const HTML_COPY_NAME = '协商工作意见 网页版.html';

/** The ids of the two copies, each archived as a near-duplicate of the original. */
export async function archiveCopies(dataDir: string): Promise<{ reprint: string; html: string }> {
  const text = readFileSync(CENTRAL_OPINION, 'utf8');
  const dir = join(dataDir, 'copies');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '转载-协商工作意见.txt'), `${text}\n（本文转载自某网站）\n`);
  const [title, ...body] = text.split('\n').filter((l) => l.trim());
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>\n${
    body.map((l) => `<p>${l}</p>`).join('\n')}\n<p>来源：某市政协网站</p><script>document.title='x'</script></body></html>`;
  writeFileSync(join(dir, HTML_COPY_NAME), html);
  const archive = new Archive(dataDir);
  const engine = createEngine({ dataDir });
  try {
    const summary = await ingestEmbedded([dir], archive, { engine });
    if (summary.failed.length > 0) throw new Error(`copies failed: ${JSON.stringify(summary.failed)}`);
    const of = (name: string) => {
      const dup = summary.nearDuplicates.find((d) => d.path.endsWith(name));
      if (!dup) throw new Error(`${name} was not archived as a near-duplicate: ${JSON.stringify(summary.nearDuplicates)}`);
      return dup.docId;
    };
    return { reprint: of('转载-协商工作意见.txt'), html: of(HTML_COPY_NAME) };
  } finally {
    archive.close();
    await engine.close();
  }
}
