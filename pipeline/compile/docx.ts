/**
 * A compiled volume as a Word document (the `docx` package): a title page, a real table of contents
 * filled in from the article headings (Word updates its page numbers on opening), Heading 1 per
 * article, and the person and place index at the end.
 * @module
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TableOfContents, TextRun } from 'docx';
import { editorialNote, type IndexEntry, type VolumePlan } from './plan.js';

/** Two characters of first-line indent, in twentieths of a point at 12 pt. */
const INDENT = 480;

function centred(text: string, options: { bold?: boolean; size?: number; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: 200 },
    children: [new TextRun({ text, bold: options.bold ?? false, ...(options.size ? { size: options.size } : {}) })],
  });
}

function indexSection(title: string, entries: readonly IndexEntry[]): Paragraph[] {
  return [
    new Paragraph({ text: title, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    ...entries.map((e) => new Paragraph({ text: `${e.name}　${e.articles.join('，')}` })),
  ];
}

export async function renderDocx(plan: VolumePlan): Promise<Buffer> {
  const children: (Paragraph | TableOfContents)[] = [
    new Paragraph({ text: plan.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 3000, after: 400 } }),
    centred(plan.subtitle, { size: 32 }),
    centred(plan.date, { before: 2000 }),
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: [new TextRun({ text: '目录', bold: true, size: 32 })] }),
    new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-1' }),
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: [new TextRun({ text: '编辑说明', bold: true, size: 28 })] }),
    ...editorialNote(plan).map((line) => new Paragraph({ text: line, indent: { firstLine: INDENT } })),
  ];
  for (const a of plan.articles) {
    children.push(new Paragraph({ text: `${a.number}. ${a.title}`, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
    if (a.byline) children.push(centred(a.byline));
    children.push(new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: a.source, italics: true, size: 20 })] }));
    for (const p of a.paragraphs) children.push(new Paragraph({ text: p, indent: { firstLine: INDENT }, spacing: { after: 120 } }));
  }
  children.push(...indexSection('人名索引', plan.persons), ...indexSection('地名索引', plan.places));
  const doc = new Document({
    title: plan.title,
    description: plan.subtitle,
    features: { updateFields: true },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
