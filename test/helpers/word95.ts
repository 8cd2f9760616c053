/**
 * Builds a Word 95 (.doc) file from paragraphs, as Chinese Word 95 saved one: an OLE2 compound
 * file (written by cfb) whose `WordDocument` stream starts with a Word 6/95 FIB (wIdent 0xA5DC,
 * nFib 0x68) and holds the text as 8-bit characters in the Windows code page of the document's
 * language, GBK (code page 936) for zh-CN, double-byte characters taking two positions. The text
 * lies from fcMin to fcMac: in reading order (fComplex 0, no piece table), or fast-saved, in
 * pieces out of order that a piece table (CLX) puts in order. One font, whose character set names
 * the code page; no stylesheet or other formatting, which Word 6 readers default. LibreOffice 7.4 reads Word 95
 * but cannot write it, hence this generator.
 *
 * Field offsets follow the Word 6/95 FIB: the Word 97 FIB ([MS-DOC] 2.5.1) without its csw/cslw
 * counts, with four reserved longs before ccpText and lcb fields of 4 bytes.
 * @module
 */
import CFB from 'cfb';
import iconv from 'iconv-lite';

/** FIB offsets in a Word 6/95 WordDocument stream. */
const FIB = {
  ident: 0x00,
  nFib: 0x02,
  product: 0x04,
  lid: 0x06,
  flags: 0x0a,
  nFibBack: 0x0c,
  chse: 0x14,
  chseTables: 0x16,
  fcMin: 0x18,
  fcMac: 0x1c,
  cbMac: 0x20,
  ccpText: 0x34,
  fcPlcfbteChpx: 0xb8,
  lcbPlcfbteChpx: 0xbc,
  fcSttbfffn: 0xd0,
  lcbSttbfffn: 0xd4,
  fcClx: 0x160,
  lcbClx: 0x164,
} as const;
/** fComplex in the FIB's flags: the text is in pieces, in the order the piece table gives. */
const F_COMPLEX = 0x0004;
/** A formatting page (FKP) is 512 bytes, found by its page number (PN) in the WordDocument stream. */
const PAGE = 512;
/** Page 1 holds the one character-property FKP; the text starts on page 2. */
const CHPX_PAGE = 1;
const TEXT_START = 2 * PAGE;
/** Word 6 sprms (one byte, then the operand): sprmCFtc (chp.ftc, a font index) and sprmCLid (chp.lid, a language id). */
const SPRM = { ftc: 93, lid: 97 } as const;
/** GB2312_CHARSET, the Windows character set of a Chinese font. */
const CHS_GB2312 = 134;

export interface Word95Options {
  /** Windows language id of the document. @defaultValue 0x0804 (zh-CN, code page 936) */
  lid?: number;
  /** Code page the text is written in. @defaultValue 'cp936' */
  codePage?: string;
  /** The one font's name. @defaultValue '宋体' */
  font?: string;
  /** The font's Windows character set. @defaultValue 134 (GB2312_CHARSET) */
  charset?: number;
  /**
   * Fast-saved (complex): each paragraph a piece of its own, stored last paragraph first, so
   * only the piece table (CLX) gives the reading order. @defaultValue false
   */
  fastSaved?: boolean;
}

