/**
 * Who issued a document, strongest evidence first: the source's own metadata, the body that
 * adopted it, the name before `关于` / `对` in its title, the government a report speaks for, the
 * signature under the text, the organisation a first-person report speaks for.
 * @module
 */
import type { HistoryEvent, MetaRules, SourceSignals } from '../types.js';
import { bodyOfSession } from './bodies.js';
import { DATE_SOURCE } from './dates.js';

/** Endings of an organisation's name (a unit's name alone, `XX县关于…`, speaks for its government). */
const ORG_END = '(委|府|厅|协|会|院|部|局|署|办|室|组|社|联|团|党|行|省|市|县|区)';

/** `中共XX区委关于…`, `国务院办公厅对…的答复`, `中共中央 国务院关于…` (joint issuers). */
const TITLE_PREFIX = new RegExp(`^((?:[^《》“”\\s、]{1,20}?${ORG_END}[\\s、]*)+?)(关于|对)`);
/** `我代表国务院向大会作…`, `现在，我代表中央人民政府作工作报告`, `我受国务院的委托，向…`. */
const SPEAKS_FOR = /我代表([^，,。、\s]{2,20}?)[，,]?(向|作|做|在)|我受([^，,。、\s]{2,20}?)的?委托/;
/** A signature line: the body, then the date it signed. */
const SIGNATURE = new RegExp(`^([\\u4e00-\\u9fff]{2,30}?${ORG_END})[\\s\\u00a0\\u3000]*${DATE_SOURCE}`);
/** A report to an audience opening on the organisation it speaks for: `同志们，北京共产主义组织仅仅是…`. */
const FIRST_PERSON_ORG = /^(同志们|各位[\u4e00-\u9fff]{0,6}|朋友们)[，,！!：:]\s*([\u4e00-\u9fff]{2,14}(组织|委员会|小组|支部|党部|政府|协会|联合会))/;

/** A premier reports for the State Council: `周恩来总理在报告中…` (a summary of the report). */
const PREMIER = /总理[\u4e00-\u9fff]{0,4}在(政府工作)?报告中/;
/** A government work report delivered to the National People's Congress is the State Council's. */
const GOVERNMENT_REPORT = /政府工作报告/;
const TO_NPC = /全国人民代表大会/;

export interface IssuerInput {
  signals: SourceSignals;
  history: readonly HistoryEvent[];
  title: string | null;
  /** The opening of the text on a simplified view. */
  opening: string;
  /** The last paragraphs, where a signature stands. */
  closing: readonly string[];
  /** Whole text on a simplified view. */
  text: string;
}

/** How far into a text a summary names its speaker. */
export const EARLY = 2000;

function speaksFor(opening: string): string | undefined {
  const m = SPEAKS_FOR.exec(opening);
  return m?.[1] ?? m?.[3];
}

export function findIssuer(input: IssuerInput, rules: MetaRules): string | null {
  const decided = (value: string | null | undefined, why: string): string | null => {
    if (!value) return null;
    rules.issuer = why;
    return value;
  };
  const adopted = input.history.find((h) => h.event === 'adopted' && h.body) ?? input.history.find((h) => h.body);
  return (
    decided(input.signals.issuer?.value.trim(), input.signals.issuer?.signal ?? '') ??
    decided(adopted?.body ? bodyOfSession(adopted.body) : null, 'body that adopted it') ??
    decided(input.title ? TITLE_PREFIX.exec(input.title)?.[1]?.trim() : null, 'title prefix before 关于/对') ??
    decided(speaksFor(input.opening), '我代表…/我受…委托 in the opening') ??
    decided(
      GOVERNMENT_REPORT.test(input.title ?? '') && TO_NPC.test(input.opening) ? '国务院' : null,
      'government work report to the National People\'s Congress',
    ) ??
    decided(PREMIER.test(input.text.slice(0, EARLY)) ? '国务院' : null, 'the premier reports for the State Council') ??
    decided(
      input.closing.map((p) => SIGNATURE.exec(p.trim())?.[1]).find(Boolean),
      'signature above the date at the end',
    ) ??
    decided(/我们/.test(input.opening) ? FIRST_PERSON_ORG.exec(input.opening)?.[2] : null, 'organisation a first-person text speaks for')
  );
}
