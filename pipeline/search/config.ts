/**
 * Search settings kept as data in `search-config/`: synonym groups and stop words, folded the
 * same way as indexed text so a traditional-character entry still applies.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../package-files.js';
import { fold } from './fold.js';

export const CONFIG_DIR = packagePath('search-config');

/** Characters a `*` in a synonym pattern may stand for. */
export const PATTERN_GAP = 10;

/**
 * Something to find literally: its parts in order, consecutive parts at most PATTERN_GAP
 * characters apart. A plain word or phrase has one part.
 */
export interface Alternative {
  parts: string[];
}

export interface SearchConfig {
  /** Folded group member → every member of its group (itself included). Patterns are never keys. */
  synonyms: ReadonlyMap<string, readonly Alternative[]>;
  /** Folded synonym groups as written, for engines that take synonyms as settings. */
  groups: readonly (readonly string[])[];
  stopWords: ReadonlySet<string>;
}

interface SynonymFile {
  groups: string[][];
}

/** Lines of a list file without `#` comments and blanks. */
export function readList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function parseGroups(path: string): string[][] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<SynonymFile>;
  if (!Array.isArray(data.groups) || !data.groups.every((g) => Array.isArray(g) && g.every((m) => typeof m === 'string'))) {
    throw new Error(`${path} must hold {"groups": [["word", "synonym", …], …]}: a list of lists of strings.`);
  }
  return data.groups.map((g) => g.map((m) => fold(m.trim())).filter(Boolean));
}

const cache = new Map<string, SearchConfig>();

/** Reads `synonyms.json` and `stopwords.txt` from `dir` (once per folder per process). */
export function loadSearchConfig(dir: string = CONFIG_DIR): SearchConfig {
  const cached = cache.get(dir);
  if (cached) return cached;
  const groups = parseGroups(join(dir, 'synonyms.json'));
  const synonyms = new Map<string, Alternative[]>();
  for (const group of groups) {
    const alts = group.map((m) => ({ parts: m.split('*').filter(Boolean) }));
    for (const member of group) {
      if (member.includes('*')) continue;
      const known = synonyms.get(member) ?? [];
      for (const alt of alts) if (!known.some((k) => k.parts.join('*') === alt.parts.join('*'))) known.push(alt);
      synonyms.set(member, known);
    }
  }
  const config: SearchConfig = {
    synonyms,
    groups,
    stopWords: new Set(readList(join(dir, 'stopwords.txt')).map(fold)),
  };
  cache.set(dir, config);
  return config;
}
