/**
 * Classification rules as data: each names itself so the record can say which rule fired.
 * Ordered most specific first; the first match wins.
 * @module
 */
import type { DocType, Level } from '../types.js';

export interface TypeRule {
  name: string;
  type: DocType;
  /** Tested against the title. */
  title?: RegExp;
  /** Tested against the opening of the body (first ~400 characters). */
  opening?: RegExp;
}

export const TYPE_RULES: readonly TypeRule[] = [
  { name: 'title:文史资料', type: 'wenshi', title: /文史资料|口述|回忆录|亲历|史话/ },
  { name: 'title:工作报告', type: 'work_report', title: /工作报告/ },
  { name: 'title:经验材料', type: 'experience', title: /经验(汇报|交流)?材料|经验做法|典型材料/ },
  { name: 'title:心得', type: 'study_notes', title: /心得|体会|读后感|学习笔记/ },
  { name: 'title:通知', type: 'notice', title: /通知$|通报$/ },
  { name: 'title:讲话', type: 'speech', title: /讲话|致辞|发言|演讲/ },
  { name: 'title:意见/办法', type: 'opinion', title: /(实施)?意见$|办法$|规定$|细则$|规则$|方案$|条例$|决定$/ },
  { name: 'opening:向大会报告工作', type: 'work_report', opening: /向大会(作)?(报告工作|工作报告)/ },
  { name: 'opening:提出如下意见', type: 'opinion', opening: /提出如下(实施)?意见|现(就|提出)[^。]{0,40}意见/ },
  { name: 'opening:大会发言', type: 'speech', opening: /向大会作(专题|大会)?发言|我发言的题目/ },
  { name: 'opening:经验', type: 'experience', opening: /(过去的一年|近年来)[^。]{0,40}(我们|政协)/ },
];

/** Issuers that mark a central document. */
export const CENTRAL_ISSUERS = /^(中共中央|国务院|全国政协|中央办公厅|中共中央办公厅|国务院办公厅|中办|国办)/;

/** Administrative suffix → level, longest first. */
export const LEVEL_SUFFIXES: readonly [RegExp, Level][] = [
  [/(省|自治区)$/, 'provincial'],
  [/(直辖)?市$/, 'municipal'],
  [/(县|旗|自治县)$/, 'county'],
  [/区$/, 'district'],
];
