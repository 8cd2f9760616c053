/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The JSON API as the page sees it: typed responses and one error type carrying the server's
 * sentence.
 * @module
 */
import type { Finding } from '../../pipeline/analyze/types.js';
import type { CollapsedHit } from '../../pipeline/search/collapse.js';
import type { Suggestion } from '../../pipeline/search/refine.js';
import type { SearchResult } from '../../pipeline/search/types.js';
import type { DocumentSummary } from '../../pipeline/store/archive.js';
import type { ChangeCounts, MetaRules, Section } from '../../pipeline/types.js';
import type { StageCounts } from '../../workers/queue/status.js';

export type { Finding, SearchResult };

/** An error the API answered with: the message is its Chinese sentence, the code and English detail kept beside it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly detail: string | null = null,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: string;
  message?: string;
  zh?: string;
}

/** The error of a failed response: `中文句子（code：English detail）`, so the page never shows an English reason alone. */
export function apiError(status: number, statusText: string, body: ErrorBody | null): ApiError {
  const zh = body?.zh ?? `服务器返回错误 ${status}`;
  const detail = body?.message ?? statusText;
  return new ApiError(status, `${zh}（${body?.error ?? status}：${detail}）`, body?.error ?? null, detail);
}

/** The token the person entered, kept for this browser tab only. */
export function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem('wenshi-token');
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Keeps the token for this tab, and as a same-site cookie so that links the page opens (compare
 * downloads, the queue dashboard) carry it on a server that needs it for reads. Writes go by header only.
 */
export function saveToken(token: string): void {
  sessionStorage.setItem('wenshi-token', token);
  document.cookie = `wenshi-token=${encodeURIComponent(token)}; path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
}

export async function getJson<T>(url: string, init: RequestInit = {}, asked = false): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...authHeaders(), ...init.headers } });
  // A server reachable from the network needs the token for reads too: asked for once, then kept.
  if (res.status === 401 && !asked && (init.method ?? 'GET') === 'GET') {
    const token = window.prompt('此服务器需要访问令牌 (WENSHI_TOKEN) · this server needs its token');
    if (token) {
      saveToken(token);
      return getJson<T>(url, init, true);
    }
  }
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  if (!res.ok) throw apiError(res.status, res.statusText, body);
  return body as T;
}

export function postJson<T>(url: string, body: unknown): Promise<T> {
  return getJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders() }, body: JSON.stringify(body) });
}

export interface SearchResponse extends Omit<SearchResult, 'hits'> {
  /** With `collapse` (the default), each hit names the other near-duplicate documents that matched. */
  hits: (SearchResult['hits'][number] & Partial<Pick<CollapsedHit, 'versions' | 'versionHits'>>)[];
  collapsed: boolean;
  /** Hits folded into another copy's card: not in `total`, but counted by the facets. */
  folded: number;
  page: number;
  limit: number;
  /** For an empty result: the query's other script forms that were searched too, and what would find something. */
  tried?: string[];
  suggestions?: Suggestion[];
}

export type { CollapsedHit, Suggestion };

export type DocSummary = DocumentSummary;

export interface DocView extends DocSummary {
  text: string;
  /** With `?q=`: where the search's words occur in `text`, [start, end). */
  highlights?: [number, number][];
  rules: MetaRules;
  sections: Section[];
  clauses: { start: number; end: number; path: string; heading: string }[];
  provenance: {
    file: string;
    sourceSha: string;
    piece: string | null;
    format: string | null;
    mediaType: string | null;
    encoding: string | null;
    pageRange: [number, number] | null;
    changes: ChangeCounts;
    /** How scanned pages were read: the engine and language, and each page's confidence (low ones flagged). */
    ocr: { engine: string; pages: { page: number; confidence: number; low: boolean }[] } | null;
    /** The program that read the text, for formats with more than one reader (.doc, .wps, .rtf). */
    reader: string | null;
  }[];
}

export interface FileError {
  code: string;
  message: string;
  stage: string;
  /** The reason in Chinese. */
  reason: string;
  /** Whether trying again can end otherwise (not for an empty, encrypted, damaged… file). */
  retryable: boolean;
}

export interface BatchView {
  id: string;
  kind: 'upload' | 'retry';
  startedAt: number;
  finishedAt: number | null;
  files: {
    name: string; size: number; state: 'refused' | 'queued' | 'stored' | 'unchanged' | 'failed'; documents: string[]; added: string[]; error: FileError | null;
    /** Titles of `documents` (null for one no longer archived). */
    titles: Record<string, string | null>;
    /** While OCR reads a scan: pages read and in all, and seconds left at the pace so far. */
    ocr?: { done: number; total: number; etaSeconds: number | null };
  }[];
  error: { code: string; message: string; reason: string } | null;
}

export type { StageCounts };

export interface StatusView {
  mode: 'embedded' | 'queue';
  engine: string;
  sources: number;
  failed: {
    sha256: string; file: string; stage: string | null; code: string | null; error: string | null; attempts: number; updatedAt: string;
    /** The reason in Chinese, and whether a retry can end otherwise (else the failure is dismissed). */
    reason: string; retryable: boolean;
  }[];
  documents: number;
  queue: { stages: Record<string, StageCounts>; batch: { id: string; total: number; settled: number; filesPerSecond: number; etaSeconds: number | null } | null } | null;
  batches: BatchView[];
  writeTokenRequired: boolean;
  dashboard: string | null;
  upload: { maxBytes: number; maxFiles: number; accepted: string[] };
  /** tesseract's installed OCR languages (`chi_sim`, `eng`, …); empty when OCR cannot run here. */
  ocr: { languages: string[] };
}

/** A POST whose answer is a file: its bytes and the name the server gave it (`filename*`, else `filename`). */
export async function postForFile(url: string, body: unknown): Promise<{ blob: Blob; name: string | null }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders() }, body: JSON.stringify(body) });
  if (!res.ok) {
    throw apiError(res.status, res.statusText, (await res.json().catch(() => null)) as ErrorBody | null);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return { blob: await res.blob(), name: encoded ? decodeURIComponent(encoded) : plain ?? null };
}

/** What `POST /api/compile` with `format: 'json'` answers: the articles in order and the copies left out. */
export interface VolumeSummary {
  articles: { number: number; id: string; title: string }[];
  dropped: { id: string; title: string; keptId: string; similarity: number }[];
}
