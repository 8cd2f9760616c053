/**
 * Meilisearch settings as data: `search-config/meilisearch.json`, completed with the synonym
 * groups, the stop words and the domain lexicon (as `dictionary`), all folded like the text.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SearchParams, Settings } from 'meilisearch';
import { loadLexicon } from '../../segment/index.js';
import { CONFIG_DIR, loadSearchConfig } from '../config.js';
import { fold } from '../fold.js';

export interface MeiliConfig {
  /** Index names start with it: `<prefix>_<hash of the data folder>`. */
  prefix: string;
  primaryKey: string;
  settings: Settings;
  /** Highlight/crop parameters for clients that search the index directly with the search-only key. */
  searchDefaults: SearchParams;
}

interface MeiliFile {
  index: { prefix: string; primaryKey: string };
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
    prefix: file.index.prefix,
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

/**
 * The index of one archive: the prefix and a hash of the data folder's absolute path, so two data
 * folders on one server never share an index (a reindex of one cannot empty the other).
 */
export function indexUidFor(prefix: string, dataDir: string): string {
  return `${prefix}_${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

/** Where a rebuild loads before it is swapped in. */
export function buildingUid(uid: string): string {
  return `${uid}_next`;
}
