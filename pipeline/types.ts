/**
 * Records that cross stage boundaries. Every stage takes one of these and returns the next;
 * nothing here knows about queues, databases or the CLI.
 * @module
 */

import type { Analysis } from './analyze/types.js';
import type { Entity } from './entities/types.js';

export type DocType =
  | 'opinion'
  | 'work_report'
  | 'experience'
  | 'study_notes'
  | 'wenshi'
  | 'notice'
  | 'speech'
  | 'law'
  | 'regulation'
  | 'reply'
  | 'other';

/**
 * `law`: a national statute (…法); `regulation`: 条例, 办法, 规定, 实施细则, 实施办法 (local or
 * administrative); `reply`: an answer to a proposal or motion (`对…第N号提案的答复`).
 */
export const DOC_TYPES: readonly DocType[] = [
  'opinion', 'work_report', 'experience', 'study_notes', 'wenshi', 'notice', 'speech', 'law', 'regulation', 'reply', 'other',
];

export type Level = 'central' | 'provincial' | 'municipal' | 'county' | 'district' | 'unknown';

export const LEVELS: readonly Level[] = ['central', 'provincial', 'municipal', 'county', 'district', 'unknown'];

/**
 * The file formats an extractor can claim; `image` is a page image (PNG, JPEG, TIFF) read by OCR,
 * `doc` a Word 97–2003 or WPS Writer file (OLE2), `ofd` a GB/T 33190 document.
 */
export type Format = 'txt' | 'markdown' | 'html' | 'pdf' | 'docx' | 'image' | 'doc' | 'rtf' | 'ofd';

/** One input file as handed to the pipeline. */
export interface SourceInput {
  /** Where the file was found (kept for provenance; never used to read more files). */
  path: string;
  bytes: Buffer;
}

/** A block of extracted text: a paragraph, or a heading when the format says so (HTML h1–h6, Markdown `#`, DOCX styles). */
export interface Block {
  text: string;
  /** Heading level 1–6 when the source format marked this block as a heading. */
  heading?: number;
  /** 1-based page the block starts on, for paginated formats. */
  page?: number;
}

/** Output of the extract stage. */
export interface Extraction {
  format: Format;
  mediaType: string;
  /** Detected text encoding for TXT/HTML (e.g. `UTF-8`, `GB18030`, `UTF-16LE`), null for binary formats. */
  encoding: string | null;
  /** Page count for paginated formats. */
  pages: number | null;
  blocks: Block[];
  /**
   * Present when some pages were read by OCR (a scanned PDF's pages without a text layer, or a
   * page image): the engine (`tesseract 5.3.0 (chi_sim)`) and, for each OCR'd page, its mean
   * word confidence (0–100) and whether that is below the low-confidence threshold (70).
   */
  ocr?: { engine: string; pages: { page: number; confidence: number; low: boolean }[] };
  /**
   * Which program read the text, for formats read by more than one (`word-extractor 1.0.4`, or
   * `LibreOffice 7.4.7.2` when the JS reader failed and the file was converted instead).
   */
  reader?: string;
  /** Metadata the source itself carries (HTML `<title>`/`<meta>`, a gov.cn table, a Markdown `#` title). */
  signals?: SourceSignals;
}

/**
 * Fields a source states about itself, read before any text heuristic. Each value names where it
 * came from (`signal`), so the record can say which signal decided a field.
 */
export interface SourceSignals {
  title?: Signal;
  issuer?: Signal;
  /** 成文日期 or a dated meta tag, as written. */
  date?: Signal;
  docNumber?: Signal;
  /** 发布日期: when it was published, kept apart from when it was written. */
  published?: Signal;
  /** 主题分类, `<meta name="keywords">`, 主题词. */
  subject?: Signal;
}

export interface Signal {
  value: string;
  /** `gov.cn metadata table`, `html <title>`, `meta[name=…]`, `markdown heading`. */
  signal: string;
}

/** Kinds of change the normalizer makes; counts per kind are kept on every document. */
export type ChangeKind =
  | 'web_chrome'
  /** A wiki or encyclopedia page's licence/footer block. */
  | 'site_footer'
  /** `[1]`, `[註 1]`, `↑`: a marker pointing at a footnote the text no longer carries. */
  | 'footnote_marker'
  /** Leftover markup: stray HTML tags, Markdown marks in a text that is not Markdown. */
  | 'markup'
  | 'scrape_noise'
  | 'line_join'
  | 'page_number'
  | 'doubled_label'
  | 'full_width'
  | 'whitespace';

export type ChangeCounts = Partial<Record<ChangeKind, number>>;

/** A cleaned paragraph. `heading` carries the format's heading level through normalization. */
export interface Paragraph {
  text: string;
  heading?: number;
  page?: number;
  /** What normalization changed inside this paragraph, so counts can be kept per document. */
  changes?: ChangeCounts;
}

