/** jieba's part-of-speech tags with character offsets into the text they came from. @module */
import { segmenter } from '../segment/index.js';

export interface Token {
  word: string;
  /** jieba (ICTCLAS) tag: `nr` person, `ns` place, `nt` organisation, `x` unknown to the dictionary… */
  tag: string;
  start: number;
  end: number;
}

export function tagTokens(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const { word, tag } of segmenter().tag(text, true)) {
    // jieba returns the text whole, word after word; the search only guards against it ever skipping.
    const start = text.startsWith(word, at) ? at : text.indexOf(word, at);
    if (start < 0) continue;
    at = start + word.length;
    out.push({ word, tag, start, end: at });
  }
  return out;
}

/** Offsets at which some token starts or ends: a name must begin and end on one of these. */
export function boundaries(tokens: readonly Token[]): Set<number> {
  const set = new Set<number>();
  for (const t of tokens) {
    set.add(t.start);
    set.add(t.end);
  }
  return set;
}
