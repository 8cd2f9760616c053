/**
 * Bylines of 文史资料 articles: `王振华 口述 刘文清 整理`, `何明远撰稿`, `作者：孙庆余`, `张三、李四 整理`.
 * The teller (口述/讲述) is the narrator; whoever wrote it down or wrote it (整理/撰稿/作者…) is the author.
 * @module
 */
import { surnameLength } from './surnames.js';

export interface Byline {
  author: string | null;
  narrator: string | null;
  /** Where the byline ends in the string given; body text a normalizer ran on starts here. */
  end: number;
}

const NARRATOR_ROLES = ['口述', '讲述'];
/** Roles written after the names, longest first so 撰稿 is never read as a name ending in 撰. */
const ROLES_AFTER = ['口述', '讲述', '整理', '撰稿', '撰文', '执笔', '记录', '遗稿', '遗作', '供稿'];
const ROLES_BEFORE = ['作者', '撰稿', '撰文', '整理', '口述', '执笔', '记录', '供稿'];

/** One name: two to four characters, spaces allowed between them (陈 子 敬); shortest first. */
const NAME = '[\\u4e00-\\u9fff](?: ?[\\u4e00-\\u9fff]){1,3}?';
const NAMES = `${NAME}(?:[、，,]${NAME})*`;
const AFTER = new RegExp(`\\s*(${NAMES})\\s*(${ROLES_AFTER.join('|')})(?!的)`, 'y');
const BEFORE = new RegExp(`\\s*(${ROLES_BEFORE.join('|')})\\s*[:：]\\s*`, 'y');
/** After `作者：` the names end at a space, punctuation or the end… */
const NAMES_CLOSED = new RegExp(`(${NAMES})(?=\\s|$|[，。；;）)])`, 'y');

function names(s: string): string[] {
  return s.split(/[、，,]/).map((n) => n.replace(/\s+/g, ''));
}

/** …or, where a normalizer ran the body on (`作者：孙庆余裕丰商号是…`), after a surname and two characters. */
function runOnName(s: string, at: number): string | null {
  const rest = s.slice(at);
  const len = surnameLength(rest);
  return len && /^[\u4e00-\u9fff]{3}/.test(rest.slice(0, len + 2)) ? rest.slice(0, len + 2) : null;
}

/**
 * Reads a byline at the start of `s` (one or more `names role` / `role：names` parts), or null.
 * Every name must be surname-first and two to four characters long.
 * @param isName decides whether a string is a personal name (the entity rules' plausibility check)
 */
export function parseByline(s: string, isName: (name: string) => boolean): Byline | null {
  const authors: string[] = [];
  const narrators: string[] = [];
  let at = 0;
  for (;;) {
    AFTER.lastIndex = at;
    const after = AFTER.exec(s);
    if (after && names(after[1]!).every(isName)) {
      (NARRATOR_ROLES.includes(after[2]!) ? narrators : authors).push(...names(after[1]!));
      at = AFTER.lastIndex;
      continue;
    }
    BEFORE.lastIndex = at;
    const before = BEFORE.exec(s);
    if (!before) break;
    NAMES_CLOSED.lastIndex = BEFORE.lastIndex;
    const closed = NAMES_CLOSED.exec(s);
    const found = closed ? names(closed[1]!) : [runOnName(s, BEFORE.lastIndex) ?? ''];
    if (!found.every(isName)) break;
    (NARRATOR_ROLES.includes(before[1]!) ? narrators : authors).push(...found);
    at = closed ? NAMES_CLOSED.lastIndex : BEFORE.lastIndex + found[0]!.length;
  }
  if (!authors.length && !narrators.length) return null;
  while (at < s.length && /\s/.test(s[at]!)) at++;
  return { author: authors.length ? authors.join('、') : null, narrator: narrators.length ? narrators.join('、') : null, end: at };
}

/**
 * A byline line: a byline as above, or — where a heading was just read, so a name on its own line
 * can only be the author's (陈子敬) — a line that is one name alone.
 */
export function parseBylineLine(line: string, isName: (name: string) => boolean, bareName: boolean): Byline | null {
  const found = parseByline(line, isName);
  if (found || !bareName) return found;
  const bare = line.replace(/\s+/g, '');
  return isName(bare) ? { author: bare, narrator: null, end: line.length } : null;
}
