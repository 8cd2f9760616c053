/**
 * A document's title: from what the source states (a metadata table, `<title>`, a Markdown
 * heading), else from its title lines, else derived from its type and issuer — never empty.
 * @module
 */
import { cut } from '../segment/index.js';
import type { DocType, MetaRules, Signal } from '../types.js';

/** `…材料 (二)`: the numbered series line of a bundled material. */
const SERIES = /\s*[(（][一二三四五六七八九十]+[)）]$/;
export const DATE_IN_PARENS = /\s*[(（]\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*[)）]\s*/;

/**
 * Removes spaces that PDF export put inside a word (`协商民 主建设`) but keeps spaces that separate
 * two phrases (`发挥政协基层组织作用 推进基层协商民主建设`): a space is damage when jieba reads a word across it.
 */
export function closeBrokenWords(s: string): string {
  return s.replace(/([\u4e00-\u9fff]{1,8}) +(?=[\u4e00-\u9fff])/g, (whole, left: string, offset: number) => {
    const right = s.slice(offset + whole.length, offset + whole.length + 8);
    let at = 0;
    for (const word of cut(left + right)) {
      if (at < left.length && at + word.length > left.length) return left;
      at += word.length;
    }
    return whole;
  });
}

/**
 * A title line without its date, and without its series number when the document is one
 * material of a bundle (`…经验材料 (二)`); elsewhere `（七）` belongs to the title (`刑法修正案（七）`).
 */
export function stripTitle(line: string, inSeries = false): string {
  const undated = line.replace(DATE_IN_PARENS, '');
  return (inSeries ? undated.replace(SERIES, '') : undated).trim();
}

/** `关于…的…意见` is one phrase however the line was wrapped; other titles keep spaces jieba does not read across. */
export function cleanTitle(title: string): string {
  if (/^关于.*(意见|办法|规定|通知|方案|决定)$/.test(title)) return title.replace(/(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])/g, '');
  return closeBrokenWords(title);
}

/** The title among a document's title lines: after a series line, short lines joined, else the longest. */
export function pickTitle(lines: readonly string[], rules: MetaRules): string | null {
  let rest = lines.filter(Boolean);
  if (rest.length > 1 && SERIES.test(rest[0]!)) {
    rest = rest.slice(1);
    rules.title = 'lines after the series line';
  }
  if (rest.length === 0) return null;
  if (rest.length > 1 && rest.every((l) => l.length <= 12)) {
    rules.title ??= 'short title lines joined';
    return rest.join(' ');
  }
  rules.title ??= rest.length > 1 ? 'longest title line' : 'first title line';
  return rest.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Separators between a page's title and its site's name in `<title>`: `标题_中国政府网`, `标题 - 站名`. */
const SITE_SEPARATOR = /\s*[_|｜]\s*|\s+[-–—]\s+/;

/** A title a source states; a `<title>` loses the site name it carries (its longest part is the page's own). */
export function signalTitle(signal: Signal): string {
  if (!/<title>/.test(signal.signal)) return signal.value.trim();
  return signal.value.split(SITE_SEPARATOR).reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
}

/** What a work report is called after who gave it. */
function reportName(issuer: string | null): string {
  if (!issuer || /政府|国务院/.test(issuer)) return '政府工作报告';
  if (/常务委员会|常委会/.test(issuer)) return '常务委员会工作报告';
  return `${issuer}工作报告`;
}

/** A text that reports its speaker in the third person (`周恩来总理在报告中指出`) is a summary of the report. */
const THIRD_PERSON = /(总理|主席|委员长|同志|代表)在报告中/;
/** A text that calls itself a report (`我的报告就要完了`, `在报告之前`). */
const SELF_REPORT = /(我的|这个|本)报告|在报告之前|报告如下/;

const TYPE_NAMES: Partial<Record<DocType, string>> = {
  opinion: '意见', notice: '通知', speech: '讲话', law: '法', regulation: '办法', reply: '答复', experience: '经验材料',
};

/**
 * A title for a document that has no title line, made from what it is and who issued it, or else
 * its first words; the rule says it was derived.
 */
export function derivedTitle(type: DocType, issuer: string | null, text: string, rules: MetaRules): string {
  if (type === 'work_report') {
    const summary = THIRD_PERSON.test(text.slice(0, 2000));
    rules.title = `derived: work report of ${issuer ?? 'an unnamed government'}${summary ? ', a summary (speaker in the third person)' : ''}`;
    return reportName(issuer) + (summary ? '（摘要）' : '');
  }
  if (issuer && SELF_REPORT.test(text)) {
    rules.title = 'derived: a report by its issuer';
    return `${issuer}的报告`;
  }
  const name = TYPE_NAMES[type];
  if (issuer && name) {
    rules.title = 'derived: issuer and type';
    return `${issuer}${name}`;
  }
  const body = text.replace(/^\s*(同志们|各位[\u4e00-\u9fff]{0,6}|朋友们)[：:！!，,]/, '');
  const first = body.replace(/\s+/g, '').match(/^[^。！？!?；;]{1,24}/)?.[0] ?? '';
  rules.title = 'derived: first words of the text';
  return first ? `${first}…` : '（无标题）';
}
