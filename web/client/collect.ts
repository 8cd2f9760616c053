/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * "加入全部结果": every document a search finds, not just the page shown, into the 汇编清单 in the
 * search's ranking. Asks for documents (`in=documents`, one hit per document) page by page.
 * @module
 */
import { getJson, type SearchResponse } from './api.js';
import { hashOf } from './dom.js';
import { addToSelection, MAX_SELECTED, type SelectedDoc } from './selection.js';

/** The largest page `GET /api/search` serves. */
const PAGE = 100;

/** Adds the search's documents; returns how many it found and how many were new to the list. */
export async function addSearchResults(params: Record<string, string | readonly string[] | number | undefined>): Promise<{ found: number; added: number }> {
  const docs: SelectedDoc[] = [];
  const seen = new Set<string>();
  for (let page = 1; docs.length < MAX_SELECTED; page++) {
    // Every copy of a document, not one per group of near-duplicates: the compile shows which it leaves out.
    const qs = hashOf('', { ...params, in: 'documents', collapse: '0', page, limit: PAGE }).slice(1);
    const result = await getJson<SearchResponse>(`/api/search${qs}`);
    for (const hit of result.hits) {
      if (!seen.has(hit.docId)) docs.push({ id: hit.docId, title: hit.title, type: hit.type });
      seen.add(hit.docId);
    }
    if (result.hits.length < PAGE || page * PAGE >= result.total) break;
  }
  return { found: docs.length, added: addToSelection(docs) };
}
