/**
 * Reasons in plain Chinese for a reader (`“必须”改为“可以”`, `频次由每年至少两次降为每年一次`), made
 * from the machine codes the judge writes; the JSON keeps both.
 * @module
 */
import { clauseName } from './wording.js';

/** Frequencies are coded with digits (`每年至少 2 次`); a reader expects Chinese numerals. */
const DIGIT = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

function readable(frequency: string): string {
  return frequency.replace(/ ?(\d+)(?:-(\d+))? ?/g, (_, a: string, b?: string) => {
    const n = (x: string) => (Number(x) <= 10 ? DIGIT[Number(x)]! : x);
    return b ? `${n(a)}至${n(b)}` : n(a);
  });
}

/** Whether the difference asks less or more of the local side, when known. */
export type Effect = 'weaker' | 'stronger';

const RULES: ReadonlyArray<[RegExp, (m: RegExpExecArray, effect?: Effect) => string]> = [
  [/^modality none → (\S+)(?: \((\w+)\))?$/, (m) => `中央为无情态词的陈述，地方改为“${m[1]}”`],
  [/^modality (\S+)(?: \((\w+)\))? → (\S+)(?: \((\w+)\))?$/, (m) => `“${m[1]}”改为“${m[3]}”`],
  [/^frequency (.+) → not stated$/, (m) => `未写明频次（中央：${readable(m[1]!)}）`],
  [/^frequency (.+) → (.+)$/, (m, e) => `频次由${readable(m[1]!)}${e === 'weaker' ? '降为' : e === 'stronger' ? '提高为' : '改为'}${readable(m[2]!)}`],
  [/^deadline (.+) → not stated$/, (m) => `未写明时限（中央：${m[1]}）`],
  [/^deadline (.+) → (.+)$/, (m) => `时限由“${m[1]}”改为“${m[2]}”`],
  [/^quantity (.+) → (.+)$/, (m) => `数量由“${m[1]}”改为“${m[2]}”`],
  [/^procedure → reference (.+)$/, (m) => `具体要求改为援引其他规定：“${m[1]}”`],
  [/^reference → procedure (.+)$/, (m) => `中央“${m[1]}”，地方写明了具体做法`],
  [/^scope (.+) → (.+)$/, (m) => `适用范围由“${m[1]}”改为“${m[2]}”`],
  [/^qualifier added (.+)$/, (m) => `增加限定“${m[1]}”`],
  [/^step added (.+)$/, (m) => `增加程序要求：“${m[1]}”`],
  [/^limit added (.+)$/, (m) => `增加时限或数量要求：“${m[1]}”`],
  [/^qualifier dropped (.+)$/, (m) => `删去限定“${m[1]}”`],
  [/^floor added (.+)$/, (m) => `增设罚款下限：“${m[1]}”`],
  [/^floor dropped (.+)$/, (m) => `删去罚款下限：“${m[1]}”`],
  [/^duty added (.+)$/, (m) => `新增：“${m[1]}”`],
  [/^duty dropped (.+)$/, (m) => `缺：“${m[1]}”`],
  [/^listed (.+) dropped$/, (m) => `列举中删去：“${m[1]}”`],
  [/^addressees added (.+)$/, (m) => `义务主体增列：“${m[1]}”`],
  [/^act added (.+)$/, (m) => `增列行为：“${m[1]}”`],
  [/^sanction (.+) → (.+)$/, (m) => `处罚由“${m[1]}”改为“${m[2]}”`],
  [/^condition dropped (.+)$/, (m) => `删去条件：“${m[1]}”`],
  [/^condition added (.+)$/, (m) => `增加条件：“${m[1]}”`],
  [/^consequence added (.+)$/, (m) => `增加不履行的后果：“${m[1]}”`],
  [/^rule unnamed (.+) → (.+)$/, (m) => `中央写明依据“${m[1]}”，地方只说“${m[2]}”，未写明依照什么规定`],
  [/^commitment added (.+)$/, (m) => `增加${m[1] === '优先' ? '优先安排' : m[1] === '免费' ? '免费提供' : '资金保障'}：“${m[1]}”`],
  [/^figure added (.+)$/, (m) => `增加具体数额或期限：“${m[1]}”`],
  [/^approver (.+) → (.+)$/, (m) => `批准或征求意见的机关由“${m[1]}”降为“${m[2]}”`],
  [/^fine (min|max) (.+) → (.+)$/, (m, e) => `罚款${m[1] === 'min' ? '下限' : '上限'}由${m[2]}${e === 'weaker' ? '降为' : e === 'stronger' ? '提高为' : '改为'}${m[3]}`],
  [/^contents listed$/, () => '列明应当包括的内容'],
  [/^notice (.+) → (.+)$/, (m, e) => `提前期限由“${m[1]}”${e === 'stronger' ? '提早为' : e === 'weaker' ? '推迟为' : '改为'}“${m[2]}”`],
  [/^case added (.+)$/, (m) => `${/前[一二两三]?款|本条/.test(m[1]!) ? '将前款要求' : '将地方规定'}延及另一情形：“${m[1]}”`],
  [/^definition narrowed (.+)$/, (m) => `定义的范围缩小，未含：“${m[1]}”`],
  [/^manner added (.+)$/, (m) => `增加“${m[1]}”要求`],
  [/^schedule added (.+)$/, (m) => `本条另定周期性安排：“${m[1]}”`],
  [/^bearer (.+) → (.+)$/, (m) => `义务主体由“${m[1]}”改为“${m[2]}”`],
  [/^bound (.+) → (.+)$/, (m) => `由“${m[1]}”提高为“${m[2]}”`],
  [/^beyond the law (.+)$/, (m) => `在法律规定之外另加要求：“${m[1]}”`],
  [/^principle dropped (.+)$/, (m) => `删去原则要求：“${m[1]}”`],
  [/^duty → sanction only$/, () => '地方只规定违反后的处罚，未规定这项义务本身'],
];

/** A machine reason in plain Chinese (the code itself when no rule knows it). */
export function explain(code: string, effect?: Effect): string {
  for (const [re, say] of RULES) {
    const m = re.exec(code);
    if (m) return say(m, effect);
  }
  return code;
}

/** `未见对应条款；最接近：第十二条（相似度 0.21）`. */
export function missingExplanation(closest: { path: string; score: number } | null): string {
  return closest ? `未见对应条款；最接近：${clauseName(closest.path)}（相似度 ${closest.score.toFixed(2)}）` : '未见对应条款；地方文本中没有共同的实词';
}
