/**
 * Organisations: jieba's `nt` words (国民党, 人民政府, 中国人民政治协商会议) and words ending in an
 * institution's suffix (…中学, …委员会, …合作社), each extended over the place names and modifiers
 * in front of it (桐溪县 + 人民政府, 青石镇 + 供销 + 合作社).
 * @module
 */
import type { Token } from './tokens.js';
import type { Entity } from './types.js';

const HEAD = /(政府|委员会|党部|中学|小学|学堂|学校|学院|大学|商会|商号|合作社|档案馆|图书馆|博物馆|办公室|协会|宣传队|保安团|自治会|电站|局|公司|银行|报社|医院|工厂|书局)$/;
/** Modifiers that sit between a place and an institution's head word. */
const MODIFIER = /^(县立|省立|市立|私立|公立|初级|高级|高等|第[一二三四五六七八九十]+|人民|供销|农民|学生|抗日救亡|救亡|文史资料|政治协商会议)$/;
const ADMIN = /^[省市县区镇乡村]$/;
/** Tags a name-like part of an organisation's name carries: places, unknown words, other organisations. */
const NAME_TAGS = new Set(['ns', 'nt', 'nz', 'x', 'j']);
/** Prepositions the segmenter glues onto a name (由县): such a word is not part of one. */
const LEAD_JUNK = /^[由在从到把被对向于和与及的了将]/;
const MAX_TOKENS = 5;

/** An `nt` word names a body only if it has a body's character in it (jieba tags 新兴产业, 大力开展 `nt`). */
const BODY_CHAR = /[党政会委院部局厅军协社府校队团司行所处室组署办站馆学盟]/;
/** 格局, 大局, 布局: 局 ending a common word, not a bureau. */
const NOT_BUREAU = /(^.局$|[布大全格开变僵结]局$)/;

function isHead(t: Token): boolean {
  if (!/^[\u4e00-\u9fff]+$/.test(t.word) || NOT_BUREAU.test(t.word)) return false;
  return (t.tag === 'nt' && BODY_CHAR.test(t.word)) || HEAD.test(t.word);
}

/** A token that may stand in front of a head word as part of the same name. */
function isPart(t: Token, placeAt: Set<number>): boolean {
  if (!/^[\u4e00-\u9fff]+$/.test(t.word) || LEAD_JUNK.test(t.word)) return false;
  return NAME_TAGS.has(t.tag) || ADMIN.test(t.word) || MODIFIER.test(t.word) || placeAt.has(t.start) || isHead(t);
}

/**
 * Runs of name parts ending in a head word. A generic head (中学, 委员会) needs something in front of
 * it to name which one; an `nt` word names itself.
 * @param places spans already known to be places, so a place the segmenter split (青石 + 镇) still joins in
 */
export function extractOrganisations(text: string, tokens: readonly Token[], places: readonly Entity[]): Entity[] {
  const placeAt = new Set<number>();
  for (const p of places) for (const t of tokens) if (t.start >= p.start && t.end <= p.end) placeAt.add(t.start);
  const out: Entity[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isHead(tokens[i]!)) {
      i++;
      continue;
    }
    // Take every head that follows on directly (中国人民政治协商会议 + 桐溪县 + 委员会 is one name).
    let last = i;
    for (let j = i + 1; j < tokens.length && j - i < MAX_TOKENS && tokens[j]!.start === tokens[j - 1]!.end && isPart(tokens[j]!, placeAt); j++) {
      if (isHead(tokens[j]!)) last = j;
    }
    let first = i;
    while (first > 0 && i - first < MAX_TOKENS && tokens[first - 1]!.end === tokens[first]!.start && isPart(tokens[first - 1]!, placeAt)) first--;
    const head = tokens[i]!;
    // 县政府, 水利局: the word itself names which one before its head suffix.
    const named = first < i || last > i || head.tag === 'nt' || head.word.length > (head.word.match(HEAD)?.[0].length ?? 0);
    if (named) {
      const { start } = tokens[first]!;
      const { end } = tokens[last]!;
      out.push({ kind: 'organisation', text: text.slice(start, end), start, end, rule: first < i ? 'name+head' : 'jieba:nt' });
    }
    i = last + 1;
  }
  return out;
}
