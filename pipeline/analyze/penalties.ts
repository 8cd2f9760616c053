/**
 * Penalty clauses of laws and regulations (`法律责任`, `罚则`): the sanction a `；`-part imposes
 * (`处…罚款`, `给予…处分`, `警告`, `拘留`, `没收…`, `责令…`, `追究刑事责任`), who imposes it
 * (`由X…`), on which violation (the `…的` pieces before it), and the fine's range.
 * @module
 */
import { isAgent, subjectOf } from './actor.js';
import { blankTitles, endsAsCondition } from './cues.js';
import { parseNumber, scaled } from './numbers.js';
import type { ActorSource, Fine, Modality, Sanction } from './types.js';
import type { Piece, Sentence, Span } from './units.js';

/**
 * `追究责任`, `追究相关人员责任`, `追究其法律责任`; `追究刑事责任` is read as 刑事责任, `责任人` is a person, and
 * `依照本法第X条的规定追究…` points to the article that imposes it.
 *
 * A lookbehind here stands after the word it guards, never before it (`追究(?<!…追究)` for
 * `(?<!…)追究`, the same matches): one that opens an alternative is tried at every position of the
 * text, which made this pattern the costliest of the analyze stage.
 */
const CALL_TO_ACCOUNT = String.raw`追究(?<!本(?:法|条例|办法|规定)第[^，,；;。]{1,8}条的?规定追究)(?![^，,；;。]{0,6}刑事)[^，,；;。]{0,8}?责任(?!人)`;

/** Sanctions as a law names them; the open ones run on to name what is ordered, banned or taken. */
const SANCTION = new RegExp(
  String.raw`罚款|警告|通报批评|批评教育|(?:行政|纪律|政务)?处分|拘留|刑事责任|${CALL_TO_ACCOUNT}|追责问责|处罚|处理(?<=依[照据法][^，,；;。]{0,30}?处理)|降级|撤职|开除|取缔|(?:没收|吊销|暂扣|责令|禁止从事|撤销)[^，,；;。、]{0,16}?(?=$|[，,；;。、]|并|或者|和)`,
  'g',
);

/**
 * Outside a penalty chapter a sanction is a penalty only with an imposing body or a violator named,
 * or when it calls to account (`对…失职渎职行为，要依法依规追究责任`), which only a sanction does.
 */
const IMPOSED = new RegExp(
  String.raw`由[^，,；;。]{1,40}?(?:责令|处|给予|予以|没收|吊销|依照|依法|按照)|违者|违反本(?:法|办法|条例|规定|细则)[^，,；;。]{0,10}的|${CALL_TO_ACCOUNT}|追责问责`,
);

/** The imposing body of `由X…`, up to the verb or adverb that follows it. */
const BY_BODY = /由(?:其)?([^，,；;。]{1,40}?)(?=依法|依照|依据|按照|根据|责令|对|处|给予|予以|没收|吊销|暂扣|决定|作出)/;

