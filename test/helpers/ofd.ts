/**
 * Builds OFD files (GB/T 33190-2016) from text, following the standard's package structure:
 * OFD.xml (DocBody with DocInfo and DocRoot) → Doc_N/Document.xml (CommonData, Pages) →
 * Doc_N/Pages/Page_M/Content.xml, where every visual line is a TextObject holding one TextCode
 * at its position, as a typesetter would write it: A4 pages, 公文-like margins, a centred title,
 * paragraphs wrapped at the measure with a 2-em first-line indent. Fonts are declared in
 * Doc_N/PublicRes.xml. Options: XML parts in GB18030 (declared), as some producers write them; each
 * glyph its own TextCode; a letterhead on a template page; page images (scans) as pages of their
 * own, declared in Doc_N/DocumentRes.xml. Per document, the parts that sit beside the pages:
 * annotations (Doc_N/Annots/Annotations.xml → Page_M/Annotation.xml, each Annot with a Remark and
 * an Appearance that draws its text), an electronic seal (OFD.xml's Signatures →
 * Doc_N/Signs/Signatures.xml → Sign_0/Signature.xml with its StampAnnot, seal and signed value:
 * placeholder bytes, no real SM2 signature) and custom tags (Doc_N/Tags/CustomTags.xml → a
 * GB/T 33476.2-style 公文 tag file that points at the title's TextObject by ObjectRef).
 * @module
 */
import iconv from 'iconv-lite';
import { buildZip, type ZipEntry } from './zip.js';

export interface OfdSource {
  title: string;
  paragraphs: readonly string[];
  /** Page images (PNG) set as pages of their own after the text, as a scanned document's pages are. */
  scans?: readonly Buffer[];
  author?: string;
  creationDate?: string;
  keywords?: readonly string[];
  /** Annotations set on pages of the text (a stamp, a reviewer's note). */
  annotations?: readonly OfdAnnotation[];
  /** An electronic seal (签章) by this signer, stamped on the first page. */
  seal?: string;
  /** Custom tags marking the title as the 公文标题. */
  customTags?: boolean;
}

export interface OfdAnnotation {
  /** Index of the page (0-based) it is set on. */
  page: number;
  type: 'Stamp' | 'Highlight' | 'Watermark' | 'Link' | 'Path';
  /** Text its appearance draws (a TextObject inside Appearance). */
  text: string;
  /** Its note (Remark). */
  remark?: string;
}

export interface OfdOptions {
  /** XML encoding of every part. @defaultValue 'UTF-8' */
  encoding?: 'UTF-8' | 'GB18030';
  /** Characters per full line (CJK, 1 em each). @defaultValue 28 */
  measure?: number;
  /** Lines per page. @defaultValue 22 */
  linesPerPage?: number;
  /** Each glyph its own TextCode at its own X, as many producers write them. @defaultValue false */
  perGlyph?: boolean;
  /** A letterhead (红头) set on a template page that the first page uses, above the title. */
  letterhead?: string;
}

const NS = 'http://www.ofdspec.org/2016';
const PAGE = { width: 210, height: 297, left: 28, top: 37 };
const SIZE = 5.6;
const PITCH = 10;
const TITLE_SIZE = 7.8;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Width of a character in em: CJK and full-width forms 1, the rest (Latin, digits) 0.5. */
const em = (ch: string): number => (/[\u0000-\u024f]/.test(ch) ? 0.5 : 1);

/** Splits a paragraph into lines of at most `measure` em, the first `indent` em shorter. */
export function wrap(text: string, measure: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = indent;
  for (const ch of text) {
    if (width + em(ch) > measure) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += ch;
    width += em(ch);
  }
  if (line) lines.push(line);
  return lines;
}

interface Placed {
  x: number;
  y: number;
  size: number;
  text: string;
}

