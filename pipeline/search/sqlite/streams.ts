/**
 * The token streams the FTS5 table stores, as space-separated text for its `unicode61`
 * tokenizer: jieba search-mode words (for ranking) and Chinese character bigrams (for recall).
 *
 * Bigram stream: each run of Han characters `c1…cn` becomes `c1c2 c2c3 … c(n-1)cn cn`; other
 * text passes through for unicode61 to split into words. The trailing unigram ends the run,
 * so a phrase of consecutive bigrams can only match inside one run: the phrase for a string of
 * k ≥ 2 Han characters matches exactly the units containing that string, and a single
 * character is a prefix query on the tokens starting with it.
 * @module
 */
import { cutForSearch } from '../../segment/index.js';

/** Han ideographs that unicode61 treats as word characters (BMP blocks and planes 2–3). */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)
    || (code >= 0x20000 && code <= 0x3ffff);
}

interface Run {
  han: boolean;
  text: string;
  /** Characters (code points) of a Han run. */
  chars: string[];
}

function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const ch of text) {
    const han = isHan(ch.codePointAt(0)!);
    if (!current || current.han !== han) {
      current = { han, text: '', chars: [] };
      out.push(current);
    }
    current.text += ch;
    if (han) current.chars.push(ch);
  }
  return out;
}

function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The bigram stream of folded text, as indexed (the hot path of indexing, hence the index loop). */
export function bigramStream(folded: string): string {
  const out: string[] = [];
  let prev = '';
  let other = -1;
  for (let i = 0; i < folded.length; i++) {
    let code = folded.charCodeAt(i);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      code = folded.codePointAt(i)!;
      width = code > 0xffff ? 2 : 1;
    }
    if (isHan(code)) {
      if (other !== -1) {
        out.push(folded.slice(other, i));
        other = -1;
      }
      const ch = folded.slice(i, i + width);
      if (prev) out.push(prev + ch);
      prev = ch;
    } else {
      if (prev) {
        out.push(prev);
        prev = '';
      }
      if (other === -1) other = i;
    }
    i += width - 1;
  }
  if (prev) out.push(prev);
  if (other !== -1) out.push(folded.slice(other));
  return out.join(' ');
}

/** The search-mode jieba words of folded text, as indexed and as ranked on. */
export function wordStream(folded: string): string {
  return cutForSearch(folded).join(' ');
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * The FTS5 phrase matching a literal folded string in the bigram stream, or null when the
 * string holds nothing searchable. The last token is a prefix when the string ends in a single
 * Han character or in a word (so `cov` finds `covid`, and `年` finds `年度`).
 */
export function literalPhrase(folded: string): string | null {
  const parts = runs(folded);
  const tokens: string[] = [];
  let prefix = false;
  parts.forEach((run, i) => {
    const last = !parts.slice(i + 1).some((r) => r.han || WORD.test(r.text));
    if (!run.han) {
      if (WORD.test(run.text)) {
        tokens.push(run.text);
        prefix = last;
      }
      return;
    }
    if (run.chars.length === 1 && last) {
      tokens.push(run.chars[0]!);
      prefix = true;
      return;
    }
    tokens.push(...bigrams(run.chars));
    if (!last) tokens.push(run.chars[run.chars.length - 1]!);
    prefix = false;
  });
  if (tokens.length === 0) return null;
  const quoted = `"${tokens.join(' ').replace(/"/g, '""')}"`;
  return prefix ? `${quoted} *` : quoted;
}
