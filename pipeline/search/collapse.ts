/**
 * Near-duplicate documents (copies of one text, an OCR copy, a re-export) as one result: the
 * first-ranked copy's hits stay, the other copies' hits fold into that copy's first hit as
 * `versions`. Works on any engine's ranked hits, so both engines collapse alike.
 * @module
 */
import { MAX_LIMIT } from './options.js';
import type { SearchEngine, SearchHit, SearchQuery, SearchResult } from './types.js';

/** A hit standing for its near-duplicate group: the other documents of the group that matched too. */
export interface CollapsedHit extends SearchHit {
  /** Ids of the other copies that matched, best first (empty when none did). */
  versions: string[];
  /** Each other copy's best hit, in the order of `versions`. */
  versionHits: SearchHit[];
}

/** The group key of a document that has near-duplicates, undefined for one that has none. */
export type GroupOf = (docId: string) => string | undefined;

/**
 * Ranked hits with each group's other documents folded into the first hit of its best-ranked
 * document. Hits of that document itself (other clauses) stay: they are not copies.
 */
export function collapseHits(hits: readonly SearchHit[], groupOf: GroupOf): CollapsedHit[] {
  const leaders = new Map<string, CollapsedHit>();
  const out: CollapsedHit[] = [];
  for (const hit of hits) {
    const key = groupOf(hit.docId);
    const leader = key === undefined ? undefined : leaders.get(key);
    if (leader === undefined || leader.docId === hit.docId) {
      const kept = { ...hit, versions: [], versionHits: [] };
      if (key !== undefined && leader === undefined) leaders.set(key, kept);
      out.push(kept);
    } else if (!leader.versions.includes(hit.docId)) {
      leader.versions.push(hit.docId);
      leader.versionHits.push(hit);
    }
  }
  return out;
}

export interface CollapsedResult extends Omit<SearchResult, 'hits'> {
  hits: CollapsedHit[];
  /**
   * False when the page lies beyond the first MAX_LIMIT ranked hits, where collapsing stops:
   * that page is the engine's own.
   */
  collapsed: boolean;
  /**
   * Hits folded into another copy's hit among those read (0 when not collapsed). `total` leaves them
   * out; the facets, counted by the engine over every match, still count them.
   */
  folded: number;
}

/**
 * A page of collapsed hits. Collapsing needs the hits ranked before the page, so the engine is
 * asked for a window from the first hit, widened until it yields the page (or holds every hit).
 * `total` counts the hits left after collapsing the window: exact once the window holds them all
 * (a copy ranked below the window is counted as a hit of its own).
 */
export async function collapsedSearch(engine: SearchEngine, query: SearchQuery, groupOf: GroupOf): Promise<CollapsedResult> {
  const { limit = 10, page = 1 } = query;
  const need = page * limit;
  if (need > MAX_LIMIT) {
    const plain = await engine.search(query);
    return { ...plain, hits: plain.hits.map((h) => ({ ...h, versions: [], versionHits: [] })), collapsed: false, folded: 0 };
  }
  let window = Math.min(MAX_LIMIT, Math.max(need * 2, 50));
  for (;;) {
    const result = await engine.search({ ...query, page: 1, limit: window });
    const hits = collapseHits(result.hits, groupOf);
    if (hits.length >= need || result.hits.length >= result.total || window >= MAX_LIMIT) {
      const folded = result.hits.length - hits.length;
      return { total: result.total - folded, facets: result.facets, hits: hits.slice(need - limit, need), collapsed: true, folded };
    }
    window = Math.min(MAX_LIMIT, window * 2);
  }
}
