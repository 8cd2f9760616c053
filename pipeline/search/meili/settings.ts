/**
 * Meilisearch settings as data: `search-config/meilisearch.json`, completed with the synonym
 * groups, the stop words and the domain lexicon (as `dictionary`), all folded like the text.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchParams, Settings } from 'meilisearch';
import { loadLexicon } from '../../segment/index.js';
import { CONFIG_DIR, loadSearchConfig } from '../config.js';
import { fold } from '../fold.js';

export interface MeiliConfig {
  uid: string;
  primaryKey: string;
  settings: Settings;
  /** Highlight/crop parameters for clients that search the index directly with the search-only key. */
  searchDefaults: SearchParams;
}

interface MeiliFile {
  index: { uid: string; primaryKey: string };
  settings: Settings;
  searchDefaults: SearchParams;
}

/** Synonyms in Meilisearch's shape: each plain member → the other plain members of its group. */
export function meiliSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    const plain = group.filter((m) => !m.includes('*'));
    for (const m of plain) {
      const others = plain.filter((o) => o !== m);
      if (others.length > 0) out[m] = [...new Set([...(out[m] ?? []), ...others])];
    }
  }
  return out;
}

/** The full settings for the index, read from `dir`. */
export function loadMeiliConfig(dir: string = CONFIG_DIR): MeiliConfig {
  const file = JSON.parse(readFileSync(join(dir, 'meilisearch.json'), 'utf8')) as MeiliFile;
  const search = loadSearchConfig(dir);
  return {
    uid: file.index.uid,
    primaryKey: file.index.primaryKey,
    settings: {
      ...file.settings,
      synonyms: meiliSynonyms(search.groups),
      stopWords: [...search.stopWords],
      dictionary: [...new Set(loadLexicon(dir).map(fold))],
    },
    searchDefaults: file.searchDefaults,
  };
}
