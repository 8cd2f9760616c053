/**
 * Requirements of normative text, one sentence at a time: which comma pieces form one directive,
 * its modality and marker, who must act, how often (rules in corpus/gold/README.md).
 * @module
 */
import { agentOfYou, isAgent, leadingSubject, subjectOf } from './actor.js';
import { endsAsCondition, findCommitment, isCondition, type Commitment } from './cues.js';
import { findMarkers, stronger, strongest, type MarkerHit } from './markers.js';
import { findPeriod, parseFrequency } from './numbers.js';
import type { ActorSource, Frequency, Modality } from './types.js';
import type { Piece, Sentence } from './units.js';

interface Cues {
  piece: Piece;
  /** Every marker written in the piece, modifying ones included (what findMarkers gives its text). */
  written: MarkerHit[];
  /** Strongest written marker of the piece. */
  top: MarkerHit | undefined;
  commitment: Commitment | null;
  period: ReturnType<typeof findPeriod>;
  /** The piece is nothing but `根据需要` / `根据议题需要`. */
  conditionOnly: boolean;
  condition: boolean;
  /** Where the first cue starts: the words before it are the subject. */
  cueAt: number;
}

/** One directive being assembled from comma pieces. */
export interface Draft {
  lead: Piece[];
  pieces: Piece[];
  modality: Modality;
  marker: string;
  /** Governs the following pieces of its sentence (auxiliary modal). */
  aux: boolean;
  /** Modality comes from a written marker, not from a commitment or a period. */
  explicit: boolean;
  rules: string[];
  actor: string | null;
  actorFrom: ActorSource | null;
  /** Text before the marker (or the topic piece before it): `会议`, `…座谈会等`. */
  topic: string;
  frequency: Frequency | null;
  /** The governing piece names only who and how strongly (`县政协应根据实际情况`): the next piece joins. */
  open: boolean;
  /** The piece that set the modality, and the commitment in it, for action/object. */
  head: Cues;
  /** Made by a commitment alone from one piece with its own subject (`区委召开…会议`). */
  topicCandidate: boolean;
}

/** `应当X而未X`: what should have been done and was not, a violation named. */
const SHOULD_HAVE = /^[^，,；;。]*?而(?:未|不)/;
/** `在报批…前`: the marker's own time, not a condition that holds the marker. */
const OWN_TIME = /^(?:及时|立即|先)?(?:在|于|自|从)/;
/** `对…、应当编制环境影响报告书的建设项目`: a marker inside the modifier of what a condition is about. */
const ABOUT = /^(?:对于?|除|凡)/;
const MODIFIED_NOUN = /的[^，,；;。的]{1,12}$/;

/** The copula of a definition (`X是…的重要途径`), not `是否`, `但是`, `还是`, `就是`, `凡是`, `或是`. */
const COPULA = /是(?<![否但还就凡或总于]是)(?!否)/;

/**
 * A marker that modifies rather than prescribes: inside a condition (`致使游行队伍不能按照…行进时`),
 * a violation (`依法应当附送…而未附送的…草案`), a relative clause (`对…应当编制…的建设项目`) or
 * what a definition says something is (`…是探索社会治理新模式…的重要途径`; an auxiliary there still
 * binds: `坚持党的领导是人民政协必须恪守的根本政治原则`).
 */
function modifies(text: string, hit: MarkerHit): boolean {
  const after = text.slice(hit.index + hit.word.length);
  if (SHOULD_HAVE.test(after)) return true;
  if (!hit.aux && defines(text, hit.index, after)) return true;
  if (endsAsCondition(text) && !OWN_TIME.test(after)) return true;
  return ABOUT.test(text) && MODIFIED_NOUN.test(after);
}

/** A word at `at` inside what a definition says its subject is: `是…[word]…的关键环节`. */
const defines = (text: string, at: number, after: string): boolean => COPULA.test(text.slice(0, at)) && MODIFIED_NOUN.test(after);

function cuesOf(piece: Piece): Cues {
  const written = findMarkers(piece.text);
  const markers = written.filter((m) => m.asNeeded || !modifies(piece.text, m));
  const top = strongest(markers);
  const found = findCommitment(piece.text);
  const commitment = found && !defines(piece.text, found.index, piece.text.slice(found.index + found.word.length)) ? found : null;
  const period = findPeriod(piece.text);
  const first = markers[0];
  const conditionOnly = markers.length === 1 && first !== undefined && first.asNeeded && first.word === piece.text.trim();
  const cueAt = Math.min(first?.index ?? Infinity, commitment?.index ?? Infinity, period?.index ?? Infinity);
  return { piece, written, top, commitment, period, conditionOnly, condition: isCondition(piece.text), cueAt };
}

const hasCue = (c: Cues): boolean => Boolean(c.top || c.commitment || c.period);

