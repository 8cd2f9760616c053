/**
 * Provisions a local text answers by one of the same role rather than in the same words:
 * - penalties, by a sentence deferring to the central law by name (`违反本办法的行为，《防洪法》…有处罚
 *   规定的，按其规定执行`, `依照《中华人民共和国集会游行示威法》…予以处罚`), which carries every penalty of
 *   that law over (one naming articles, `依照《…》第三十一条的规定处罚`, only theirs); a bare
 *   `依照有关法律、法规的规定处理` names no law and answers nothing;
 * - the scope of application (`在中华人民共和国境内…，均适用本法`), by the local text's own
 *   (`在本省行政区域内从事…的，应当遵守本办法`, `本办法适用于本省行政区域内的…`);
 * - a party's rights and duties, by a blanket reference that hands the party what the central law
 *   gives or lays on it (`消费者享有《…消费者权益保护法》等…规定的各项权利`, `经营者应当遵守《…》…，履行
 *   保障消费者权益的义务`): the central law's general duty of that party (`应当遵守本法`) is answered, each
 *   concrete one only by reference, which asks less (`corpus/gold/compare-public.md` 6.5 and section 9).
 * @module
 */
import { NAMES_ARTICLE, namesOf, type References } from './refs.js';
import type { Unit } from './units.js';
import type { Sentence } from './sentences.js';
import type { Verdict } from './types.js';
import { leadingNouns } from '../segment/index.js';

/** What a penalty provision imposes (a closed legal vocabulary). */
const SANCTION = /罚款|处分|刑事责任|拘留|警告|没收|吊销|责令|处罚/;

/** A sentence that imposes a sanction (a penalty provision), by SANCTION. */
export const isPenalty = (text: string): boolean => SANCTION.test(text);

/**
 * A sanction in what the sentence lays down, after its last condition (`…的，`): `受到…刑事处罚的，不能取得教师资格`
 * names a sanction in its condition and imposes none, so a deferral to the law's penalties does not answer it.
 */
const imposesSanction = (text: string): boolean => SANCTION.test(text.slice(text.lastIndexOf('的，') + 1));

/**
 * The breach a penalty provision punishes (`违反本法规定，…的`, `有下列行为之一的`, `未按照规定…的，`): a
 * sanction word alone (`责令`, `警告`) also orders or warns in a clause that lays a duty.
 */
export const BREACH = /违反|有下列(?:行为|情形)之一|未[^，。；]{0,10}的，/;

/**
 * The act a penalty punishes: what its paragraph says before the first sanction, up to the condition's
 * close (`…不符合国家规定的卫生标准和要求的，由…责令改正` → `…不符合国家规定的卫生标准和要求`; `血站违反…采集血液，
 * 由…`). Read off the whole paragraph, so a sentence that only grades the sanction (`情节严重的，…`, `按照开垦
 * 面积，可以…处…罚款`) punishes its paragraph's breach. A line with no sanction (a list item) is all breach.
 */
export function breachOf(paragraph: string): string {
  const sanction = SANCTION.exec(paragraph);
  if (!sanction) return paragraph;
  const before = paragraph.slice(0, sanction.index);
  const end = Math.max(before.lastIndexOf('的，'), before.lastIndexOf('，由'));
  return end < 0 ? '' : before.slice(0, end);
}

/** A penalty provision: a sanction of a breach (`违反本办法第十七条规定，…的，由…处…罚款`). */
export const sanctionOfBreach = (text: string): boolean => BREACH.test(text) && isPenalty(text);

/**
 * `…适用本法`, `本法适用于…` (an exclusion, `不适用本法`, is a provision of its own), or the territory
 * the law binds with what is to be done there under it (`在中华人民共和国领域…内建设…的项目，应当依照本法
 * 进行环境影响评价`, `在中华人民共和国境内从事水土保持活动，应当遵守本法`).
 */
const CENTRAL_SCOPE = /(?<!不)适用本法|本法适用于|在中华人民共和国(?:境内|领域)[^。；;]*(?:依照|遵守)本法/;
const LOCAL_SCOPE = /(?:(?<!不)适用|遵守)本(?:办法|条例|规定|细则|实施办法)|本(?:办法|条例|规定|细则)适用于/;

