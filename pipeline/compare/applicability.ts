/**
 * Provisions a local text is not expected to answer: they concern the central document itself
 * (its commencement, the texts it repeals, who interprets it, transitional cases, which text prevails
 * over it) or bind another level (authorising provinces, autonomous areas or the State Council to make
 * implementing rules, duties whose only addressee is a national organ). Their verdict is
 * `not_applicable` with the reason, never `missing`.
 * @module
 */

const OWN = '本(?:法|条例|办法|规定|决定|意见|细则|规则|实施办法|实施细则)';
/** All provinces at once (`省、自治区、直辖市`): a law speaking to every province delegates to them. */
const PROVINCES = '省、自治区、直辖市';
/** Words that name a local body or area: a sentence with one binds more than national organs. */
const LOCAL = '(?:地方|县级|设区的市|省级|乡、民族乡|乡镇|本行政区域)';
/** Words that lay a duty or grant a power on the sentence's subject. */
const DUTY = '应当|必须|不得|可以|负责';
/**
 * Organs that exist only at the national level: the central state organs of the Constitution (ch. 3)
 * that laws address, the armed forces under the Central Military Commission, and the river-basin bodies
 * of the State Council's water department.
 */
const NATIONAL = '(?:国务院|全国人民代表大会|中央军事委员会|国家监察委员会|最高人民法院|最高人民检察院|中国人民解放军|中国人民武装警察部队|流域管理机构|国家政策性(?:金融机构|银行))';

export interface Exemption {
  code: string;
  reason: string;
  /**
   * The duty is laid on a national organ that has a provincial counterpart: a local text that lays
   * the same duty on its own organ (国务院主管部门建数据库 → 省主管部门建数据库) carries it over, and is judged.
   */
  counterpart?: boolean;
}