/** After the marker, only a partner (`会同国务院有关部门`) or the time (`在该规划草案报送审批前`): no predicate yet. */
const PARTNER = /^(?:会同|协同)([^，,；;。]+)$/;
const OWN_TIME_ONLY = /^(?:及时|立即|先)?(?:在|于)[^，,；;。]*(?:前|时|后|中|期间|前提下|情况下|基础上|条件下)$/;

/** Whether the piece says more than its subject, markers and `根据…需要`, a partner or a time. */
function saysNothingElse(c: Cues): boolean {
  const rest = c.piece.text.slice(Number.isFinite(c.cueAt) ? c.cueAt : 0);
  let bare = rest;
  for (const m of findMarkers(rest)) bare = bare.replace(m.word, '');
  bare = bare.replace(/\s/g, '');
  return bare.length === 0 || isAgent(PARTNER.exec(bare)?.[1] ?? '') || OWN_TIME_ONLY.test(bare);
}

/**
 * Who a piece before the marker names as acting: a whole subject (`区委召开…`), or the subject
 * opening a condition or a topic that runs on (`主管机关接到报告后`, `外国人未经…批准`).
 */
function subjectIn(text: string): string | null {
  return subjectOf(text, false) ?? leadingSubject(text);
}

/** The nearest subject named in the pieces before the marker's own, conditions included. */
function leadActor(lead: readonly Cues[]): string | null {
  for (let k = lead.length - 1; k >= 0; k--) {
    const l = lead[k];
    const actor = l && !l.conditionOnly ? subjectIn(l.piece.text) : null;
    if (actor) return actor;
  }
  return null;
}

/** `行政执法机关作出重大执法决定前`, `…完成审核后`, `…在进行…时`: a time clause whose subject is the one who then acts. */
const TIME_CLAUSE = /^(?!对|自|因|在|当|凡|从|随着)[^，,；;。]+(?:前|后|时)$/;

/** The subject opening the nearest time clause before the marker, in any normative text. */
function timeClauseActor(lead: readonly Cues[]): string | null {
  const l = lead[lead.length - 1];
  return l && TIME_CLAUSE.test(l.piece.text) ? leadingSubject(l.piece.text) : null;
}

/**
 * `statute`: the sentence is a law's or regulation's, whose clauses open with the body they bind
 * (`主管机关接到报告后，应当…`); the subject is then also sought at the start of a piece that runs
 * on, and in the conditions before the marker.
 */
/** How a draft that takes `from`'s actor got it: through a lead-in when `from` did, else from its paragraph. */
const sourceVia = (from: Draft | null | undefined): ActorSource | null =>
  !from?.actor ? null : from.actorFrom === 'lead-in' ? 'lead-in' : 'paragraph';

/** `inheritFrom`: how `inherit` hands its actor down, as the lead-in of a list or the item before in the sentence. */
function startDraft(c: Cues, lead: Cues[], carried: MarkerHit | undefined, inherit: Draft | null, statute: boolean, inheritFrom: ActorSource): Draft {
  const rules: string[] = [];
  let marker = c.top;
  if (carried && (!marker || stronger(carried.modality, marker.modality))) marker = carried;
  let modality: Modality = 'mandatory';
  let word = '';
  let aux = false;
  let explicit = false;
  if (marker) {
    ({ modality, aux } = marker);
    word = marker.word;
    explicit = true;
    rules.push(`modal:${word}`);
  } else if (inherit) {
    ({ modality, aux, explicit } = inherit);
    word = inherit.marker;
    rules.push(`inherited:${word}`);
  }
  if (c.commitment) rules.push(c.commitment.rule);
  if (c.period) rules.push(`period:${c.period.word}`);
  if (!word) word = c.commitment?.word ?? (c.period ? c.period.word + (/至少|不少于/.exec(c.piece.text)?.[0] ?? '') : '');
  const ownCue = Number.isFinite(c.cueAt) && !(carried && !c.top && !c.commitment && !c.period);
  const pre = ownCue ? c.piece.text.slice(0, c.cueAt) : c.piece.text;
  let topicLead: Cues | undefined;
  for (let k = lead.length - 1; k >= 0 && !topicLead; k--) if (!lead[k]!.condition && !lead[k]!.conditionOnly) topicLead = lead[k];
  const stated =
    agentOfYou(c.piece.text, ownCue ? c.cueAt : 0) ??
    subjectOf(pre, ownCue) ??
    (statute && ownCue && pre.trim() ? leadingSubject(pre, true) : null) ??
    (statute ? leadActor(lead) : (topicLead ? subjectOf(topicLead.piece.text, false) : null) ?? timeClauseActor(lead));
  const actor = stated ?? inherit?.actor ?? null;
  const actorFrom = stated ? 'stated' : inheritFrom === 'lead-in' && actor ? 'lead-in' : sourceVia(inherit);
  return {
    lead: lead.map((l) => l.piece),
    pieces: [c.piece],
    modality,
    marker: word,
    aux,
    explicit,
    rules,
    actor,
    actorFrom,
    topic: pre.trim() || topicLead?.piece.text || '',
    frequency: c.period ? parseFrequency(c.piece.text) : null,
    open: explicit && ownCue && saysNothingElse(c),
    head: c,
    topicCandidate: !c.top && !carried && c.commitment !== null && actor !== null && lead.length === 0,
  };
}

