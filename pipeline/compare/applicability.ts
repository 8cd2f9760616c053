/**
 * Provisions a local text is not expected to answer: they concern the central document itself
 * (its commencement, the texts it repeals, who interprets it) or bind another level (authorising
 * provinces or the State Council to make implementing rules). Their verdict is `not_applicable`
 * with the reason, never `missing`.
 * @module
 */

const OWN = '本(?:法|条例|办法|规定|决定|意见|细则|规则|实施办法|实施细则)';

const KINDS: readonly { re: RegExp; reason: string; code: string }[] = [
  { code: 'commencement', re: new RegExp(`${OWN}自[^。]{0,40}(起)?(施行|生效)`), reason: '施行日期条款，只关于中央文件自身' },
  { code: 'repeal', re: /同时废止|予以废止|不再执行/, reason: '废止旧法条款，只关于中央文件自身' },
  { code: 'interpretation', re: new RegExp(`${OWN}由[^。]{1,30}负责解释|解释权(属于|归)`), reason: '解释权条款，只关于中央文件自身' },
  {
    code: 'authorisation',
    re: new RegExp(`[^。]{0,40}(可以|应当)?(根据|依照|依据)${OWN}[^。]{0,30}(制定|规定)[^。]{0,12}(实施办法|实施细则|实施条例|具体办法|办法|细则|条例|规定)`),
    reason: '授权制定实施办法或细则，约束的是其他层级',
  },
];

/** Sentences of a unit, cut at sentence ends only. */
const sentences = (text: string): string[] => text.split(/(?<=[。；！？])/).map((s) => s.trim()).filter((s) => /[\p{L}]/u.test(s));

/**
 * Why a central unit needs no local answer, when every sentence of it is such a provision (an
 * article that also sets a duty stays an item); null otherwise.
 */
export function notApplicable(text: string): { code: string; reason: string } | null {
  const body = text.replace(/^第[一二三四五六七八九十百零〇\d]+条\s*/, '');
  const found = sentences(body).map((s) => KINDS.find((k) => k.re.test(s)));
  if (found.length === 0 || found.some((k) => !k)) return null;
  return { code: found[0]!.code, reason: found[0]!.reason };
}
