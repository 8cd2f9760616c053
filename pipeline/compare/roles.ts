/**
 * Provisions a local text answers by one of the same role rather than in the same words:
 * - penalties, by a sentence deferring to the central law by name (`违反本办法的行为，《防洪法》…有处罚
 *   规定的，按其规定执行`, `依照《中华人民共和国集会游行示威法》…予以处罚`), which carries every penalty of
 *   that law over; a bare `依照有关法律、法规的规定处理` names no law and answers nothing;
 * - the scope of application (`在中华人民共和国境内…，均适用本法`), by the local text's own
 *   (`在本省行政区域内从事…的，应当遵守本办法`, `本办法适用于本省行政区域内的…`).
 * @module
 */
import { namesOf } from './refs.js';
import type { Sentence } from './sentences.js';

/** What a penalty provision imposes (a closed legal vocabulary). */
const SANCTION = /罚款|处分|刑事责任|拘留|警告|没收|吊销|责令|处罚/;

/** A sentence that imposes a sanction (a penalty provision), by SANCTION. */
export const isPenalty = (text: string): boolean => SANCTION.test(text);

/**
 * The breach a penalty provision punishes (`违反本法规定，…的`, `有下列行为之一的`, `未按照规定…的，`): a
 * sanction word alone (`责令`, `警告`) also orders or warns in a clause that lays a duty.
 */
export const BREACH = /违反|有下列(?:行为|情形)之一|未[^，。；]{0,10}的，/;

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

/** A local sentence answering a central one by its role, with the machine code and the plain reason. */
export interface RoleAnswer {
  sentence: Sentence;
  code: string;
  explanation: string;
}

/** The local sentences that play each role, found once per comparison. */
export class Roles {
  private readonly deferral: Sentence | null;
  private readonly scope: Sentence | null;

  constructor(local: readonly Sentence[], centralTitles: readonly string[]) {
    const names = centralTitles.flatMap(namesOf);
    this.deferral = local.find((s) => ABOUT_PENALTIES.test(s.text) && /处罚|规定执行|规定处理/.test(s.text) && names.some((n) => s.text.includes(`《${n}》`))) ?? null;
    this.scope = local.find((s) => LOCAL_SCOPE.test(s.text)) ?? null;
  }

  /** The local sentence that answers this central one by role, if any. */
  answer(central: string): RoleAnswer | null {
    if (this.deferral && isPenalty(central)) {
      const path = this.deferral.unit.path;
      return { sentence: this.deferral, code: `penalty deferred to the central law: ${path}`, explanation: `地方${path}援引中央法律的处罚规定` };
    }
    if (this.scope && CENTRAL_SCOPE.test(central)) {
      const path = this.scope.unit.path;
      return { sentence: this.scope, code: `scope of application: ${path}`, explanation: `地方${path}规定了本地的适用范围` };
    }
    return null;
  }
}