/**
 * A deferral to the central law carries its penalties over only when it speaks of violations or
 * penalties: `黄河防洪规划的编制，按照《防洪法》第十条第一款规定执行` defers one procedure, not the law's sanctions.
 */
const ABOUT_PENALTIES = /违反|处罚|法律责任/;

/**
 * A blanket reference: the rights a named law gives (`享有《…》…规定的各项权利`) or the duties it lays
 * (`应当遵守《…》…，履行…义务`), none of them said.
 */
export const BLANKET = /享有《[^。；]*?》[^。；]*?权利|(?:应当|必须)(?:遵守|依照)《[^。；]*?》[^。；]*?(?:履行|落实)[^。；]*?(?:义务|职责)/;

/**
 * A blanket reference for a party (`消费者`, `经营者`) named at the head of its sentence. A scope clause
 * binding everyone in the territory to the law and the local text (`本省行政区域内的…和公民，均应遵守
 * 《献血法》和本办法`) hands over no party's rights or duties: it answers the scope of application only.
 */
const PARTY_BLANKET = new RegExp(`^([^，。；、\\s]{2,8}?)(?:${BLANKET.source})`);

/**
 * The duties a named law lays, taken on by a party among other duties of its sentence (`教师…，应当忠诚于人民的
 * 教育事业，履行《教师法》规定的义务，遵守…`): a blanket reference for the party the sentence opens with.
 */
const DUTIES = /(?:应当|必须)履行[^。；，]*?(?:义务|职责)|下列(?:义务|职责)/;
/** A list of the party's duties as a whole (`…应当履行下列义务：`). */
const ALL_DUTIES = /履行下列(?:义务|职责)[：:]?$/;
const TAKES_DUTIES = /应当[^。；]*?履行《[^。；]*?》(?:规定的|中规定的)(?:各项)?(?:义务|职责)/;

/** The central law's general duty or right of a party (`应当遵守本法`, `应当依照本法…履行义务`). */
const GENERAL = /遵守本法|依照本法[^。；]{0,20}?履行|享有本法规定的/;

/** Liability (a sanction, damages, civil liability): a blanket reference to the law's rights and duties does not carry it over. */
const LIABILITY = /承担(?:民事|侵权|赔偿|连带|法律)?责任|赔偿|追偿/;

/** A party's name as the head of an organisation's (`消费者协会`, `消费者组织`): another party. */
const ORGANISATION = /^(?:协会|组织|团体|机构|委员会)/;

/** A local sentence answering a central one by its role, with the machine code and the plain reason. */
export interface RoleAnswer {
  sentence: Sentence;
  verdict: Extract<Verdict, 'covered' | 'weakened'>;
  code: string;
  explanation: string;
}

/**
 * Does the central sentence lay its demand on this party? The nouns a comma-separated part opens with
 * (`采取召回措施的，经营者应当…`; not `消费者协会`, nor `消费者组织`, which jieba may read as noun and verb), or
 * the actor analyze read from the paragraph for a sentence with none of its own (`不得设定不公平…的交易条件`).
 */
function laysOn(central: Sentence, party: string): boolean {
  const opens = (part: string) => leadingNouns(part) === party && !ORGANISATION.test(part.slice(party.length));
  return central.findings.some((f) => f.actor === party) || central.text.split(/[，,]/).some(opens);
}

/** The local sentences that play each role, found once per comparison. */
export class Roles {
  /**
   * Deferrals to the central law's penalties, each with the central clauses it cites: one naming
   * articles (`依照《…环境影响评价法》第三十一条的规定处罚`) carries those articles' penalties over, not
   * the law's others; one naming none (`null`) carries every penalty.
   */
  private readonly deferrals: ReadonlyArray<{ sentence: Sentence; cites: ReadonlySet<Unit> | null }>;
  private readonly scope: Sentence | null;
  /**
   * Each central law's scope of application: its first sentence that says where or to whom it applies. A later one
   * extends it to a group (`国有农场…的职工，兴办农民专业合作社适用本法`), which a local scope clause does not name.
   */
  private readonly centralScopes = new Map<string, Sentence>();
  /** Blanket references, each with the party it names; `duties` when it takes on the law's duties only (TAKES_DUTIES). */
  private readonly blankets: ReadonlyArray<{ sentence: Sentence; party: string; duties: boolean }>;