/** Headings of the chapters that hold penalties. */
const PENALTY_CHAPTER = /法律责任|罚\s*则/;
/** A chapter heading line: `第四章 法律责任`, `## 第四章 法律责任` (Markdown read as text). */
const CHAPTER_LINE = /^[#\s]*第[零〇一二三四五六七八九十百]+章[ \t\u3000]*([^\n]*)$/gm;

/**
 * The spans of a document's penalty chapters: from a `第X章 法律责任` (or `罚则`) line to the next
 * chapter line. Read from the text, where structure may not yet make chapters of the lines.
 */
export function penaltyChapters(text: string): Span[] {
  const heads: Array<{ at: number; heading: string }> = [];
  CHAPTER_LINE.lastIndex = 0;
  for (let m = CHAPTER_LINE.exec(text); m; m = CHAPTER_LINE.exec(text)) heads.push({ at: m.index, heading: m[1] ?? '' });
  return heads.flatMap((h, i) => (PENALTY_CHAPTER.test(h.heading) ? [{ start: h.at, end: heads[i + 1]?.at ?? text.length }] : []));
}

const NUM = String.raw`(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)`;
/** `五万元`, `1.5万元`, `三倍`, `百分之五`: one end of a fine's range. */
const AMOUNT = String.raw`(?:百分之${NUM}|${NUM}\s*(?:万亿|亿|万)?\s*(?:元|倍))`;
const FINE = new RegExp(
  String.raw`(${AMOUNT})以上(${AMOUNT})以下的?罚款|(${AMOUNT})以下的?罚款|(${AMOUNT})以上的?罚款|(${AMOUNT})的?罚款`,
);
const AMOUNT_PARTS = new RegExp(String.raw`^(?:百分之(${NUM})|(${NUM})\s*(万亿|亿|万)?\s*(元|倍))$`);

function amountOf(raw: string): { value: number | null; unit: string } {
  const m = AMOUNT_PARTS.exec(raw);
  if (!m) return { value: null, unit: '' };
  if (m[1] !== undefined) return { value: parseNumber(m[1]), unit: '%' };
  return { value: scaled(parseNumber(m[2] ?? ''), m[3]), unit: m[4] ?? '' };
}

/** The first fine of a text: `处五万元以上二十万元以下的罚款` → 50000..200000 元. */
export function parseFine(text: string): Fine | null {
  const m = FINE.exec(text);
  if (!m) return null;
  if (m[1] && m[2]) {
    const [low, high] = [amountOf(m[1]), amountOf(m[2])];
    return { min: low.value, max: high.value, unit: high.unit };
  }
  if (m[3]) {
    const high = amountOf(m[3]);
    return { min: null, max: high.value, unit: high.unit };
  }
  if (m[4]) {
    const low = amountOf(m[4]);
    return { min: low.value, max: null, unit: low.unit };
  }
  const exact = amountOf(m[5] ?? '');
  return { min: exact.value, max: exact.value, unit: exact.unit };
}

export interface PenaltyDraft {
  pieces: Piece[];
  /** The violation: the `…的` pieces before the sanction. */
  condition: string | null;
  actor: string | null;
  /** `paragraph` when the actor is the one of the penalty before it. */
  actorFrom: ActorSource | null;
  modality: Modality;
  sanction: Sanction;
  rule: string;
}

/** Discretion written before the first sanction of its piece (`并可以责令…`, `有权予以拘留`). */
const DISCRETION = /可以|有权|可(?!能)/;

/**
 * The penalty of one `；`-part, or null when it imposes nothing. Sanctions named inside a condition
 * (`…受到处分的`) do not count. `inChapter`: the part stands in a penalty chapter.
 */
export function penaltyOf(part: readonly Piece[], inChapter: boolean, previousActor: string | null): PenaltyDraft | null {
  const measures: string[] = [];
  let first: { piece: Piece; index: number } | null = null;
  const conditions: string[] = [];
  for (const piece of part) {
    // `对…人员，依法给予处分` starts as a condition does but imposes: only the ending counts here.
    if (endsAsCondition(piece.text)) {
      if (!first) conditions.push(piece.text);
      continue;
    }
    // `《…治安管理处罚法》` names a law, not a sanction.
    const words = blankTitles(piece.text);
    SANCTION.lastIndex = 0;
    for (let m = SANCTION.exec(words); m; m = SANCTION.exec(words)) {
      first ??= { piece, index: m.index };
      measures.push(m[0]);
    }
  }
  if (!first) return null;
  const text = part.map((p) => p.text).join('，');
  if (!inChapter && !IMPOSED.test(text)) return null;
  const by = BY_BODY.exec(text)?.[1]?.trim();
  const before = first.piece.text.slice(0, first.index);
  const subject = before.replace(/(?:可以|有权|可|依法|应当)[^，,]*$/, '');
  const stated = (by && isAgent(by) ? by : null) ?? subjectOf(subject, false);
  const actor = stated ?? previousActor;
  return {
    pieces: [...part],
    condition: conditions.join('，') || null,
    actor,
    actorFrom: stated ? 'stated' : actor ? 'paragraph' : null,
    modality: DISCRETION.test(before) ? 'discretionary' : 'mandatory',
    sanction: { measures: [...new Set(measures)], fine: parseFine(text) },
    rule: `penalty:${measures[0]}${inChapter ? '+chapter' : ''}`,
  };
}

/** `可以并处…`, `并可以责令…`: a sanction added at the body's discretion, after a comma. */
const MAY_ADD = /^(?:并|同时)?(?:可以|可)(?:并处|处|责令|给予|没收|吊销|暂扣)/;

/** `违者，…`: the sanction of the duty just stated in the same part. */
const VIOLATOR = /^违(?:者|反者|反前款规定)/;

/**
 * The penalties of a sentence, one per `；`-part that imposes a sanction, and the sentence without
 * those parts, for the directive rules. A part's pieces before `违者` are a duty of their own. A
 * penalty without an imposing body of its own is imposed by that of the part before it
 * (`由X处…罚款；对…人员，依法给予处分`), and a part after a penalty needs no body named to be one
 * (`…予以处罚；构成犯罪的，依法追究刑事责任`).
 */
export function penaltiesOf(sentence: Sentence, inChapter: boolean): { penalties: PenaltyDraft[]; rest: Sentence } {
  const penalties: PenaltyDraft[] = [];
  const rest: Piece[][] = [];
  for (const part of sentence.parts) {
    // Outside a penalty chapter a penalty needs `由X`, `违…` or a call to account: most parts have none and skip the rest.
    if (!inChapter && !penalties.length && !part.some((p) => p.text.includes('由') || p.text.includes('违') || p.text.includes('追'))) {
      rest.push(part);
      continue;
    }
    const at = part.findIndex((p, i) => i > 0 && VIOLATOR.test(p.text));
    const duty = at > 0 ? part.slice(0, at) : [];
    const sanctions = at > 0 ? part.slice(at) : part;
    // `…处一万元以下罚款，可以并处没收…`: a sanction the body may add is a penalty of its own (one per modal).
    const added = sanctions.findIndex((p, i) => i > 0 && MAY_ADD.test(p.text));
    const first = penaltyOf(added > 0 ? sanctions.slice(0, added) : sanctions, inChapter || penalties.length > 0, penalties[penalties.length - 1]?.actor ?? null);
    if (first) {
      if (duty.length) rest.push(duty);
      penalties.push(first);
      const second = added > 0 ? penaltyOf(sanctions.slice(added), true, first.actor) : null;
      if (second) penalties.push(second);
      else if (added > 0) first.pieces.push(...sanctions.slice(added));
    } else rest.push(part);
  }
  return { penalties, rest: penalties.length ? { ...sentence, parts: rest } : sentence };
}
