/**
 * Records of the analyze stage: findings (requirements, achievements, plans) and the search-mode
 * tokens of each clause.
 * @module
 */

export type FindingType = 'requirement' | 'achievement' | 'plan';

export const FINDING_TYPES: readonly FindingType[] = ['requirement', 'achievement', 'plan'];

export type RequirementKind =
  | 'mechanism'
  | 'meeting'
  | 'report'
  | 'training'
  | 'evaluation'
  | 'rule_making'
  | 'disclosure'
  | 'obligation'
  | 'prohibition'
  | 'penalty';

export const REQUIREMENT_KINDS: readonly RequirementKind[] = [
  'mechanism', 'meeting', 'report', 'training', 'evaluation', 'rule_making', 'disclosure', 'obligation', 'prohibition', 'penalty',
];

/** Strongest first. */
export type Modality = 'prohibited' | 'mandatory' | 'default' | 'discretionary' | 'hortatory';

export const MODALITIES: readonly Modality[] = ['prohibited', 'mandatory', 'default', 'discretionary', 'hortatory'];

export type Period = 'year' | 'half_year' | 'quarter' | 'month' | 'term' | 'event';

/** How often: `min..max` times per period; null bounds are open (`至少一次` → min 1, max null). */
export interface Frequency {
  min: number | null;
  max: number | null;
  per: Period;
}

/**
 * A counted outcome; `value` is null for anonymised placeholders (`X 件`). Scale words are
 * multiplied out (`33.5万亿元` → 3.35e13 元); a placeholder keeps them in its unit (`X 万元`).
 */
export interface Quantity {
  value: number | null;
  unit: string;
  /** A change's starting value: `由1.5万亿元提高到3.35万亿元` → from 1.5e12, value 3.35e12; else null. */
  from: number | null;
  /** How exact the figure is: `约`/`左右` approx, `以上`/`余`/`多`/`超过` min, `以下`/`不到` max; null as written. */
  bound: Bound;
}

export type Bound = 'approx' | 'min' | 'max' | null;

/**
 * Where a finding's actor was read: written in its own sentence (`stated`), taken from the lead-in
 * its item belongs to (`有关部门应当履行下列职责：（一）…`, `各级政协要：一是…`), or from the body named
 * before it in its paragraph (`各地要…。要…`, and the item before it in the same sentence).
 */
export type ActorSource = 'stated' | 'lead-in' | 'paragraph';

/** A fine's range as written: `处一万元以上十万元以下罚款` → 10000..100000 元; an open bound is null. */
export interface Fine {
  min: number | null;
  max: number | null;
  /** `元`, `%` (of a named base), `倍` (times a named amount). */
  unit: string;
}

/** What a penalty clause imposes. */
export interface Sanction {
  /** The sanctions as named, in order: `罚款`, `警告`, `处分`, `拘留`, `没收违法所得`, `责令停止建设`, `刑事责任`… */
  measures: string[];
  /** The first fine of the clause. */
  fine: Fine | null;
}

export interface Finding {
  /** Stable: a hash of docId, start, end, type (and the quantity's position for achievements). */
  id: string;
  docId: string;
  /** Path of the innermost section holding the sentence (`三/9`), '' for text outside any section. */
  clausePath: string;
  type: FindingType;
  /** Requirements always have one; plans when a cue decides it; achievements null. */
  kind: RequirementKind | null;
  modality: Modality | null;
  /** The word that set the modality (`一般`, `不得`), or the commitment (`建立健全`, `每年`). */
  marker: string | null;
  /** Who must act / who acted, as written. */
  actor: string | null;
  /** Where the actor was read; null without one. */
  actorFrom: ActorSource | null;
  action: string | null;
  object: string | null;
  frequency: Frequency | null;
  quantity: Quantity | null;
  deadline: string | null;
  condition: string | null;
  /** Penalties (kind `penalty`): what is imposed; null for every other finding. */
  sanction: Sanction | null;
  /** `text.slice(start, end)` of the document. */
  sentence: string;
  start: number;
  end: number;
  /** The rule or cue that produced the finding, e.g. `modal:一般+period:每年`. */
  rule: string;
}

export interface Analysis {
  findings: Finding[];
}
