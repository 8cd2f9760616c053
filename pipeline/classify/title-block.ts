/**
 * The lines at the top of a document, sorted by what they are: title lines, a `——` subtitle, a
 * date line `（2019年3月5日）` or `1957年6月26日在…会议上`, a speaker line, history lines and the
 * document's own 发文字号. A salutation (`各位代表：`) or an addressee line ends the block.
 * @module
 */
import { findDate } from './dates.js';
import { docNumberLine } from '../doc-number.js';
import { isHistoryLine } from './history.js';

export interface TitleBlock {
  /** Lines that make up the title, in order. */
  titleLines: string[];
  subtitle: string | null;
  /** Who told or wrote the piece, as its byline says (it names a memoir for what it is). */
  byline: string | null;
  /** The date a date line under the title gives, as ISO. */
  date: string | null;
  docNumber: string | null;
}

/** Invisible characters web pages leave in otherwise empty lines. */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/g;
const SALUTATION = /^(各位|尊敬的|同志们|女士们|先生们|亲爱的|朋友们|各省|各市|各县|各区)|[:：]$/;
const SUBTITLE = /^\s*(——|—|－－|--)\s*/;
/** `（2019年3月5日）`, `2019年3月5日在第十三届全国人民代表大会第二次会议上`. */
const DATE_LINE = /^[(（]?\s*(\d{4}|[〇零○一二三四五六七八九]{4})\s*年[^。]{0,60}[)）]?$/;
/** A person's name (2–4 characters), optionally after an office: `国务院总理 李强`, `周恩来`. */
const SPEAKER = /^([\u4e00-\u9fff]{2,12}\s+)?[\u4e00-\u9fff]{2,4}$/;
/** A byline: who told, wrote down or wrote the piece (`何少卿 口述　钟文彬 整理`, `作者：…`). */
const BYLINE = /(口述|整理|撰稿|撰文|执笔|记录)$|^(作者|文|撰稿)\s*[:：]/;
/** An office and a name, however spaced: `国务院总理李克强`, `市长 张三`. */
const OFFICE_AND_NAME = /(总理|主席|委员长|书记|省长|市长|县长|区长|部长|主任|院长)\s*[\u4e00-\u9fff]{2,3}$/;

export function readTitleBlock(candidates: readonly string[]): TitleBlock {
  const block: TitleBlock = { titleLines: [], subtitle: null, byline: null, date: null, docNumber: null };
  let history = false;
  for (const raw of candidates) {
    const line = raw.replace(INVISIBLE, '').trim();
    if (!line) continue;
    if (SALUTATION.test(line)) break;
    // History lines follow the title; a long entry wraps onto lines that start without a date.
    if (isHistoryLine(line)) history = true;
    if (history) continue;
    const number = docNumberLine(line);
    if (number) {
      block.docNumber ??= number;
      continue;
    }
    if (SUBTITLE.test(line)) {
      block.subtitle ??= line.replace(SUBTITLE, '').trim();
      continue;
    }
    if (DATE_LINE.test(line) && findDate(line)) {
      block.date ??= findDate(line);
      continue;
    }
    // A short name after the title and its date or subtitle is who spoke or wrote it.
    if (block.titleLines.length > 0 && BYLINE.test(line)) {
      block.byline ??= line;
      continue;
    }
    if (block.titleLines.length > 0 && (((block.date || block.subtitle) && SPEAKER.test(line)) || OFFICE_AND_NAME.test(line))) continue;
    // `标题——副标题` on one line.
    const dash = line.search(/——|－－/);
    if (dash > 1 && !block.subtitle) {
      block.subtitle = line.slice(dash).replace(SUBTITLE, '').trim() || null;
      block.titleLines.push(line.slice(0, dash).trim());
      continue;
    }
    block.titleLines.push(line);
  }
  return block;
}
