/**
 * Modality markers (LANGUAGE.md §3) and their false friends: `要` inside 重要/需要/要求, `应` inside
 * 相应/适应/应用 or `可应…邀请`, `须` inside 无须, `禁止的` used as a noun, `不得不` = must.
 * @module
 */
import type { Modality } from './types.js';

export interface MarkerDef {
  word: string;
  modality: Modality;
  /**
   * An auxiliary modal governs the comma pieces that follow it in the sentence (`承办单位要…,及时…,主动…`);
   * other markers (adverbs, `确保`, `做到`) govern only their own piece.
   */
  aux: boolean;
  /** Words that contain the marker but are not it. */
  falseFriends?: readonly string[];
}

const YAO_FRIENDS = [
  '重要', '主要', '需要', '要求', '要点', '要义', '首要', '纲要', '必要', '只要', '要素', '摘要', '提要', '要事',
  '要务', '要害', '紧要', '要件', '扼要', '要闻', '要么', '想要', '将要', '党要管党', '要津', '显要', '政要', '要员',
];
const YING_FRIENDS = [
  '相应', '适应', '应用', '响应', '回应', '对应', '反应', '供应', '应对', '应急', '应运', '应有', '效应', '答应',
  '呼应', '照应', '应邀', '感应', '顺应', '应届', '应聘', '应试', '应酬', '应变', '应付', '内应', '报应', '应征',
];
const KE_FRIENDS = [
  '可能', '可行', '认可', '许可', '可靠', '可持续', '可操作', '可喜', '可观', '不可', '可见', '可信', '可贵', '可谓',
  '可控', '可比', '宁可', '可爱', '可怕', '可惜', '可是', '可口', '可视化', '可塑', '无可',
];

/** Longest words first, so `不得不` is seen before `不得` and `应当` before `应`. */
export const MARKERS: readonly MarkerDef[] = [
  { word: '不得不', modality: 'mandatory', aux: true },
  { word: '决不允许', modality: 'prohibited', aux: true },
  { word: '不允许', modality: 'prohibited', aux: true },
  { word: '不得', modality: 'prohibited', aux: true },
  { word: '严禁', modality: 'prohibited', aux: true },
  { word: '禁止', modality: 'prohibited', aux: true },
  { word: '不要', modality: 'prohibited', aux: true, falseFriends: ['不要紧', '不要求'] },
  { word: '不能', modality: 'prohibited', aux: true, falseFriends: ['不能不'] },
  // `审批机关不予审批`: the authority shall not grant.
  { word: '不予', modality: 'prohibited', aux: true },
  { word: '必须', modality: 'mandatory', aux: true },
  { word: '务必', modality: 'mandatory', aux: true },
  { word: '应当', modality: 'mandatory', aux: true },
  { word: '须', modality: 'mandatory', aux: true, falseFriends: ['无须', '毋须', '须知', '胡须', '必须'] },
  { word: '应', modality: 'mandatory', aux: true, falseFriends: YING_FRIENDS },
  { word: '要', modality: 'mandatory', aux: true, falseFriends: YAO_FRIENDS },
  { word: '确保', modality: 'mandatory', aux: false },
  { word: '做到', modality: 'mandatory', aux: false },
  { word: '严格', modality: 'mandatory', aux: false },
  { word: '坚决', modality: 'mandatory', aux: false },
  { word: '原则上', modality: 'default', aux: true },
  { word: '一般', modality: 'default', aux: true, falseFriends: ['一般性', '一般化', '一般来说'] },
  { word: '可以', modality: 'discretionary', aux: true },
  // `人民警察现场负责人有权命令解散`: empowered, not obliged.
  { word: '有权', modality: 'discretionary', aux: true, falseFriends: ['所有权', '享有权', '拥有权', '占有权', '有权利', '有权益', '有权力', '有权威', '有权限', '有权机关'] },
  { word: '可', modality: 'discretionary', aux: true, falseFriends: KE_FRIENDS },
  { word: '视情', modality: 'discretionary', aux: false },
  { word: '适时', modality: 'discretionary', aux: false },
  { word: '鼓励', modality: 'hortatory', aux: false },
  { word: '积极', modality: 'hortatory', aux: false, falseFriends: ['积极性', '积极作用', '积极影响', '积极分子'] },
  { word: '探索', modality: 'hortatory', aux: false, falseFriends: ['探索阶段'] },
  { word: '逐步', modality: 'hortatory', aux: false },
  { word: '努力', modality: 'hortatory', aux: false, falseFriends: ['努力下', '共同努力'] },
  { word: '进一步', modality: 'hortatory', aux: false },
  { word: '大力', modality: 'hortatory', aux: false },
  { word: '提倡', modality: 'hortatory', aux: false },
];

/** `根据需要`, `根据议题需要`, `根据情况`: a discretionary condition, not a verb. */
const AS_NEEDED = /根据[^，,。；;：:]{0,6}?(?:需要|情况)/y;