function textObject(id: number, p: Placed, perGlyph: boolean): string {
  const chars = [...p.text];
  const width = chars.reduce((w, ch) => w + em(ch) * p.size, 0);
  let codes: string;
  if (perGlyph) {
    let x = 0;
    codes = chars.map((ch) => {
      const code = `<ofd:TextCode X="${x.toFixed(2)}" Y="${p.size}">${escape(ch)}</ofd:TextCode>`;
      x += em(ch) * p.size;
      return code;
    }).join('');
  } else {
    const deltaX = chars.length > 1 ? ` DeltaX="${chars.slice(0, -1).map((ch) => em(ch) * p.size).join(' ')}"` : '';
    codes = `<ofd:TextCode X="0" Y="${p.size}"${deltaX}>${escape(p.text)}</ofd:TextCode>`;
  }
  return `<ofd:TextObject ID="${id}" Boundary="${p.x.toFixed(2)} ${(p.y - p.size).toFixed(2)} ${width.toFixed(2)} ${(p.size * 1.4).toFixed(2)}" Font="2" Size="${p.size}">`
    + `<ofd:FillColor Value="0 0 0"/>${codes}</ofd:TextObject>`;
}

/** The pages' placed lines: the title centred on page 1, then the paragraphs' wrapped lines. */
function layout(src: OfdSource, measure: number, linesPerPage: number): Placed[][] {
  const pages: Placed[][] = [[]];
  let row = 0;
  const place = (text: string, x: number, size: number): void => {
    if (row === linesPerPage) {
      pages.push([]);
      row = 0;
    }
    pages.at(-1)!.push({ x, y: PAGE.top + row * PITCH + size, size, text });
    row++;
  };
  if (src.title) {
    const titleWidth = [...src.title].reduce((w, ch) => w + em(ch) * TITLE_SIZE, 0);
    place(src.title, (PAGE.width - titleWidth) / 2, TITLE_SIZE);
    row++;
  }
  for (const para of src.paragraphs) {
    wrap(para, measure, 2).forEach((line, i) => place(line, PAGE.left + (i === 0 ? 2 * SIZE : 0), SIZE));
  }
  return pages.filter((p) => p.length > 0);
}

