/**
 * Warming the top lists on two threads (pipeline/search/sqlite/warmer.ts): the lists a warming
 * thread makes are those this thread makes for the same words (entries, scores, counts, facets),
 * only this thread writes them, and a thread that fails leaves its words to this one. The phrases'
 * row counts for native ranking (ranking.ts) are counted on both threads too.
 * @module
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCALE_CORPUS } from '../bench/eval-scale-titles.js';
import { SqliteEngine } from '../pipeline/search/index.js';
import { loadSearchConfig } from '../pipeline/search/config.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { resolveQuery } from '../pipeline/search/options.js';
import { RANKING_EXTENSION } from '../pipeline/search/sqlite/native.js';
import { phrasesOf } from '../pipeline/search/sqlite/ranking.js';
import { COUNTS_STAMP_TABLE, COUNTS_TABLE, LISTS_TABLE, tableSet } from '../pipeline/search/sqlite/schema.js';
import { bodyWordUnits, decodeList, frequentWords, HAN_WORD, LIST_MIN_UNITS, TERM_RANGES, type TopList } from '../pipeline/search/sqlite/toplists.js';
import { revived, shareTasks, THREAD_MIN_UNITS, WarmThread, type WarmItem } from '../pipeline/search/sqlite/warmer.js';
import { scaleLaws } from './helpers/laws.js';

const EVERY = 24;

describe.skipIf(!existsSync(SCALE_CORPUS))('top lists warmed on two threads', () => {
  let dir: string;
  let engine: SqliteEngine;
  /** The words warmed by the first test: each with a list. */
  let warmed: string[] = [];
  const path = () => join(dir, 'search.sqlite');

  /** The stored lists by key, and how many are marked warm. */
  const stored = (): { lists: Map<string, TopList>; warm: number } => {
    const db = new Database(path(), { readonly: true });
    try {
      const rows = db.prepare(`SELECT key, list, warm FROM ${LISTS_TABLE}`).raw().all() as [string, Buffer, number][];
      return { lists: new Map(rows.map(([key, list]) => [key, decodeList(list)])), warm: rows.filter((r) => r[2] === 1).length };
    } finally {
      db.close();
    }
  };
  const dropLists = () => {
    const db = new Database(path());
    db.exec(`DROP TABLE IF EXISTS ${LISTS_TABLE}`);
    db.close();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wenshi-warm23-'));
    engine = new SqliteEngine({ dataDir: dir });
    // bulkLoad warms too; the lists are made again below.
    const docs = await scaleLaws(EVERY);
    await engine.bulkLoad(() => engine.upsert(docs));
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the same lists as searches on this thread make, and writes them all marked warm', async () => {
    dropLists();
    const warming = new SqliteEngine({ dataDir: dir });
    try {
      warmed = await warming.warmTopLists();
    } finally {
      await warming.close();
    }
    // Enough units that the thread is used.
    const stats = await engine.stats();
    expect(stats.clauses + stats.findings).toBeGreaterThanOrEqual(THREAD_MIN_UNITS);
    expect(warmed.length).toBeGreaterThanOrEqual(8);
    const threaded = stored();
    expect(threaded.lists.size).toBe(warmed.length);
    expect(threaded.warm).toBe(warmed.length);

    // The same words' lists, each made by its second search (the first makes none) in a new process's engine, on this thread.
    dropLists();
    const searching = new SqliteEngine({ dataDir: dir });
    try {
      for (const q of warmed) await searching.search({ q });
      // Nothing written: the table the lists go in is made by the first list written.
      const db = new Database(path(), { readonly: true });
      expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(LISTS_TABLE)).toBe(0);
      db.close();
      for (const q of warmed) await searching.search({ q });
    } finally {
      await searching.close();
    }
    const single = stored();
    expect(single.warm).toBe(0);
    expect([...single.lists.keys()].sort()).toEqual([...threaded.lists.keys()].sort());
    for (const [key, list] of threaded.lists) expect(list, key).toEqual(single.lists.get(key));
  }, 60_000);

  it.skipIf(!existsSync(RANKING_EXTENSION))('counts the phrases of the frequent body words on both threads, each as count(*) gives it, stamped, single characters left out', () => {
    const db = new Database(path(), { readonly: true });
    try {
      const t = tableSet(0);
      const config = loadSearchConfig();
      const words = bodyWordUnits(db, t, LIST_MIN_UNITS).map(([q]) => q);
      const phrases = new Set(words.filter((q) => HAN_WORD.test(q)).flatMap((q) => phrasesOf(matchPlan(resolveQuery({ q }, config).parsed).match!)));
      // Three tasks or more of COUNT_TASK (16) phrases: the thread, sent two ahead, has its share.
      expect(phrases.size).toBeGreaterThan(32);
      const stored = new Map(db.prepare(`SELECT phrase, rows FROM ${COUNTS_TABLE}`).raw().all() as [string, number][]);
      const count = db.prepare(`SELECT count(*) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck();
      for (const phrase of phrases) expect(stored.get(phrase), phrase).toBe(count.get(phrase));
      // Single characters (prefix queries, costly to count) are left to the searches that want them.
      const single = words.filter((q) => /^\p{Script=Han}$/u.test(q));
      expect(single.length).toBeGreaterThan(0);
      for (const q of single) expect(stored.has(phrasesOf(matchPlan(resolveQuery({ q }, config).parsed).match!)[0]!), q).toBe(false);
      expect(db.prepare(`SELECT gen, structure FROM ${COUNTS_STAMP_TABLE}`).all())
        .toEqual([{ gen: 0, structure: db.prepare(`SELECT block FROM ${t.fts}_data WHERE id = 10`).pluck().get() }]);
    } finally {
      db.close();
    }
  });

  it('scans the vocabulary in ranges to the same words as in one scan', () => {
    const db = new Database(path(), { readonly: true });
    try {
      const t = tableSet(0);
      for (const minUnits of [1000, 100, 10]) {
        const whole = bodyWordUnits(db, t, minUnits);
        const pieces = TERM_RANGES.flatMap((range) => bodyWordUnits(db, t, minUnits, range));
        expect(pieces).toEqual(whole);
        // Any order of pieces (the thread's come back when they come).
        const shuffled = [...TERM_RANGES].reverse().flatMap((range) => bodyWordUnits(db, t, minUnits, range));
        expect(frequentWords(db, t, 32, minUnits, shuffled)).toEqual(frequentWords(db, t, 32, minUnits));
      }
      expect(frequentWords(db, t, 64)).toEqual(expect.arrayContaining(warmed));
    } finally {
      db.close();
    }
  });

  const itemsOf = (words: readonly string[]): WarmItem[] => {
    const config = loadSearchConfig();
    return words.map((q, index) => {
      const query = resolveQuery({ q }, config);
      return { index, query, plan: matchPlan(query.parsed) };
    });
  };

  it('does here what the thread could not: a task it failed on, or all when it cannot open the file', async () => {
    const WORDS = warmed.slice(0, 12);
    expect(WORDS.length).toBeGreaterThanOrEqual(8);
    const items = itemsOf(WORDS);
    // A match FTS5 refuses: the thread replies with an error, and is used no more.
    const bad = WORDS.length - 2;
    items[bad] = { ...items[bad]!, plan: { ...items[bad]!.plan, match: '"unclosed' } };
    for (const file of [path(), join(dir, 'missing.sqlite')]) {
      const thread = WarmThread.start({ path: file, gen: 0 });
      expect(thread).not.toBeNull();
      const here: number[] = [];
      const adopted: string[] = [];
      try {
        const kept = await shareTasks(items, thread, (item) => {
          here.push(item.index);
          // As long as a list takes here, so that the thread has its share.
          for (const t0 = Date.now(); Date.now() - t0 < 20;);
          return true;
        }, (reply) => {
          if (!('lists' in reply)) return false;
          adopted.push(...reply.lists.map((l) => revived(l).key));
          return reply.kept;
        }, (item) => item);
        // Every item once, here or there.
        expect(kept).toEqual(WORDS.map(() => true));
        expect(here).toContain(bad);
        expect(new Set(here).size).toBe(here.length);
        if (file !== path()) expect(here.length).toBe(WORDS.length);
        else expect(adopted.length).toBe(WORDS.length - here.length);
      } finally {
        await thread?.close();
      }
    }
  }, 60_000);
});