const RANK: Record<Modality, number> = { prohibited: 0, mandatory: 1, default: 2, discretionary: 3, hortatory: 4 };

/** True when `a` is stronger than `b`. */
export function stronger(a: Modality, b: Modality): boolean {
  return RANK[a] < RANK[b];
}

export interface MarkerHit {
  word: string;
  modality: Modality;
  aux: boolean;
  /** Offset in the searched text. */
  index: number;
  /** `根据…需要` — a condition that says "as needed". */
  asNeeded: boolean;
}

/** A false friend and one offset of the marker inside it, worked out once instead of per hit. */
interface Friend {
  word: string;
  at: number;
}

interface Candidate {
  def: MarkerDef;
  /** Friends with characters before the marker, by the character right before it. */
  before: Map<number, Friend[]>;
  /** Friends that start with the marker, by the character right after it. */
  after: Map<number, Friend[]>;
}

/** A hit has only the friends that agree with its neighbours to check (要 alone has 28). */
function candidateOf(def: MarkerDef): Candidate {
  const candidate: Candidate = { def, before: new Map(), after: new Map() };
  for (const word of def.falseFriends ?? []) {
    for (let at = word.indexOf(def.word); at >= 0; at = word.indexOf(def.word, at + 1)) {
      const [side, code] = at > 0 ? [candidate.before, word.charCodeAt(at - 1)] : [candidate.after, word.charCodeAt(def.word.length)];
      side.set(code, [...(side.get(code) ?? []), { word, at }]);
    }
  }
  return candidate;
}

/** Markers by first character, longest first, so one pass over the text finds them all. */
const BY_FIRST = new Map<number, Candidate[]>();
for (const def of [...MARKERS].sort((x, y) => y.word.length - x.word.length)) {
  const code = def.word.charCodeAt(0);
  BY_FIRST.set(code, [...(BY_FIRST.get(code) ?? []), candidateOf(def)]);
}
const GEN = '根'.charCodeAt(0);
/** 1 where a marker (or `根据…`) can start: most characters can be skipped without a lookup. */
const CAN_START = new Uint8Array(0x10000);
for (const code of [...BY_FIRST.keys(), GEN]) CAN_START[code] = 1;

/** `可应有关部门邀请`: 应 as "at the request of". */
const AT_REQUEST = /应[^，,。；;]{1,12}?邀请/y;

/** What follows a prohibition named as a thing: `的` at once or after a verb of up to three characters. */
const NAMED_PROHIBITION = /^[\u4e00-\u9fff]{0,3}的/;

const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

const NONE: readonly Friend[] = [];

function isFalseFriend(text: string, index: number, { def, before, after }: Candidate): boolean {
  // `应邀请` is "should invite", whatever `应邀` alone would be.
  if (def.word === '应' && text.startsWith('应邀请', index)) return false;
  for (const f of before.get(text.charCodeAt(index - 1)) ?? NONE) if (text.startsWith(f.word, index - f.at)) return true;
  for (const f of after.get(text.charCodeAt(index + def.word.length)) ?? NONE) if (text.startsWith(f.word, index)) return true;
  // `需要各方共同努力`: effort as a noun, nothing follows it to be striven for.
  if (def.word === '努力' && !isHan(text.charCodeAt(index + 2))) return true;
  // `党中央禁止的`, `禁止使用的猎捕工具`: the prohibition of someone else, named as a thing.
  if (def.modality === 'prohibited' && NAMED_PROHIBITION.test(text.slice(index + def.word.length, index + def.word.length + 4))) return true;
  if (def.word !== '应') return false;
  AT_REQUEST.lastIndex = index;
  return AT_REQUEST.test(text);
}

/** The longest marker written at `i`, if any. */
function candidateAt(text: string, i: number, code: number): Candidate | undefined {
  for (const c of BY_FIRST.get(code) ?? []) if (text.startsWith(c.def.word, i)) return c;
  return undefined;
}

/** Every true marker in a piece of text, in order. */
export function findMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!CAN_START[code]) continue;
    if (code === GEN) {
      AS_NEEDED.lastIndex = i;
      const m = AS_NEEDED.exec(text);
      if (m) hits.push({ word: m[0], modality: 'discretionary', aux: false, index: i, asNeeded: true });
    }
    const candidate = candidateAt(text, i, code);
    if (!candidate) continue;
    const { def } = candidate;
    if (!isFalseFriend(text, i, candidate)) hits.push({ word: def.word, modality: def.modality, aux: def.aux, index: i, asNeeded: false });
    i += def.word.length - 1;
  }
  return hits;
}

/** The strongest of several hits (first one on ties). */
export function strongest(hits: readonly MarkerHit[]): MarkerHit | undefined {
  let best: MarkerHit | undefined;
  for (const h of hits) if (!best || stronger(h.modality, best.modality)) best = h;
  return best;
}