/** An OFD package holding `docs` (one DocBody each), as bytes. */
export function buildOfd(docs: readonly OfdSource[], opts: OfdOptions = {}): Buffer {
  const encoding = opts.encoding ?? 'UTF-8';
  const xml = (body: string): Buffer => iconv.encode(`<?xml version="1.0" encoding="${encoding}"?>\n${body}`, encoding);
  const entries: ZipEntry[] = [];
  const bodies = docs.map((src, d) => {
    const keywords = (src.keywords ?? []).map((k) => `<ofd:Keyword>${escape(k)}</ofd:Keyword>`).join('');
    return `<ofd:DocBody><ofd:DocInfo><ofd:DocID>${(d + 1).toString(16).padStart(32, '0')}</ofd:DocID>`
      + `<ofd:Title>${escape(src.title)}</ofd:Title>`
      + (src.author ? `<ofd:Author>${escape(src.author)}</ofd:Author>` : '')
      + (src.creationDate ? `<ofd:CreationDate>${src.creationDate}</ofd:CreationDate>` : '')
      + (keywords ? `<ofd:Keywords>${keywords}</ofd:Keywords>` : '')
      + `<ofd:Creator>wenshi test fixture</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_${d}/Document.xml</ofd:DocRoot>`
      + (src.seal ? `<ofd:Signatures>Doc_${d}/Signs/Signatures.xml</ofd:Signatures>` : '')
      + '</ofd:DocBody>';
  });
  entries.push({ name: 'OFD.xml', data: xml(`<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD">${bodies.join('')}</ofd:OFD>`) });
  docs.forEach((src, d) => {
    const pages = layout(src, opts.measure ?? 28, opts.linesPerPage ?? 22);
    let id = 10;
    const scans = src.scans ?? [];
    const pageCount = pages.length + scans.length;
    const pageList = Array.from({ length: pageCount }, (_, p) => `<ofd:Page ID="${++id}" BaseLoc="Pages/Page_${p}/Content.xml"/>`).join('');
    const perGlyph = opts.perGlyph ?? false;
    let templates = '';
    let templateId = 0;
    if (opts.letterhead) {
      // Set in red type above the title's line, as a 红头 is.
      const width = [...opts.letterhead].length * TITLE_SIZE;
      const head = textObject(++id, { x: (PAGE.width - width) / 2, y: PAGE.top - PITCH, size: TITLE_SIZE, text: opts.letterhead }, perGlyph);
      templateId = ++id;
      templates = `<ofd:TemplatePage ID="${templateId}" BaseLoc="Tpls/Tpl_0/Content.xml"/>`;
      entries.push({
        name: `Doc_${d}/Tpls/Tpl_0/Content.xml`,
        data: xml(`<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${++id}">${head}</ofd:Layer></ofd:Content></ofd:Page>`),
      });
    }
    let titleObject = 0;
    pages.forEach((lines, p) => {
      if (p === 0) titleObject = id + 1;
      const objects = lines.map((line) => textObject(++id, line, perGlyph)).join('');
      const template = opts.letterhead && p === 0 ? `<ofd:Template TemplateID="${templateId}" ZOrder="Background"/>` : '';
      entries.push({
        name: `Doc_${d}/Pages/Page_${p}/Content.xml`,
        data: xml(`<ofd:Page xmlns:ofd="${NS}">${template}<ofd:Content><ofd:Layer ID="${++id}">${objects}</ofd:Layer></ofd:Content></ofd:Page>`),
      });
    });
    let documentRes = '';
    if (scans.length > 0) {
      const ids = scans.map(() => ++id);
      const media = ids.map((m, i) => `<ofd:MultiMedia ID="${m}" Type="Image" Format="PNG"><ofd:MediaFile>image_${i}.png</ofd:MediaFile></ofd:MultiMedia>`);
      entries.push({ name: `Doc_${d}/DocumentRes.xml`, data: xml(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:MultiMedias>${media.join('')}</ofd:MultiMedias></ofd:Res>`) });
      scans.forEach((png, i) => {
        entries.push({ name: `Doc_${d}/Res/image_${i}.png`, data: png });
        const image = `<ofd:ImageObject ID="${++id}" Boundary="0 0 ${PAGE.width} ${PAGE.height}" CTM="${PAGE.width} 0 0 ${PAGE.height} 0 0" ResourceID="${ids[i]}"/>`;
        entries.push({
          name: `Doc_${d}/Pages/Page_${pages.length + i}/Content.xml`,
          data: xml(`<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${++id}">${image}</ofd:Layer></ofd:Content></ofd:Page>`),
        });
      });
      documentRes = '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>';
    }
    entries.push({
      name: `Doc_${d}/PublicRes.xml`,
      data: xml(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`),
    });
    const pageId = (p: number): number => 11 + p;
    const nextId = (): number => ++id;
    const annotations = src.annotations?.length ? annotationParts(d, src.annotations, pageId, nextId, xml) : null;
    if (annotations) entries.push(...annotations);
    if (src.seal) entries.push(...sealParts(d, src.seal, pageId(0), nextId, xml));
    if (src.customTags) entries.push(...tagParts(d, pageId(0), titleObject, xml));
    entries.push({
      name: `Doc_${d}/Document.xml`,
      data: xml(`<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID>`
        + `<ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE.width} ${PAGE.height}</ofd:PhysicalBox></ofd:PageArea>`
        + `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${documentRes}${templates}</ofd:CommonData><ofd:Pages>${pageList}</ofd:Pages>`
        + (annotations ? '<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>' : '')
        + (src.customTags ? '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>' : '')
        + '</ofd:Document>'),
    });
  });
  return buildZip(entries);
}

type Xml = (body: string) => Buffer;

/** Annotations.xml, listing each annotated page's Annotation.xml (GB/T 33190 §15). */
function annotationParts(d: number, annots: readonly OfdAnnotation[], pageId: (p: number) => number, nextId: () => number, xml: Xml): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const list = [...new Set(annots.map((a) => a.page))].map((page) => {
    const body = annots.filter((a) => a.page === page).map((a, i) => {
      const box = `${120 - i * 10} ${200 - i * 30} 50 20`;
      return `<ofd:Annot ID="${nextId()}" Type="${a.type}" Creator="审阅人" LastModDate="2021-01-25">`
        + (a.remark ? `<ofd:Remark>${escape(a.remark)}</ofd:Remark>` : '')
        + `<ofd:Parameters><ofd:Parameter Name="fw:Kind">${a.type}</ofd:Parameter></ofd:Parameters>`
        + `<ofd:Appearance Boundary="${box}">${textObject(nextId(), { x: 2, y: 2 + SIZE, size: SIZE, text: a.text }, false)}</ofd:Appearance></ofd:Annot>`;
    });
    entries.push({ name: `Doc_${d}/Annots/Page_${page}/Annotation.xml`, data: xml(`<ofd:PageAnnot xmlns:ofd="${NS}">${body.join('')}</ofd:PageAnnot>`) });
    return `<ofd:Page PageID="${pageId(page)}"><ofd:FileLoc>Page_${page}/Annotation.xml</ofd:FileLoc></ofd:Page>`;
  });
  entries.push({ name: `Doc_${d}/Annots/Annotations.xml`, data: xml(`<ofd:Annotations xmlns:ofd="${NS}">${list.join('')}</ofd:Annotations>`) });
  return entries;
}

/** Signatures.xml with one seal (Type Seal) and its Signature.xml (GB/T 33190 §18), stamped on page `page`. */
function sealParts(d: number, signer: string, page: number, nextId: () => number, xml: Xml): ZipEntry[] {
  const dir = `Doc_${d}/Signs/Sign_0`;
  const signature = `<ofd:Signature xmlns:ofd="${NS}"><ofd:SignedInfo>`
    + `<ofd:Provider ProviderName="${escape(signer)}" Company="wenshi test fixture" Version="1.0"/>`
    + '<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod><ofd:SignatureDateTime>20210124100000Z</ofd:SignatureDateTime>'
    + `<ofd:References CheckMethod="1.2.156.10197.1.401"><ofd:Reference FileRef="/Doc_${d}/Document.xml"><ofd:CheckValue>${Buffer.alloc(32, 1).toString('base64')}</ofd:CheckValue></ofd:Reference></ofd:References>`
    + `<ofd:StampAnnot ID="${nextId()}" PageRef="${page}" Boundary="130 230 40 40"/>`
    + `<ofd:Seal><ofd:BaseLoc>/${dir}/Seal.esl</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo>`
    + `<ofd:SignedValue>/${dir}/SignedValue.dat</ofd:SignedValue></ofd:Signature>`;
  return [
    { name: `Doc_${d}/Signs/Signatures.xml`, data: xml(`<ofd:Signatures xmlns:ofd="${NS}"><ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`) },
    { name: `${dir}/Signature.xml`, data: xml(signature) },
    // A seal (SES_Signature, ASN.1) and an SM2 signature are binary; these stand in for them.
    { name: `${dir}/Seal.esl`, data: Buffer.alloc(256, 0x30) },
    { name: `${dir}/SignedValue.dat`, data: Buffer.alloc(72, 0x30) },
  ];
}

/** CustomTags.xml with one tag file, in the manner of GB/T 33476.2's 公文 tags: the title by ObjectRef. */
function tagParts(d: number, page: number, titleObject: number, xml: Xml): ZipEntry[] {
  const fw = 'http://www.chinaofd.cn/2016/fw';
  return [
    { name: `Doc_${d}/Tags/CustomTags.xml`, data: xml(`<ofd:CustomTags xmlns:ofd="${NS}"><ofd:CustomTag NameSpace="${fw}"><ofd:FileLoc>Tag_0.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>`) },
    { name: `Doc_${d}/Tags/Tag_0.xml`, data: xml(`<fw:DocInfo xmlns:fw="${fw}" xmlns:ofd="${NS}"><fw:Title><ofd:ObjectRef PageRef="${page}">${titleObject}</ofd:ObjectRef></fw:Title></fw:DocInfo>`) },
  ];
}