/** A Word 95 .doc holding `paragraphs` (each ends with a paragraph mark, CR). */
export function buildWord95(paragraphs: readonly string[], opts: Word95Options = {}): Buffer {
  const paras = paragraphs.map((p) => iconv.encode(`${p}\r`, opts.codePage ?? 'cp936'));
  const stored = opts.fastSaved ? [...paras].reverse() : paras;
  const text = Buffer.concat(stored);
  let word = Buffer.alloc(TEXT_START + text.length);
  word.writeUInt16LE(0xa5dc, FIB.ident);
  word.writeUInt16LE(0x68, FIB.nFib);
  word.writeUInt16LE(0x68, FIB.nFibBack);
  word.writeUInt16LE(0x2d, FIB.product);
  word.writeUInt16LE(opts.lid ?? 0x0804, FIB.lid);
  word.writeUInt16LE(opts.fastSaved ? F_COMPLEX : 0, FIB.flags);
  word.writeUInt16LE(0, FIB.chse);
  word.writeUInt16LE(0, FIB.chseTables);
  word.writeInt32LE(TEXT_START, FIB.fcMin);
  word.writeInt32LE(TEXT_START + text.length, FIB.fcMac);
  word.writeInt32LE(text.length, FIB.ccpText);
  text.copy(word, TEXT_START);
  // One run of character properties over the whole text: its font, whose character set tells a
  // reader the code page of the 8-bit text (LibreOffice decodes by it), and its language.
  const fkp = word.subarray(CHPX_PAGE * PAGE, (CHPX_PAGE + 1) * PAGE);
  fkp.writeInt32LE(TEXT_START, 0);
  fkp.writeInt32LE(TEXT_START + text.length, 4);
  const chpx = PAGE - 8; // word-aligned, before the run count in the page's last byte
  fkp[8] = chpx / 2;
  const lid = opts.lid ?? 0x0804;
  Buffer.from([6, SPRM.ftc, 0, 0, SPRM.lid, lid & 0xff, lid >> 8]).copy(fkp, chpx);
  fkp[PAGE - 1] = 1;
  // The bin table (PLCF: two FCs, then one 2-byte PN), after the text.
  const bte = Buffer.alloc(10);
  bte.writeInt32LE(TEXT_START, 0);
  bte.writeInt32LE(TEXT_START + text.length, 4);
  bte.writeUInt16LE(CHPX_PAGE, 8);
  word.writeInt32LE(word.length, FIB.fcPlcfbteChpx);
  word.writeInt32LE(bte.length, FIB.lcbPlcfbteChpx);
  word = Buffer.concat([word, bte]);
  // The font table (STTBFFN): its total length, then each font (FFN): its length less one, family
  // and pitch, weight, character set, alternate-name index, and its name in the font's code page.
  const name = iconv.encode(opts.font ?? '宋体', opts.codePage ?? 'cp936');
  const ffn = Buffer.concat([Buffer.from([6 + name.length, 0x06, 400 & 0xff, 400 >> 8, opts.charset ?? CHS_GB2312, 0]), name, Buffer.from([0])]);
  const fonts = Buffer.concat([Buffer.alloc(2), ffn]);
  fonts.writeUInt16LE(fonts.length, 0);
  word.writeInt32LE(word.length, FIB.fcSttbfffn);
  word.writeInt32LE(fonts.length, FIB.lcbSttbfffn);
  word = Buffer.concat([word, fonts]);
  if (opts.fastSaved) {
    // The piece table: a Pcdt (clxt 2, its length, then a PLC of CPs and 8-byte PCDs: flags, the FC where the piece is stored, prm).
    const cps: number[] = [0];
    paras.forEach((p) => cps.push(cps.at(-1)! + p.length));
    const plc = Buffer.alloc(4 * cps.length + 8 * paras.length);
    cps.forEach((cp, i) => plc.writeInt32LE(cp, 4 * i));
    paras.forEach((para, i) => {
      const fc = TEXT_START + stored.slice(0, stored.indexOf(para)).reduce((n, b) => n + b.length, 0);
      plc.writeInt32LE(fc, 4 * cps.length + 8 * i + 2);
    });
    const clx = Buffer.concat([Buffer.from([2, 0, 0, 0, 0]), plc]);
    clx.writeInt32LE(plc.length, 1);
    word.writeInt32LE(word.length, FIB.fcClx);
    word.writeInt32LE(clx.length, FIB.lcbClx);
    word = Buffer.concat([word, clx]);
  }
  word.writeInt32LE(word.length, FIB.cbMac);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'WordDocument', word);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}
