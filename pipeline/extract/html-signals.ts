/**
 * What an HTML page states about itself, read before its text: a government metadata table
 * (gov.cn's 索引号 / 主题分类 / 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期 / 主题词, labels often
 * spaced out), `<meta>` tags and `<title>`. The table wins over meta tags, meta tags over `<title>`.
 * @module
 */
import type { CheerioAPI } from 'cheerio';
import type { SourceSignals } from '../types.js';

import { METADATA_LABELS as TABLE_LABELS, type MetadataField as Field } from '../metadata-labels.js';

/** `<meta name=…>` names (lower case) → field; the first listed of a field that is present wins. */
const META_NAMES: [string, Field][] = [
  ['articletitle', 'title'], ['og:title', 'title'],
  ['contentsource', 'issuer'], ['author', 'issuer'],
  ['firstpublishedtime', 'published'], ['pubdate', 'published'], ['publishdate', 'published'],
  ['keywords', 'subject'],
];

const SPACES = /[\s\u00a0\u3000]+/g;

/** Label cells followed by their value cells, in tables whose labels we know. */
function tableSignals($: CheerioAPI, out: SourceSignals): void {
  $('td, th').each((_, cell) => {
    const label = $(cell).text().replace(SPACES, '').replace(/[:：]$/, '');
    const field = TABLE_LABELS[label];
    if (!field || out[field]) return;
    const value = $(cell).next('td, th').text().replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
    if (value) out[field] = { value, signal: `metadata table ${label}` };
  });
}

function metaSignals($: CheerioAPI, out: SourceSignals): void {
  for (const [name, field] of META_NAMES) {
    if (out[field]) continue;
    const value = $('meta')
      .filter((_, el) => ($(el).attr('name') ?? $(el).attr('property') ?? '').toLowerCase() === name)
      .first()
      .attr('content')
      ?.trim();
    if (value) out[field] = { value, signal: `meta[name=${name}]` };
  }
}

/** Reads the page's own metadata; call before anything removes `<head>`. */
export function htmlSignals($: CheerioAPI): SourceSignals {
  const out: SourceSignals = {};
  tableSignals($, out);
  metaSignals($, out);
  const title = $('head > title, title').first().text().replace(SPACES, ' ').trim();
  if (!out.title && title) out.title = { value: title, signal: 'html <title>' };
  return out;
}
