/**
 * A Meilisearch record back into a search hit: the fields a hit carries, asked for by name so the
 * engine retrieves no more than it shows.
 * @module
 */
import type { DocType, Level } from '../../types.js';
import { makeSnippet } from '../snippet.js';
import type { SearchHit } from '../types.js';
import type { MeiliRecord } from './records.js';

/** The record fields a hit is built from (`attributesToRetrieve`). */
export const HIT_ATTRIBUTES = ['docId', 'rawTitle', 'type', 'level', 'region', 'date', 'docNumber', 'path', 'rawText', 'start', 'end', 'findingId'] as const;

export type HitRecord = Pick<MeiliRecord, (typeof HIT_ATTRIBUTES)[number]> & { _rankingScore?: number };

export function hitOf(h: HitRecord, matcher: RegExp | null): SearchHit {
  return {
    docId: h.docId,
    title: h.rawTitle,
    type: h.type as DocType,
    level: h.level as Level,
    region: h.region,
    date: h.date,
    docNumber: h.docNumber,
    clausePath: h.path,
    snippet: makeSnippet(h.rawText, matcher),
    score: h._rankingScore ?? 0,
    start: h.start,
    end: h.end,
    ...(h.findingId !== null ? { findingId: h.findingId } : {}),
  };
}
