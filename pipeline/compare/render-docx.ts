/**
 * The comparison as a Word document for staff: landscape, a summary, then a table with the central
 * clause and the local text side by side (central-only text struck through in red, local-only text
 * underlined in green), the verdict, reasons and score; then the local additions.
 * @module
 */
import {
  AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { sideBySide, type DiffPart } from './diff.js';
import type { CompareItem, CompareReport } from './types.js';
import { ADDITION_LABEL, alignmentLine, reviewLine, scoreLine, settingsLine, summaryLine, VERDICT_LABEL } from './wording.js';

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' };

function run(part: DiffPart): TextRun {
  if (part.side === 'central') return new TextRun({ text: part.text, strike: true, color: 'C00000' });
  if (part.side === 'local') return new TextRun({ text: part.text, underline: {}, color: '1A7F37' });
  return new TextRun(part.text);
}

/** Diff parts as paragraphs: Word needs a paragraph per line, so parts are split at line breaks. */
function paragraphs(parts: DiffPart[], lead?: string): Paragraph[] {
  const lines: TextRun[][] = [[]];
  for (const p of parts) {
    p.text.split(/\n/).forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1]!.push(run({ side: p.side, text: piece }));
    });
  }
  const out = lines.filter((l) => l.length).map((children) => new Paragraph({ children }));
  if (lead) out.unshift(new Paragraph({ children: [new TextRun({ text: lead, bold: true })] }));
  return out.length ? out : [new Paragraph('—')];
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });
}

function header(labels: string[], widths: number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    children: labels.map((l, i) => cell([new Paragraph({ children: [new TextRun({ text: l, bold: true })] })], widths[i]!)),
  });
}

const WIDTHS = [36, 36, 28];

function itemRow(item: CompareItem): TableRow {
  const cols = sideBySide(item);
  const review = reviewLine(item);
  const verdict = [
    new Paragraph({ children: [new TextRun({ text: VERDICT_LABEL[item.verdict], bold: true })] }),
    ...(review ? [new Paragraph({ children: [new TextRun({ text: review, color: '8A4600' })] })] : []),
    ...item.explanation.map((r) => new Paragraph({ text: r, bullet: { level: 0 } })),
    new Paragraph({ children: [new TextRun({ text: scoreLine(item), size: 16, color: '666666' })] }),
    new Paragraph({ children: [new TextRun({ text: alignmentLine(item), size: 16, color: '666666' })] }),
  ];
  return new TableRow({
    children: [
      cell(paragraphs(cols.central, item.central.clausePath), WIDTHS[0]!),
      cell(paragraphs(cols.local, item.local.map((l) => l.clausePath).join(' + ') || undefined), WIDTHS[1]!),
      cell(verdict, WIDTHS[2]!),
    ],
  });
}

export async function renderDocx(r: CompareReport): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header(['中央条款 central', '地方条款 local', '结论与理由 verdict and reasons'], WIDTHS), ...r.items.map(itemRow)],
  });
  const additions = r.additions.length
    ? [new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header(['条款 clause', '内容 text'], [15, 85]),
        ...r.additions.map((a) => new TableRow({ children: [cell([new Paragraph(a.clausePath)], 15), cell(paragraphs([{ side: 'same', text: a.text }]), 85)] }))],
    })]
    : [new Paragraph('—')];
  const doc = new Document({
    title: `对照检查 ${r.local.title}`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ text: `对照检查 compare: ${r.local.title}`, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER }),
        new Paragraph(`地方文件 local: ${r.local.title} (${r.local.id})`),
        new Paragraph(`对照文件 central: ${r.central.title} (${r.central.id})`),
        new Paragraph({ children: [new TextRun({ text: summaryLine(r), bold: true })] }),
        new Paragraph({ children: [new TextRun({ text: settingsLine(r), size: 16, color: '666666' })] }),
        new Paragraph('删除线红字 = 仅见于中央条款 only in the central clause；下划线绿字 = 仅见于地方条款 only in the local text'),
        table,
        new Paragraph({ text: `${ADDITION_LABEL} (${r.additions.length})`, heading: HeadingLevel.HEADING_2 }),
        ...additions,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