  constructor(local: readonly Sentence[], centralTitles: readonly string[], refs: References, central: readonly Sentence[] = []) {
    for (const s of central) if (CENTRAL_SCOPE.test(s.text) && !this.centralScopes.has(s.unit.docId)) this.centralScopes.set(s.unit.docId, s);
    const names = centralTitles.flatMap(namesOf);
    const naming = (s: Sentence) => names.some((n) => s.text.includes(`《${n}》`));
    this.deferrals = local.filter((s) => ABOUT_PENALTIES.test(s.text) && /处罚|规定执行|规定处理/.test(s.text) && naming(s)).map((s) => {
      const cited = refs.clauses(s).filter((u) => u.docId !== s.unit.docId);
      return { sentence: s, cites: NAMES_ARTICLE.test(s.text) && cited.length > 0 ? new Set(cited) : null };
    });
    this.scope = local.find((s) => LOCAL_SCOPE.test(s.text)) ?? null;
    this.blankets = local.flatMap((s): Array<{ sentence: Sentence; party: string; duties: boolean }> => {
      if (!naming(s)) return [];
      const party = PARTY_BLANKET.exec(s.text)?.[1];
      if (party) return [{ sentence: s, party, duties: false }];
      const taker = TAKES_DUTIES.test(s.text) ? leadingNouns(s.text) : '';
      return taker ? [{ sentence: s, party: taker, duties: true }] : [];
    });
  }

  /** The local sentence that answers this central one by role, if any. */
  answer(item: Sentence): RoleAnswer | null {
    const central = item.text;
    const deferral = imposesSanction(central) ? this.deferrals.find((d) => !d.cites || d.cites.has(item.unit)) : undefined;
    if (deferral) {
      const path = deferral.sentence.unit.path;
      return { sentence: deferral.sentence, verdict: 'covered', code: `penalty deferred to the central law: ${path}`, explanation: `地方${path}援引中央法律的处罚规定` };
    }
    if (this.scope && CENTRAL_SCOPE.test(central) && (this.centralScopes.get(item.unit.docId) ?? item) === item) {
      const path = this.scope.unit.path;
      return { sentence: this.scope, verdict: 'covered', code: `scope of application: ${path}`, explanation: `地方${path}规定了本地的适用范围` };
    }
    return null;
  }

  /**
   * The blanket reference that answers a central sentence nothing else answers, if any. Only then: a
   * local sentence on the matter, however loose, says more of it than a reference to the whole law.
   * An item of a list (`（一）消费者定作的`) names no party: its lead-in (`lead`) does.
   */
  blanket(central: Sentence, lead: Sentence = central): RoleAnswer | null {
    const text = central.text;
    if ([text, lead.text].some((t) => isPenalty(t) || LIABILITY.test(t))) return null;
    // A reference to the law's duties answers only what the law lists as the party's duties (`教师应当履行下列义务：`).
    const blanket = this.blankets.find((b) => laysOn(lead, b.party) && (!b.duties || DUTIES.test(lead.text)));
    if (!blanket) return null;
    const path = blanket.sentence.unit.path;
    // `教师应当履行下列义务：` is the party's general duty too, where the reference takes on the law's duties.
    return GENERAL.test(text) || (blanket.duties && ALL_DUTIES.test(text))
      ? { sentence: blanket.sentence, verdict: 'covered', code: `general duty by blanket reference: ${path}`, explanation: `地方${path}概括援引中央法律` }
      : { sentence: blanket.sentence, verdict: 'weakened', code: `blanket reference only: ${path}`, explanation: `仅以概括性援引回应（${path}）` };
  }
}
