/**
 * A site's footer block at the end of a text: the licence notice of a wiki or encyclopedia page
 * (`本作品是中华人民共和国的法律…属于公有领域。`, `這部作品在…屬於公有領域。`) and the lines a
 * scrape carries after it (the community's note, the template's `Public domain` / `false` fields).
 * Patterns are data in `search-config/web-chrome.json` (`footer`).
 * @module
 */
import type { Paragraph } from '../types.js';

export interface FooterFile {
  /**
   * Where a licence notice starts and ends, matched on blocks read with their line breaks as spaces.
   */
  start: string;
  end: string;
  /** Longest footer, in characters of the blocks from the notice's start to the text's end. */
  maxLength: number;
  /** Blocks that may follow the notice to the end of the text. */
  after: string[];
}

export interface FooterRules {
  start: RegExp;
  end: RegExp;
  maxLength: number;
  after: RegExp[];
}

/** A block's text as one line: a scrape breaks lines at every link of the notice. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The blocks without the footer, and how many blocks it took. The footer is removed only as a
 * whole: a notice from start to end, then nothing but `after` blocks to the end of the text, all
 * within the last `maxLength` characters. Anything else after it means it was no footer, and
 * nothing goes.
 */
export function removeFooter(blocks: readonly Paragraph[], rules: FooterRules): { blocks: Paragraph[]; removed: number } {
  // A footer is the text's last few hundred characters: read back no further (this pass reads every source).
  let tail = 0;
  for (let start = blocks.length - 1; start >= 0 && (tail += blocks[start]!.text.length) <= rules.maxLength; start--) {
    if (!rules.start.test(oneLine(blocks[start]!.text))) continue;
    let notice = '';
    let end = start;
    for (; end < blocks.length; end++) {
      notice = `${notice} ${oneLine(blocks[end]!.text)}`.trim();
      if (rules.end.test(notice)) break;
    }
    if (end >= blocks.length) continue;
    const rest = blocks.slice(end + 1);
    if (rest.every((b) => !/\S/.test(b.text) || rules.after.some((re) => re.test(oneLine(b.text))))) {
      return { blocks: blocks.slice(0, start), removed: blocks.length - start };
    }
  }
  return { blocks: [...blocks], removed: 0 };
}