const KINDS: ReadonlyArray<Exemption & { re: RegExp }> = [
  { code: 'commencement', re: new RegExp(`${OWN}自[^。]{0,40}(起)?(施行|生效)`), reason: '施行日期条款，只关于中央文件自身' },
  { code: 'repeal', re: /同时废止|予以废止|不再执行/, reason: '废止旧法条款，只关于中央文件自身' },
  { code: 'interpretation', re: new RegExp(`${OWN}由[^。]{1,30}负责解释|解释权(属于|归)`), reason: '解释权条款，只关于中央文件自身' },
  // `本法施行前已经…的，…`: what becomes of cases begun under the old rules.
  { code: 'transition', re: new RegExp(`${OWN}(施行|生效|公布)(以)?前`), reason: '过渡条款，只关于中央文件自身' },
  // `法律、行政法规另有规定的，从其规定`, `…国际条约同本法有不同规定的，适用该国际条约的规定`: which
  // text prevails. Only a sentence that opens with it: `…应当承担赔偿责任，法律另有规定的，从其规定` is a duty.
  { code: 'precedence', re: /^[^。，]{0,40}另有规定的，(依照|从其|适用)|国际条约[^。]{0,30}不同规定的/, reason: '与其他法律或国际条约的关系，只关于中央文件自身' },
  {
    // `民族自治地方…可以…制定变通或者补充的规定`: the law lets autonomous areas adapt it.
    code: 'autonomy',
    re: /(民族自治地方|自治区|自治州|自治县)[^。]{0,60}(变通|补充)的?(规定|办法)/,
    reason: '授权民族自治地方作变通或补充规定，约束的是其他层级',
  },
  {
    code: 'authorisation',
    re: new RegExp(`(可以|应当)?(根据|依照|依据|参照)${OWN}[^。]{0,30}(制定|规定)[^。]{0,12}(实施办法|实施细则|实施条例|具体办法|办法|细则|条例|规定)`),
    reason: '授权制定实施办法或细则，约束的是其他层级',
  },
  {
    // `…由省、自治区、直辖市人民政府规定`, `按照省、自治区、直辖市人民政府的规定免交…`, `省、自治区、直辖市…可以…`:
    // the law hands the matter to every province. A duty it lays on them first (`…负责本行政区域的调查`,
    // `…应当安排资金`) is a duty a province's text answers.
    code: 'delegation',
    re: new RegExp(`(由|按照|依照)${PROVINCES}[^，。；]{0,20}(规定|制定)|^${PROVINCES}(?:(?!${DUTY})[^。])*?(可以|(?:规定|制定)(?!的))`),
    reason: '授权省级规定，约束的是其他层级',
  },
  {
    // The sentence hands a national organ the making or approving (`由国务院…制定`, `必须报国务院批准`). One that
    // lays a duty of its own before handing the details over (`医疗机构应当积极推行…，具体管理办法由国务院…制定`) binds
    // the body it names. A modal word inside the topic the organ decides (`取得…资格应当具备的学历，由国务院教育行政部门
    // 规定`: a noun phrase, where a condition ends on `的，`) lays no duty.
    code: 'national',
    re: new RegExp(`^(?:(?!应当|必须|不得|禁止)[^。])*?由${NATIONAL}[^，。；]{0,30}(规定|制定|批准|拟定|确定)|^[^，。；]*的[^，。；的]{1,8}，由${NATIONAL}[^，。；]{0,30}(规定|制定|批准|拟定|确定)|报${NATIONAL}[^，。；]{0,12}批准`),
    reason: '仅约束中央国家机关',
  },
  {
    // A matter whose regime the State Council's rules set (`煤炭的进出口依照国务院的规定，实行统一管理`): no modal word lays a
    // duty on anyone a local text could bind, and no local body is named; the rules and the regime are the national organ's.
    code: 'national',
    re: new RegExp(`^(?!(?:[^。]*?(?:${DUTY}|禁止|${LOCAL})))[^。]*?(?:依照|按照)${NATIONAL}[^，。；]{0,12}?的?规定(?=[，,])`),
    reason: '依照中央国家机关的规定实行，仅约束中央国家机关',
  },
  {
    // The state making laws (`国家制定有关消费者权益的法律、法规…，应当听取…意见`): only the national legislature makes 法律.
    code: 'national',
    re: /^国家(?:在)?制定[^，。；]{0,30}法律/,
    reason: '国家立法，仅约束中央国家机关',
  },
  {
    // A national organ leads the sentence and no local body shares the duty (`国务院有关部门、设区的
    // 市级以上地方人民政府…应当` binds local governments too).
    code: 'national',
    counterpart: true,
    re: new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[）)])?${NATIONAL}(?![^。]*${LOCAL})`),
    reason: '仅约束中央国家机关',
  },
];

/**
 * A rule stated with its own subject before the details are handed to a national organ (`国家实行教师职务制度，具体办法由
 * 国务院规定`, `中小学教师…享受教龄津贴和其他津贴，具体办法由国务院教育行政部门…制定`): the rule binds where a local text
 * restates it, the details alone are the national organ's.
 */
const RULE_THEN_DETAILS = new RegExp(`^[^，。；]*?(?:国家|[^，。；]{2,}?)(?:实行|享受|执行|建立|设立)[^。；]*，具体(?:办法|管理办法|实施办法)由${NATIONAL}`);
/** A sentence that opens on a verb (`建立正常晋级增薪制度，…`) has no subject of its own: it only names what the organ is to make. */
const OPENS_ON_ACT = /^(?:建立|实行|制定|设立|执行)/;

/** Why a central sentence needs no local answer, or null when a local text should answer it. */
export function notApplicable(sentence: string): Exemption | null {
  const k = KINDS.find((x) => x.re.test(sentence));
  if (!k) return null;
  if (k.code === 'national' && !k.counterpart && RULE_THEN_DETAILS.test(sentence) && !OPENS_ON_ACT.test(sentence)) return null;
  // A duty over the whole country (`主管全国的教师工作`) has one too (`市和区、县教育行政部门…主管教师工作`); where the
  // law gives local governments the same duty beside it, withLocalLevel exempts it.
  return k.counterpart ? { code: k.code, reason: k.reason, counterpart: true } : { code: k.code, reason: k.reason };
}

/** A sentence whose subject is local governments or their departments (`县级以上地方人民政府…部门…`). */
const LOCAL_LEAD = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[）)])?(?:${LOCAL}|${PROVINCES}|各级人民政府)`);
/** Share of the national sentence's content words a local-level sentence repeats when it lays the same duty. */
const PARALLEL = 0.5;

interface Worded {
  text: string;
  words: readonly string[];
}

/**
 * A national organ's duty beside which the law lays the same duty on local governments in a sentence of its
 * own, in the same article or one beside it (`国务院建设行政主管部门…负责有关的防洪工作` beside `县级以上地方人民政府建设行政主管部门…负责本行政区域内有关的
 * 防洪工作`): that sentence carries the requirement for a local text, so the national one binds only the
 * national level and is not judged through a counterpart as well (one requirement, one verdict).
 */
export function withLocalLevel(exemption: Exemption | null, sentence: Worded, nearby: readonly Worded[]): Exemption | null {
  if (!exemption?.counterpart) return exemption;
  const words = new Set(sentence.words);
  // Distinct words: a sentence that repeats one shared word (`教师` four times) is no closer for it.
  const parallel = nearby.some((s) => s !== sentence && LOCAL_LEAD.test(s.text) && [...new Set(s.words)].filter((w) => words.has(w)).length >= PARALLEL * words.size);
  return parallel ? { code: exemption.code, reason: '本条或相邻条文另对地方各级作了相同规定，本句仅约束中央国家机关' } : exemption;
}
