/**
 * The query language both engines accept: words ANDed, `"exact phrase"` (or `“…”`), `-excluded`.
 * An unquoted run of Chinese is split into words with jieba; every word still has to occur
 * literally, so a string that occurs in a clause always finds it whatever jieba made of it.
 * @module
 */
import { cut } from '../segment/index.js';
import { loadSearchConfig, type Alternative, type SearchConfig } from './config.js';
import { fold } from './fold.js';

export interface Term {
  /** What was typed (folded). */
  text: string;
  quoted: boolean;
  /** Any one of these must occur: the term itself, or a synonym. */
  alts: Alternative[];
}

export interface ParsedQuery {
  required: Term[];
  excluded: Term[];
  /** Unquoted stretches that were split into several terms: ranked higher where they occur whole. */
  boosts: Alternative[];
}

/** At most this many terms are used; a pasted paragraph must not become a pathological query. */
const MAX_TERMS = 32;

const SEARCHABLE = /[\p{L}\p{N}]/u;
const HAN = /^\p{Script=Han}$/u;

interface Lexeme {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  for (const m of q.matchAll(/([-－]?)(?:"([^"]*)"?|“([^”]*)”?|([^\s"“]+))/g)) {
    const quotedText = m[2] ?? m[3];
    const text = (quotedText ?? m[4] ?? '').trim();
    if (!SEARCHABLE.test(text)) continue;
    out.push({ text: fold(text), quoted: quotedText !== undefined, negated: m[1] !== '' });
  }
  return out;
}

interface Piece {
  start: number;
  end: number;
}

/**
 * Splits an unquoted word into the stretches that must each occur: jieba words without stop
 * words and punctuation, with a lone Chinese character glued to an adjacent word (so `县政协`
 * stays one stretch instead of becoming "any 县").
 */
function splitWord(word: string, config: SearchConfig): Piece[] {
  let at = 0;
  const words = cut(word).map((w) => {
    const piece = { start: at, end: at + w.length, text: w };
    at += w.length;
    return piece;
  }).filter((w) => SEARCHABLE.test(w.text));
  const meaningful = words.filter((w) => !config.stopWords.has(w.text));
  const kept = meaningful.length > 0 ? meaningful : words;

  const out: Piece[] = [];
  let pending: Piece | null = null;
  let prevEnd = -1;
  for (const w of kept) {
    const single = w.end - w.start === 1 && HAN.test(w.text);
    const adjacent = w.start === prevEnd;
    if (pending && !adjacent) {
      out.push(pending);
      pending = null;
    }
    const last = out[out.length - 1];
    if (pending) {
      out.push({ start: pending.start, end: w.end });
      pending = null;
    } else if (single && adjacent && last) {
      last.end = w.end;
    } else if (single) {
      pending = { start: w.start, end: w.end };
    } else {
      out.push({ start: w.start, end: w.end });
    }
    prevEnd = w.end;
  }
  if (pending) out.push(pending);
  return out;
}

function term(text: string, quoted: boolean, config: SearchConfig): Term {
  const alts = quoted ? undefined : config.synonyms.get(text);
  return { text, quoted, alts: alts ? [...alts] : [{ parts: [text] }] };
}

/** Parses a query string into terms that must, and must not, occur. */
export function parseQuery(q: string, config: SearchConfig = loadSearchConfig()): ParsedQuery {
  const parsed: ParsedQuery = { required: [], excluded: [], boosts: [] };
  for (const lexeme of lex(q)) {
    if (lexeme.negated) {
      parsed.excluded.push({ text: lexeme.text, quoted: lexeme.quoted, alts: [{ parts: [lexeme.text] }] });
    } else if (lexeme.quoted || config.synonyms.has(lexeme.text)) {
      parsed.required.push(term(lexeme.text, lexeme.quoted, config));
    } else {
      const pieces = splitWord(lexeme.text, config);
      for (const p of pieces) parsed.required.push(term(lexeme.text.slice(p.start, p.end), false, config));
      if (pieces.length > 1) parsed.boosts.push({ parts: [lexeme.text] });
    }
  }
  parsed.required = parsed.required.slice(0, MAX_TERMS);
  parsed.excluded = parsed.excluded.slice(0, MAX_TERMS);
  return parsed;
}

/** Every alternative that can match, for highlighting. */
export function highlightAlternatives(parsed: ParsedQuery): Alternative[] {
  return [...parsed.required.flatMap((t) => t.alts), ...parsed.boosts];
}
