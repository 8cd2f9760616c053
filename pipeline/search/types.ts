/**
 * The search contract: what an engine indexes (documents with their clauses and findings),
 * what a query says, what a result carries, and the small interface both engines implement.
 * @module
 */
import type { DocType, Level, Section } from '../types.js';

/**
 * A finding as the analyze stage hands it to search. Only these fields are relied on, so the
 * analyze stage may carry more.
 */
export interface IndexFinding {
  id: string;
  /** Path of the clause the finding was read from (`二/5`). */
  clausePath: string;
  /** `requirement | achievement | plan | entity`. */
  type: string;
  /** `mechanism | meeting | …` for requirements; null when the finding type has no kinds. */
  kind: string | null;
  modality: string | null;
  sentence: string;
  /** Offsets of the sentence in the document text. */
  start: number;
  end: number;
}

/** One document as the engines index it. Build it from a DocumentRecord with `toIndexDocument`. */
export interface IndexDocument {
  id: string;
  title: string;
  type: DocType;
  level: Level;
  region: string | null;
  issuer: string | null;
  year: number | null;
  date: string | null;
  /** 发文字号 with the year in 〔〕 (`国发〔2019〕5号`), or null. */
  docNumber: string | null;
  text: string;
  sections: Section[];
  findings?: IndexFinding[];
}

/**
 * The searchable unit. Clauses are the leaf sections plus, paragraph by paragraph, any text no
 * leaf covers (a preamble, a chapter's lead-in, a document without sections); findings are
 * their sentences.
 */
export interface Unit {
  kind: 'clause' | 'finding';
  /** Position of the unit within its document, clauses first then findings. */
  ord: number;
  path: string;
  heading: string;
  start: number;
  end: number;
  text: string;
  findingId: string | null;
  /** Finding kind (its `type` when it has no kind); for a clause, null. */
  findingKind: string | null;
  modality: string | null;
  /** For a clause: the kinds of the findings read from it (drives the `findingKind` filter). */
  findingKinds: string[];
}

export type SearchIn = 'documents' | 'clauses' | 'findings';

/** A filter value: one value, or any of several. */
export type FilterValue = string | readonly string[];

export interface SearchFilters {
  type?: FilterValue;
  level?: FilterValue;
  region?: FilterValue;
  issuer?: FilterValue;
  /** 发文字号; brackets around the year may be written 〔〕, [], () or （）. */
  docNumber?: FilterValue;
  /** Inclusive year range; a document without a year never passes a year filter. */
  yearFrom?: number;
  yearTo?: number;
  /** Findings of this kind (findings mode), or clauses/documents holding such a finding. */
  findingKind?: FilterValue;
}

export interface SearchQuery {
  /**
   * Words are ANDed; `"…"` (or `“…”`) is an exact phrase; `-word` excludes. An empty query lists
   * everything that passes the filters, newest first.
   */
  q: string;
  /** @defaultValue `'clauses'` */
  in?: SearchIn;
  filters?: SearchFilters;
  /** @defaultValue `10` */
  limit?: number;
  /** 1-based. @defaultValue `1` */
  page?: number;
  /** @defaultValue `'relevance'` (`'date'` for an empty query) */
  sort?: 'relevance' | 'date';
}

export interface SearchHit {
  docId: string;
  title: string;
  type: DocType;
  level: Level;
  region: string | null;
  /** ISO date (`2019-05-20`, or a year or month when that is all the document gives), or null. */
  date: string | null;
  /** 发文字号 (`国发〔2019〕5号`), or null. */
  docNumber: string | null;
  /** Citable path of the clause ('' for text outside any section). */
  clausePath: string;
  /** HTML: matches in `<mark>…</mark>`, every other character escaped. */
  snippet: string;
  /** Higher is better; comparable only within one result. */
  score: number;
  /** Offsets of the clause (or finding sentence) in the document text. */
  start?: number;
  end?: number;
  findingId?: string;
}

export type FacetCounts = Record<string, number>;

export interface Facets {
  type: FacetCounts;
  level: FacetCounts;
  region: FacetCounts;
  year: FacetCounts;
  issuer: FacetCounts;
  docNumber: FacetCounts;
  findingKind: FacetCounts;
}

export type FacetName = keyof Facets;

export interface SearchResult {
  /** Matching units (documents in documents mode) over all pages. */
  total: number;
  hits: SearchHit[];
  /** Counts over the whole filtered match set, in the same unit as `total`. */
  facets: Facets;
}

export interface EngineStats {
  engine: 'sqlite' | 'meilisearch';
  documents: number;
  clauses: number;
  findings: number;
  /** Bytes on disk, when the engine can tell. */
  sizeBytes: number | null;
}

/** What every search engine offers; the contract suite (test/engine-contract.ts) holds them to it. */
export interface SearchEngine {
  readonly name: 'sqlite' | 'meilisearch';
  /** Creates the index and applies its settings; safe to call again. */
  ensureIndex(): Promise<void>;
  /** Replaces each document wholesale (its clauses and findings); re-indexing never duplicates. */
  upsert(docs: readonly IndexDocument[]): Promise<void>;
  delete(docIds: readonly string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  stats(): Promise<EngineStats>;
  /** Removes every document, keeping the index and its settings. */
  clear(): Promise<void>;
  /**
   * Runs a large load (a reindex): the engine may put off index upkeep until it ends, then do it
   * once. Upserts may be issued concurrently inside it.
   */
  bulkLoad<T>(load: () => Promise<T>): Promise<T>;
  /**
   * Builds the index again with `load` (a bulk load whose upserts fill the new index) while
   * searches keep reading the old one, then swaps the new one in at once. `replay(ids)` is called
   * with the documents others wrote to the old index meanwhile, to upsert them again from the
   * archive. One rebuild at a time per index.
   */
  rebuild<T>(load: () => Promise<T>, replay: (ids: string[]) => Promise<void>): Promise<T>;
  close(): Promise<void>;
}
