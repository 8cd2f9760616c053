/**
 * Classification rules as data: each names itself so the record can say which rule fired.
 * Ordered most specific first; the first match wins.
 * @module
 */
import type { DocType } from '../types.js';

export interface TypeRule {
  name: string;
  type: DocType;
  /** Tested against the title. */
  title?: RegExp;
  /** Tested against the opening of the body (first ~400 characters). */
  opening?: RegExp;
  /** Tested against the first ~2000 characters (a summary names its speaker a few paragraphs in). */
  early?: RegExp;
}

export const TYPE_RULES: readonly TypeRule[] = [
  { name: 'title:文史资料', type: 'wenshi', title: /文史资料|口述|回忆录|亲历|史话/ },
  { name: 'title:答复', type: 'reply', title: /(提案|建议|议案|意见)的?(答复|复函)$|^对.*的答复$/ },
  { name: 'title:工作报告', type: 'work_report', title: /工作报告/ },
  { name: 'title:经验材料', type: 'experience', title: /经验(汇报|交流)?材料|经验做法|典型材料/ },
  { name: 'title:心得', type: 'study_notes', title: /心得|体会|读后感|学习笔记/ },
  { name: 'title:通知', type: 'notice', title: /通知$|通报$/ },
  { name: 'title:讲话', type: 'speech', title: /讲话|致辞|发言|演讲/ },
  // 法 closes a statute's name; 办法/方法/做法 are other words.
  { name: 'title:…法', type: 'law', title: /(?<![办方做想看说算])法$/ },
  { name: 'title:条例/办法/规定', type: 'regulation', title: /(条例|办法|规定|细则|规则|守则|章程)$/ },
  { name: 'title:意见/方案/决定', type: 'opinion', title: /意见$|方案$|决定$|决议$/ },
  // `我代表国务院，向大会报告政府工作`, `我受国务院的委托，向…报告政府工作`, `…向大会作政府工作报告`.
  { name: 'early:我代表…向大会报告', type: 'work_report', early: /我代表[^，。：]{1,30}[，,]?(向[^，。]{0,30})?(作|做)[^，。]{0,6}工作报告|(我代表|我受)[^，。：]{1,30}[，,]?(现在)?向[^，。]{0,30}(作|做|提出)?[^，。]{0,40}报告|向大会(作)?(报告工作|工作报告)/ },
  { name: 'early:总理在报告中', type: 'work_report', early: /(总理|省长|市长|县长)[\u4e00-\u9fff]{0,4}在(政府工作)?报告中/ },
  { name: 'opening:提出如下意见', type: 'opinion', opening: /提出如下(实施)?意见|现(就|提出)[^。]{0,40}意见/ },
  { name: 'opening:大会发言', type: 'speech', opening: /向大会作(专题|大会)?发言|我发言的题目/ },
  { name: 'opening:经验', type: 'experience', opening: /(过去的一年|近年来)[^。]{0,40}(我们|政协)/ },
];