/** Output of the normalize stage: clean paragraphs plus what was changed to get them. */
export interface Normalized {
  paragraphs: Paragraph[];
  changes: ChangeCounts;
  /** Carried over from the extraction. */
  signals?: SourceSignals;
}

/** `part` = 第X编, `division` = 第X节 (laws); `chapter` = 一、 or 第X章; `article` = 第X条. */
export type SectionKind = 'part' | 'chapter' | 'division' | 'section' | 'clause' | 'item' | 'article';

/**
 * A node of the heading/clause tree. `text.slice(start, end)` of the owning document is the
 * section's whole text, heading included.
 */
export interface Section {
  /** Citable path such as `二/5` or `四/(二)/3`. */
  path: string;
  /** The label as written, normalized (`一、`, `(二)`, `14.`, `第三条`). */
  label: string;
  /** The phrase that names the section (up to its first `。` for numbered clauses). */
  heading: string;
  kind: SectionKind;
  /** 1 = outermost. */
  depth: number;
  start: number;
  end: number;
}

/**
 * A text with this many 第X条 articles is a statute (a law, regulation or set of rules): its
 * articles are never a 文史资料 volume's, and each opens with the body it binds.
 */
export const STATUTE_ARTICLES = 3;

/** One logical document cut out of a source, before classification. */
export interface DocumentDraft {
  /** Normalized text; every offset in later records points into this string. */
  text: string;
  /** A bundle's piece label (`篇五`) or sub-piece (`篇一/(二)`) when split from a bundle. */
  piece: string | null;
  /** Heading lines of the piece as found (the bundle's repeated site title is not among them). */
  titleCandidates: string[];
  sections: Section[];
  /** True when the text ends where a site cut it (`…`, `...`). */
  truncated: boolean;
  /** Pages of the source this document spans, for paginated formats. */
  pageRange: [number, number] | null;
  changes: ChangeCounts;
  /** For an article split out of a 文史资料 volume: what its volume says about it. */
  article?: ArticleInfo;
  /** The source's own metadata, on the document when the source is one document. */
  signals?: SourceSignals;
}

/** An article's place in a 文史资料 volume, as its 目录, heading and byline give it. */
export interface ArticleInfo {
  title: string;
  author: string | null;
  narrator: string | null;
  collection: string | null;
  volume: string | null;
}

/** Which rule decided a metadata field, so a person can see why. */
export type MetaRules = Partial<Record<'type' | 'title' | 'subtitle' | 'issuer' | 'level' | 'region' | 'date' | 'docNumber', string>>;

/** One step of a law's or regulation's history (`…会议通过`, `…第一次修正`, `…修订`). */
export interface HistoryEvent {
  /** ISO date. */
  date: string;
  /** `adopted` (通过), `amended` (修正), `revised` (修订), `promulgated` (公布), `effective` (施行). */
  event: 'adopted' | 'amended' | 'revised' | 'promulgated' | 'effective';
  /** The body that acted, as written (`山东省第十届人民代表大会常务委员会第十七次会议`). */
  body: string | null;
}

export interface DocumentMeta {
  title: string;
  /** A `——在…上的报告` line under the title, without its dashes. */
  subtitle?: string | null;
  type: DocType;
  issuer: string | null;
  level: Level;
  region: string | null;
  /** ISO date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) when the document states one. */
  date: string | null;
  year: number | null;
  /** 发文字号 as printed, brackets normalized to 〔〕: `国发〔2019〕5号`. */
  docNumber?: string | null;
  /** Adoption and revisions, oldest first; the version date is the latest. */
  history?: HistoryEvent[];
  rules: MetaRules;
  /** 文史资料: the series the article was printed in, without book-title marks (`桐溪县文史资料`). */
  collection?: string | null;
  /** 文史资料: the volume as printed (`第三辑`). */
  volume?: string | null;
  /** Who wrote the piece or wrote it down (撰稿, 整理, 作者); several joined by 、. */
  author?: string | null;
  /** Who told it (口述). */
  narrator?: string | null;
  /** The years the text speaks about, from its normalized dates (see `periodCovered`). */
  period?: { from: number; to: number } | null;
}

/** A classified document ready to be stored. */
export interface DocumentRecord extends DocumentDraft {
  /** Derived from the normalized text, so the same document from two files is one record. */
  id: string;
  meta: DocumentMeta;
}

/** A classified document with what the analyze stage read from it. */
export interface AnalyzedDocument extends DocumentRecord {
  analysis: Analysis;
  /** Near-duplicate bucket keys (MinHash bands), for the duplicate check at store time. */
  dupBands: number[];
  /**
   * The sorted shingle set the bands were made from, for the exact similarity at store time; left
   * out where the document is kept as JSON (the queue's intermediate), and made again from the text.
   */
  shingles?: Uint32Array;
  /** Persons, places, organisations and dates (read from 文史资料; empty for other types). */
  entities: Entity[];
}

/** Everything the content stages make of one source. */
export interface ProcessedSource {
  extraction: Omit<Extraction, 'blocks'>;
  documents: AnalyzedDocument[];
}
