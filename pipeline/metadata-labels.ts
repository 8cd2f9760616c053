/**
 * Labels of the metadata block government pages print above a document (gov.cn: 索引号 / 主题分类 /
 * 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期 / 主题词), spaces removed, and the field each fills.
 * Read from HTML tables by the extractor and from plain-text copies of such pages by classify.
 * @module
 */
import type { SourceSignals } from './types.js';

export type MetadataField = keyof SourceSignals;

export const METADATA_LABELS: Readonly<Record<string, MetadataField>> = {
  标题: 'title', 文件标题: 'title',
  发文机关: 'issuer', 发布机关: 'issuer', 发文单位: 'issuer', 制定机关: 'issuer',
  成文日期: 'date', 发文日期: 'date', 印发日期: 'date',
  发文字号: 'docNumber', 文号: 'docNumber',
  发布日期: 'published', 公布日期: 'published',
  主题分类: 'subject', 主题词: 'subject',
};