/** `区委召开…会议,应安排…`: the first piece is the topic of the marker that follows it. */
function absorbAsTopic(d: Draft, c: Cues): boolean {
  if (!d.topicCandidate || d.pieces.length !== 1 || !c.top || c.piece.text.slice(0, c.cueAt).trim() !== '') return false;
  d.pieces.push(c.piece);
  d.modality = c.top.modality;
  d.marker = c.top.word;
  d.aux = c.top.aux;
  d.explicit = true;
  d.rules.push(`modal:${c.top.word}`, 'topic-clause');
  d.topic = d.head.piece.text;
  d.topicCandidate = false;
  return true;
}

/** Sentences that state the document's purpose (`…现就…提出如下实施意见`) prescribe nothing. */
const PURPOSE = /提出如下|特制定本|制定本(?:意见|办法|规定|细则)|现将[^。]*通知如下/;

/** `一是…`, `二是…`: items of an inline enumeration. */
export const ENUM_ITEM = /^[一二三四五六七八九十]+是/;

/**
 * The directives of one sentence. `enumHead` is the directive that introduced a running
 * `一是…二是…` enumeration, whose marker items without their own marker inherit; `item`: the
 * sentence is an item of such a list in a section of its own (`（二）爱护公共设施…`).
 */
export function directivesOf(sentence: Sentence, enumHead: Draft | null, statute = false, item = false): Draft[] {
  const firstPiece = sentence.parts[0]?.[0];
  if (!firstPiece || sentence.parts.some((part) => part.some((p) => PURPOSE.test(p.text)))) return [];
  const drafts: Draft[] = [];
  let distributor: Draft | null = enumHead && (item || ENUM_ITEM.test(firstPiece.text)) ? enumHead : null;
  sentence.parts.forEach((part, partIndex) => {
    // `要严格审核X是否合法；Y是否合法；…`: parts listing what to check belong to the item before them.
    const last = drafts[drafts.length - 1];
    if (last && partIndex > 0 && part[0]?.text.includes('是否') && !part.some((p) => hasCue(cuesOf(p)))) {
      last.pieces.push(...part);
      return;
    }
    let scope: Draft | null = null;
    let pending: Cues[] = [];
    for (const [i, piece] of part.entries()) {
      const c = cuesOf(piece);
      if (c.conditionOnly) {
        pending.push(c);
        continue;
      }
      const carried = pending.find((p) => p.conditionOnly)?.top;
      if (scope?.open) {
        for (const p of pending) scope.pieces.push(p.piece);
        scope.pieces.push(piece);
        scope.open = false;
        pending = [];
        continue;
      }
      let start: boolean;
      let inherit: Draft | null = null;
      let inheritFrom: ActorSource = 'paragraph';
      if (!scope) {
        start = hasCue(c) || carried !== undefined;
        const first = i === 0 && (partIndex > 0 || distributor === enumHead);
        // A list item in a section of its own may open with `按照…`: only a `…的` ending makes it a condition.
        if (first && distributor && !c.top && !carried && !(item ? endsAsCondition(piece.text) : c.condition)) {
          start = true;
          inherit = distributor;
          inheritFrom = 'lead-in';
        }
      } else if (scope.aux) {
        const other = c.top && (c.top.aux || (c.top.modality !== scope.modality && c.top.modality !== 'hortatory'));
        start = Boolean(other || c.commitment || c.period || carried);
        if (start && !c.top && !carried) inherit = scope;
      } else {
        start = hasCue(c) || carried !== undefined;
      }
      if (start && scope && absorbAsTopic(scope, c)) continue;
      if (start) {
        const d = startDraft(c, pending.slice(-3), carried, inherit, statute, inheritFrom);
        drafts.push(d);
        scope = d;
        pending = [];
        if (partIndex === 0 && drafts.length === 1 && d.explicit) distributor ??= d;
      } else if (scope) {
        if (c.condition) pending.push(c);
        else {
          for (const p of pending) scope.pieces.push(p.piece);
          scope.pieces.push(piece);
          pending = [];
        }
      } else {
        pending.push(c);
      }
    }
    if (scope) for (const p of pending) scope.pieces.push(p.piece);
  });
  // A directive without a subject of its own acts for the subject of the one before it.
  for (let k = 1; k < drafts.length; k++) {
    const d = drafts[k];
    if (d && d.actor === null) {
      d.actor = drafts[k - 1]?.actor ?? null;
      d.actorFrom = sourceVia(drafts[k - 1]);
    }
  }
  return drafts;
}
