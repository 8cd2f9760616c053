/**
 * Removes web-page chrome (site header, time/source line, breadcrumbs, site tools, aggregator
 * metadata, the editor's blurb, the page title repeated above the text, pagination links, the
 * trailing "related articles" list), footnote markers and leftover markup, using the patterns in
 * `search-config/web-chrome.json`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-files.js';
import type { ChangeCounts, ChangeKind, Format, Paragraph } from '../types.js';
import type { FooterFile, FooterRules } from './footer.js';
import { pieceStarts } from './text.js';

const CONFIG_PATH = packagePath('search-config/web-chrome.json');

/** Kinds an inline rule may count its removals as; chrome is the default. */
type InlineKind = Extract<ChangeKind, 'web_chrome' | 'footnote_marker' | 'markup'>;

interface ChromeFile {
  /**
   * `template`: a line only a site template prints, which marks a text as a saved web page;
   * `webPage`: the rule applies to web pages only (HTML, or a text with a template line).
   */
  dropParagraph: { name: string; pattern: string; maxLength?: number; template?: boolean; webPage?: boolean }[];
  pageTitle: string[];
  inline: { name: string; pattern: string; hint?: string; kind?: InlineKind; webPage?: boolean }[];
  tail: { start: string; maxItemLength: number };
  footer?: FooterFile;
}

export interface ChromeRules {
  drop: { name: string; re: RegExp; maxLength: number; template: boolean; webPage: boolean }[];
  /** Page titles the chrome names; read on web pages only. */
  pageTitle: RegExp[];
  inline: { name: string; re: RegExp; hint: string; kind: InlineKind; webPage: boolean }[];
  tailStart: RegExp;
  tailItemMaxLength: number;
  footer: FooterRules | null;
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
      template: r.template ?? false,
      webPage: r.webPage ?? false,
    })),
    pageTitle: file.pageTitle.map((p, i) => compile(p, `pageTitle[${i}]`)),
    inline: file.inline.map((r) => ({
      name: r.name,
      re: compile(r.pattern, `inline.${r.name}`, 'gu'),
      hint: r.hint ?? '',
      kind: r.kind ?? 'web_chrome',
      webPage: r.webPage ?? false,
    })),
    tailStart: compile(file.tail.start, 'tail.start'),
    tailItemMaxLength: file.tail.maxItemLength,
    footer: file.footer
      ? {
          start: compile(file.footer.start, 'footer.start'),
          end: compile(file.footer.end, 'footer.end'),
          maxLength: file.footer.maxLength,
          after: file.footer.after.map((p, i) => compile(p, `footer.after[${i}]`)),
        }
      : null,
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
 * A web page: an HTML source, or a text that carries a line only a site template prints (a
 * text saved from a page). Rules that read site phrasing (the editor's blurb, the page title it
 * names) apply to web pages only, so a memoir or a report that happens to word a sentence the
 * same way keeps it; so do stray HTML tags, which in a plain text are the author's characters.
 */
function isWebPage(paragraphs: readonly Paragraph[], format: Format, rules: ChromeRules): boolean {
  if (format === 'html') return true;
  const template = rules.drop.filter((r) => r.template);
  return paragraphs.some((p) => template.some((r) => p.text.length <= r.maxLength && r.re.test(p.text)));
}

/**
 * Paragraphs without chrome, and how many pieces of chrome, footnote markers and markup went.
 * Paragraphs must already be trimmed. The page title is dropped wherever it stands alone when the
 * page bundles pieces (`篇一:`…); on a single-article page its first occurrence is the article's
 * own title and stays.
 */
export function removeChrome(
  paragraphs: readonly Paragraph[],
  format: Format,
  rules: ChromeRules = defaultChromeRules(),
): { paragraphs: Paragraph[]; removed: ChangeCounts } {
  const removed: ChangeCounts = {};
  const count = (kind: ChangeKind): void => {
    removed[kind] = (removed[kind] ?? 0) + 1;
  };
  const web = isWebPage(paragraphs, format, rules);
  const drop = rules.drop.filter((r) => web || !r.webPage);
  const inline = rules.inline.filter((r) => web || !r.webPage);
  const titles = web ? pageTitles(paragraphs, rules) : new Set<string>();
  const bundle = pieceStarts(paragraphs).length > 0;
  let keptTitle = bundle;
  const [tailFrom, tailTo] = tailRange(paragraphs, rules);

  const out: Paragraph[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (i >= tailFrom && i < tailTo) {
      count('web_chrome');
      continue;
    }
    if (drop.some((r) => p.text.length <= r.maxLength && r.re.test(p.text))) {
      count('web_chrome');
      continue;
    }
    if (titles.has(p.text)) {
      if (keptTitle) {
        count('web_chrome');
        continue;
      }
      keptTitle = true;
    }
    let text = p.text;
    for (const r of inline) {
      if (!text.includes(r.hint)) continue;
      text = text.replace(r.re, () => {
        count(r.kind);
        return '';
      });
    }
    if (text === p.text) out.push(p);
    else if (text.trim()) out.push({ ...p, text: text.trim() });
  }
  return { paragraphs: out, removed };
}
