/** What the entity extractor finds: a span of the text, its kind, and the rule that found it. @module */

export type EntityKind = 'person' | 'place' | 'organisation' | 'date';

export interface Entity {
  kind: EntityKind;
  /** The text as written: `text.slice(start, end)` of the document. */
  text: string;
  start: number;
  end: number;
  /** For dates: an ISO date `YYYY-MM-DD`, `YYYY-MM` or year `YYYY`, only where the text makes it unambiguous. */
  normalized?: string;
  /** For a 干支 year that could not be pinned down: the years it may stand for (1804–2043). */
  candidates?: number[];
  /** Which rule found it, so a person can see why (`minguo`, `ganzhi+sentence`, `jieba:nr`, `byline`…). */
  rule: string;
}
