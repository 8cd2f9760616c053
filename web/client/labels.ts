/**
 * Chinese names for the codes the API returns (document types, levels, modalities, verdicts…);
 * an unknown code is shown as it is.
 * @module
 */

import { HISTORY_EVENT_NAMES } from '../../pipeline/history.js';

const TABLES = {
  type: {
    opinion: '实施意见', work_report: '工作报告', experience: '经验材料', study_notes: '心得体会',
    wenshi: '文史资料', notice: '通知', speech: '讲话', law: '法律', regulation: '法规规章', reply: '提案答复', other: '其他',
  },
  level: { central: '中央', provincial: '省级', municipal: '市级', county: '县级', district: '区级', unknown: '未识别' },
  modality: { prohibited: '禁止', mandatory: '必须', default: '一般', discretionary: '可以（酌情）', hortatory: '倡导' },
  findingType: { requirement: '要求', achievement: '成绩', plan: '计划', entity: '实体' },
  findingKind: {
    mechanism: '机制', meeting: '会议', report: '报告', training: '培训', evaluation: '评价', rule_making: '制定制度',
    disclosure: '公开', obligation: '义务', prohibition: '禁止事项', penalty: '罚则', requirement: '要求', achievement: '成绩', plan: '计划',
  },
  verdict: { covered: '已覆盖', strengthened: '强化', weakened: '弱化', missing: '缺失', not_applicable: '不适用', addition: '本地新增', review: '待核' },
  change: {
    web_chrome: '网页框架', site_footer: '网站页脚与版权声明', footnote_marker: '脚注标记', markup: '残留标记',
    scrape_noise: '防采集干扰字符', line_join: '断行合并', page_number: '页码',
    doubled_label: '重复序号', full_width: '全角转半角', whitespace: '空白整理',
  },
  period: { year: '每年', half_year: '每半年', quarter: '每季度', month: '每月', term: '每届', event: '每次' },
  facet: { type: '类型', level: '层级', region: '地区', year: '年份', issuer: '发文机关', docNumber: '发文字号', findingKind: '要求种类' },
  historyEvent: HISTORY_EVENT_NAMES,
  state: { refused: '已拒收', queued: '处理中', stored: '已入库', unchanged: '已存在', failed: '失败' },
  stage: {
    upload: '上传', read: '读取', extract: '提取文字', normalize: '清洗', structure: '分篇与结构', classify: '分类',
    analyze: '分析', store: '入库', index: '建立索引',
  },
} as const;

export type LabelTable = keyof typeof TABLES;

export function label(table: LabelTable, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return (TABLES[table] as Record<string, string>)[code] ?? code;
}

/** Modalities strongest first, as the legend lists them. */
export const MODALITY_ORDER = ['prohibited', 'mandatory', 'default', 'discretionary', 'hortatory'] as const;

/** `每年 1–2 次`, `每届至少 1 次`. */
export function frequencyText(f: { min: number | null; max: number | null; per: string } | null): string {
  if (!f) return '';
  const per = label('period', f.per);
  if (f.min !== null && f.max !== null) return f.min === f.max ? `${per} ${f.min} 次` : `${per} ${f.min}–${f.max} 次`;
  if (f.min !== null) return `${per}至少 ${f.min} 次`;
  if (f.max !== null) return `${per}至多 ${f.max} 次`;
  return per;
}
