/**
 * The normalize stage: extracted blocks in, clean paragraphs out, with a count of every kind of
 * change made. Pure and synchronous; never adds words, only removes artefacts and rejoins text.
 * @module
 */
import type { ChangeCounts, ChangeKind, Extraction, Normalized, Paragraph } from '../types.js';
import { totalChanges, withChange } from './changes.js';
import { defaultChromeRules, removeChrome } from './chrome.js';
import { removeFooter } from './footer.js';
import { joinBrokenLines } from './joins.js';
import { removeScrapeNoise } from './noise.js';
import { fixDoubledLabels, removePageNumbers } from './numbering.js';
import { collapseSpaces, halfWidth, plainSpaces, splitCompleteLines, unwrapLines } from './width.js';

/** Changes that belong to no surviving paragraph: removed chrome, dropped empty lines. */
class Unattached {
  readonly counts: ChangeCounts = {};

  add(kind: ChangeKind, n = 1): void {
    if (n > 0) this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }
}

/** Keeps `heading`/`page`/`changes` only when present, so paragraphs compare cleanly. */
function paragraph(text: string, from: Paragraph): Paragraph {
  const p: Paragraph = { text };
  if (from.heading !== undefined) p.heading = from.heading;
  if (from.page !== undefined) p.page = from.page;
  if (from.changes !== undefined) p.changes = from.changes;
  return p;
}

/** Wraps, width and spacing per block; `whitespace` counts blocks whose spacing changed (trim included). */
function prepare(blocks: readonly Paragraph[], unattached: Unattached): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    // Lines that end a sentence or a title stay paragraphs of their own (a 目录, a byline); the
    // rest of a hard-wrapped block is rejoined here, and breaks between blocks by the join pass.
    for (const chunk of splitCompleteLines(b.text)) {
      const lines = unwrapLines(chunk);
      const wide = halfWidth(lines.text);
      const text = plainSpaces(wide.text);
      if (!text) {
        if (chunk) unattached.add('whitespace');
        continue;
      }
      // Counts start here: blocks fed back in (a second pass) bring no history with them. The
      // paragraph is made once, its counts in the order withChange would add them (no copy per kind).
      const p: Paragraph = { text };
      if (b.heading !== undefined) p.heading = b.heading;
      if (b.page !== undefined) p.page = b.page;
      let changes: ChangeCounts | undefined;
      if (lines.joined > 0) (changes ??= {}).line_join = lines.joined;
      if (wide.converted > 0) (changes ??= {}).full_width = wide.converted;
      if (text !== wide.text) (changes ??= {}).whitespace = 1;
      if (changes) p.changes = changes;
      out.push(p);
    }
  }
  return out;
}

/**
 * Cleans an extraction's blocks. Order matters: a site's footer first, on the blocks as the
 * format gave them (a scrape breaks its notice into many lines); chrome next (its pagination
 * debris sits inside noisy text), noise before labels and page numbers (both read spacing), joins
 * last but one (they need page numbers gone), collapsing spaces last (noise detection reads
 * double spaces).
 */
export function normalize(extraction: Extraction): Normalized {
  const unattached = new Unattached();
  const rules = defaultChromeRules();
  const footer = rules.footer ? removeFooter(extraction.blocks, rules.footer) : { blocks: extraction.blocks, removed: 0 };
  unattached.add('site_footer', footer.removed);
  const prepared = prepare(footer.blocks, unattached);

  const chrome = removeChrome(prepared, extraction.format, rules);
  for (const [kind, n] of Object.entries(chrome.removed) as [ChangeKind, number][]) unattached.add(kind, n);

  const noise = removeScrapeNoise(chrome.paragraphs);

  const labelled = noise.paragraphs.map((p) => {
    const fixed = fixDoubledLabels(p.text);
    return fixed.fixed ? withChange(paragraph(fixed.text, p), 'doubled_label', fixed.fixed) : p;
  });

  const pages = removePageNumbers(labelled);

  const joins = joinBrokenLines(pages.paragraphs, extraction.format === 'markdown');
  unattached.add('whitespace', joins.dropped);

  const out: Paragraph[] = [];
  for (const p of joins.paragraphs) {
    const text = collapseSpaces(p.text);
    if (text) out.push(text !== p.text ? withChange(paragraph(text, p), 'whitespace') : p);
  }
  const normalized: Normalized = { paragraphs: out, changes: totalChanges(out, unattached.counts) };
  if (extraction.signals) normalized.signals = extraction.signals;
  return normalized;
}
