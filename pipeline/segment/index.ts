/**
 * Chinese segmentation: jieba's default dictionary plus the domain lexicon in
 * `search-config/lexicon.txt` and the set phrases with numerals in `search-config/set-phrases.txt`,
 * loaded once per process.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { packagePath } from '../package-files.js';
import { SearchWords } from './search-words.js';
import { JIEBA_TOTALS } from './dict-totals.js';
import { FILLER, subsetDictionary } from './subset-dict.js';

const CONFIG_DIR = packagePath('search-config');
/** The word lists of a config folder that jieba must keep whole: domain terms, then set phrases. */
const WORD_LISTS = ['lexicon.txt', 'set-phrases.txt'];

/** One word per line (`#` comments allowed), without frequencies. */
export function loadWordList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** Every word the segmenter is given on top of jieba's dictionary: the lexicon and the set phrases. */
export function loadLexicon(dir = CONFIG_DIR): string[] {
  return WORD_LISTS.flatMap((name) => loadWordList(join(dir, name)));
}

/** A lexicon word's jieba frequency: high, so a domain term wins over its parts. */
const LEXICON_FREQ = 100000;

/** Jieba dictionary lines for the lexicon. */
function lexiconDict(words: readonly string[]): Uint8Array {
  return Buffer.from(words.map((w) => `${w} ${LEXICON_FREQ} n`).join('\n') + '\n', 'utf8');
}

let defaultDict: Buffer | undefined;

/**
 * Jieba's default dictionary (5 MB), read on the first segmentation so a command that never
 * segments (`wenshi docs`, `show`) never reads it; read alone, not through `@node-rs/jieba/dict.js`,
 * which also reads the 6 MB keyword-weight file we never use, and once per thread for every module
 * that reads the dictionary's words (normalize, entities).
 */
export function jiebaDict(): Buffer {
  defaultDict ??= readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
  return defaultDict;
}

let withLexicon: Jieba | undefined;
let plain: Jieba | undefined;
let searchWords: SearchWords | undefined;
let lexiconBytes: Uint8Array | undefined;

/** The lexicon as a jieba dictionary, read once for the segmenter and its search mode. */
function lexicon(): Uint8Array {
  lexiconBytes ??= lexiconDict(loadLexicon());
  return lexiconBytes;
}

/** The segmenter everything uses: default dictionary plus the domain lexicon. */
export function segmenter(): Jieba {
  if (!withLexicon) {
    withLexicon = Jieba.withDict(jiebaDict());
    withLexicon.loadDict(lexicon());
  }
  return withLexicon;
}

/** Search mode over the segmenter's own dictionaries. */
function searchMode(): SearchWords {
  searchWords ??= new SearchWords([jiebaDict(), lexicon()]);
  return searchWords;
}

/** Jieba with only its default dictionary, for evaluation baselines. */
export function plainSegmenter(): Jieba {
  plain ??= Jieba.withDict(jiebaDict());
  return plain;
}

/**
 * Until the whole dictionary is loaded, a short text is cut by jieba built from the words it can
 * hold (subset-dict.ts: the same words out, for a few milliseconds instead of the whole build):
 * a search segments only its query. Each such build covers the texts cut before it too; after a
 * few, or a longer text, the process is segmenting real text and loads the whole dictionary.
 */
const SHORT_TEXT = 64;
const SUBSET_BUILDS = 4;
let subsetBuilds = 0;
let subset: { covers: string; jieba: Jieba } | undefined;
let lexiconFreqs: Map<string, number> | undefined;

/** Jieba cut down to the words of `texts` and of the texts the last such build covered. */
function buildSubset(texts: string): Jieba {
  const covers = subset ? `${subset.covers}\n${texts}` : texts;
  lexiconFreqs ??= new Map(loadLexicon().map((w) => [w, LEXICON_FREQ]));
  subset = { covers, jieba: Jieba.withDict(Buffer.from(subsetDictionary(jiebaDict(), lexiconFreqs, covers, JIEBA_TOTALS))) };
  subsetBuilds++;
  return subset.jieba;
}

/** Whether this thread segments documents, not only queries (see {@link segmentsDocuments}). */
let documents = false;

/**
 * Tells the segmenter that this thread segments documents (the content stages): its first cut
 * loads the whole dictionary, which it will need, instead of first making cut-down builds for its
 * short texts (a title, a lead-in), each a scan of the dictionary. The words are the same.
 */
export function segmentsDocuments(): void {
  documents = true;
}

function segmenterFor(text: string): Jieba {
  if (withLexicon || documents) return segmenter();
  if (subset && subset.covers.includes(text)) return subset.jieba;
  if (text.length > SHORT_TEXT || subsetBuilds >= SUBSET_BUILDS || text.includes(FILLER)) return segmenter();
  return buildSubset(text);
}

/**
 * Readies the cutting of many short texts known ahead (queries) with one cut-down build covering
 * them all, while the whole dictionary is not loaded: warming the top lists parses ~128 one-word
 * queries, which after SUBSET_BUILDS builds loaded the whole dictionary into a process that
 * segments nothing else (an ingest's main thread: ~0.5 s of CPU and its memory).
 */
export function prepareCuts(texts: readonly string[]): void {
  const fresh = texts.filter((t) => !subset?.covers.includes(t));
  if (withLexicon || documents || fresh.length === 0 || fresh.some((t) => t.length > SHORT_TEXT || t.includes(FILLER))) return;
  buildSubset(fresh.join('\n'));
}

/** Characters this thread has segmented (cut or tagged), for benchmarks to tell which stage segments how much. */
let segmented = 0;

/** Characters this thread has segmented so far. */
export function charactersSegmented(): number {
  return segmented;
}

/** Words of a text (precise mode, HMM on for unknown words). */
export function cut(text: string): string[] {
  segmented += text.length;
  return segmenterFor(text).cut(text, true);
}

/** The nouns a text opens with (`农民受益` → `农民`; `沼气用户…` → `沼气用户`), by jieba's part-of-speech tags. */
export function leadingNouns(text: string): string {
  let nouns = '';
  segmented += text.length;
  for (const { word, tag } of segmenter().tag(text, true)) {
    if (!tag.startsWith('n')) break;
    nouns += word;
  }
  return nouns;
}

/**
 * Search-mode tokens: long words plus their dictionary sub-words, for indexing. The same words as
 * jieba's `cutForSearch`, in the same order, for about the cost of a precise-mode `cut`.
 */
export function cutForSearch(text: string): string[] {
  const out: string[] = [];
  for (const w of cut(text)) pushSearchWord(w, out);
  return out;
}

/** Appends the search-mode tokens of one precise-mode word: its dictionary sub-words, then itself. */
export function pushSearchWord(word: string, out: string[]): void {
  searchMode().push(word, out);
}
