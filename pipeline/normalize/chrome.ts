/**
 * Removes web-page chrome (site header, time/source line, the editor's blurb, the page title
 * repeated above the text, pagination links, the trailing "related articles" list) using the
 * patterns in `search-config/web-chrome.json`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Paragraph } from '../types.js';
import { PIECE_MARKER } from './text.js';

const CONFIG_PATH = fileURLToPath(new URL('../../search-config/web-chrome.json', import.meta.url));

interface ChromeFile {
  dropParagraph: { name: string; pattern: string; maxLength?: number }[];
  pageTitle: string[];
  inline: { name: string; pattern: string; hint?: string }[];
  tail: { start: string; maxItemLength: number };
}

export interface ChromeRules {
  drop: { name: string; re: RegExp; maxLength: number }[];
  pageTitle: RegExp[];
  inline: { name: string; re: RegExp; hint: string }[];
  tailStart: RegExp;
  tailItemMaxLength: number;
}

function compile(pattern: string, where: string, flags = 'u'): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    throw new Error(`web-chrome.json: the pattern at ${where} is not a valid regular expression: ${String(err)}`);
  }
}

/** Compiles a chrome pattern file; a broken file is a configuration bug, so it fails loudly at load. */
export function compileChromeRules(file: ChromeFile): ChromeRules {
  return {
    drop: file.dropParagraph.map((r) => ({
      name: r.name,
      re: compile(r.pattern, `dropParagraph.${r.name}`),
      maxLength: r.maxLength ?? Infinity,
    })),
    pageTitle: file.pageTitle.map((p, i) => compile(p, `pageTitle[${i}]`)),
    inline: file.inline.map((r) => ({ name: r.name, re: compile(r.pattern, `inline.${r.name}`, 'gu'), hint: r.hint ?? '' })),
    tailStart: compile(file.tail.start, 'tail.start'),
    tailItemMaxLength: file.tail.maxItemLength,
  };
}

let defaults: ChromeRules | undefined;

export function defaultChromeRules(): ChromeRules {
  defaults ??= compileChromeRules(JSON.parse(readFileSync(CONFIG_PATH, 'utf8')) as ChromeFile);
  return defaults;
}

/** Titles the chrome itself names (`…整理的<title>,供大家参考`, `【<title>】相关文章`). */
function pageTitles(paragraphs: readonly Paragraph[], rules: ChromeRules): Set<string> {
  const titles = new Set<string>();
  for (const p of paragraphs) {
    for (const re of rules.pageTitle) {
      const m = re.exec(p.text);
      if (m?.[1]) titles.add(m[1].trim());
    }
  }
  return titles;
}

/**
 * The page's tail `[start, end)`: the last "related articles" heading and the short list lines
 * after it; a long paragraph after it is text again and ends the tail.
 */
function tailRange(paragraphs: readonly Paragraph[], rules: ChromeRules): [number, number] {
  let start = paragraphs.length;
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    if (rules.tailStart.test(paragraphs[i]!.text)) {
      start = i;
      break;
    }
  }
  let end = Math.min(start + 1, paragraphs.length);
  while (end < paragraphs.length && paragraphs[end]!.text.length <= rules.tailItemMaxLength) end++;
  return [start, end];
}

/**
 * Paragraphs without chrome, and how many pieces of chrome went. Paragraphs must already be trimmed.
 * The page title is dropped wherever it stands alone when the page bundles pieces (`篇一:`…); on a
 * single-article page its first occurrence is the article's own title and stays.
 */
export function removeChrome(
  paragraphs: readonly Paragraph[],
  rules: ChromeRules = defaultChromeRules(),
): { paragraphs: Paragraph[]; removed: number } {
  let removed = 0;
  const titles = pageTitles(paragraphs, rules);
  const bundle = paragraphs.some((p) => PIECE_MARKER.test(p.text));
  let keptTitle = bundle;
  const [tailFrom, tailTo] = tailRange(paragraphs, rules);

  const out: Paragraph[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (i >= tailFrom && i < tailTo) {
      removed++;
      continue;
    }
    if (rules.drop.some((r) => p.text.length <= r.maxLength && r.re.test(p.text))) {
      removed++;
      continue;
    }
    if (titles.has(p.text)) {
      if (keptTitle) {
        removed++;
        continue;
      }
      keptTitle = true;
    }
    let text = p.text;
    for (const r of rules.inline) {
      if (!text.includes(r.hint)) continue;
      text = text.replace(r.re, () => {
        removed++;
        return '';
      });
    }
    if (text === p.text) out.push(p);
    else if (text.trim()) out.push({ ...p, text: text.trim() });
  }
  return { paragraphs: out, removed };
}
