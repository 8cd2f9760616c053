import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldPair, loadGold, loadPair, ROOT, scoreReport } from '../bench/eval-compare.js';
import { compareCommand, documentsOfFile } from '../cli/commands/compare.js';
import { compare, compareDocFrom, type CompareDoc, type CompareItem, type CompareReport } from '../pipeline/compare/index.js';
import { renderDocx } from '../pipeline/compare/render-docx.js';
import { renderHtml } from '../pipeline/compare/render-html.js';
import { renderMarkdown } from '../pipeline/compare/render-md.js';
import { Archive } from '../pipeline/store/archive.js';
import type { DocumentRecord } from '../pipeline/types.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { wenshi, wenshiJson } from './helpers/cli.js';
import { publicFile } from './helpers/public.js';

const SEED = join(ROOT, 'corpus', 'seed', '000_7bf2245de4f05e93.txt');
const SEED_GOLD = JSON.parse(readFileSync(join(ROOT, 'corpus', 'gold', 'compare-seed.json'), 'utf8')) as {
  central: string;
  local: string;
  maxCoverage: number;
  acceptable: { central: string; local: string }[];
};

let dir: string;
let archive: Archive;
let pair: { local: CompareDoc; central: CompareDoc[] };
let pairReport: CompareReport;
let five: CompareDoc;
let six: CompareDoc;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wenshi-compare-'));
  archive = new Archive(join(dir, 'data'));
  await ingestEmbedded([SEED], archive);
  const piece = (p: string) => compareDocFrom(archive.getDocument(archive.listDocuments().find((d) => d.piece === p)!.id)!);
  five = piece(SEED_GOLD.central);
  six = piece(SEED_GOLD.local);
  pair = await loadPair(goldPair('consultation'), archive);
  pairReport = compare(pair.local, pair.central);
});

afterAll(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The items of the central clause whose text holds the snippet. */
function clauseOf(report: CompareReport, snippet: string): CompareItem[] {
  const first = report.items.find((i) => i.central.clauseText.includes(snippet))!;
  return report.items.filter((i) => i.central.clausePath === first.central.clausePath);
}

/** The text a reason's marker or number must come from: the central clause, or the local clauses. */
function sides(item: CompareItem): { central: string; local: string } {
  // A modal word may sit in the clause's lead-in and govern the sentence (`必须坚持…；坚持…；`): the clause counts.
  return { central: item.central.clauseText, local: item.local.map((l) => l.clauseText).join('\n') };
}

/** Fails unless the reason names a marker, number or phrase that occurs on the side it claims. */
function expectNamed(reason: string, item: CompareItem): void {
  const { central, local } = sides(item);
  const modality = /^modality (\S+)(?: \(\w+\))? → (\S+)(?: \(\w+\))?$/.exec(reason);
  const frequency = /^frequency (每[^至 ]+)\S* ?(\d+(?:-\d+)?)? ?\S? → (?:not stated|(每[^至 ]+)\S* ?(\d+(?:-\d+)?)? ?\S?)$/.exec(reason);
  const deadline = /^deadline (\S+) → (.+)$/.exec(reason);
  const reference = /^procedure → reference (.+)$/.exec(reason);
  const quantity = /^quantity (\S+) → (\S+)$/.exec(reason);
  const notRestated = /^requirement not restated: (\S+)(?: \(\w+\))? · /.exec(reason);
  const scope = /^scope (\S+) → (\S+)$/.exec(reason);
  const qualifier = /^qualifier (added|dropped) (\S+)$/.exec(reason);
  const limit = /^(?:limit|step|figure|commitment) added (\S+)$/.exec(reason);
  const unnamed = /^(?:rule unnamed|approver) (\S+) → (\S+)$/.exec(reason);
  const spelledOut = /^reference → procedure (\S+)$/.exec(reason);
  const missing = /^no local clause scores ≥ [\d.]+ \(best (\S+) at ([\d.]+)\)$|^no local clause shares a content word$/.exec(reason);
  if (modality) {
    expect(central).toContain(modality[1]);
    expect(local).toContain(modality[2]);
  } else if (frequency) {
    // The period as written (每年, 每届…) on each side; the counts are rendered as digits.
    expect(central).toContain(frequency[1]);
    if (frequency[3]) expect(local).toContain(frequency[3]);
  } else if (deadline) {
    expect(central).toContain(deadline[1]);
    if (deadline[2] !== 'not stated') expect(local).toContain(deadline[2]);
  } else if (reference) {
    expect(local).toContain(reference[1]);
  } else if (quantity) {
    expect(central).toContain(quantity[1]);
    expect(local).toContain(quantity[2]);
  } else if (notRestated) {
    expect(central).toContain(notRestated[1]);
  } else if (scope) {
    expect(central).toContain(scope[1]);
    expect(local).toContain(scope[2]);
  } else if (qualifier) {
    expect(qualifier[1] === 'added' ? local : central).toContain(qualifier[2]);
  } else if (limit) {
    expect(local).toContain(limit[1]);
  } else if (unnamed) {
    expect(central).toContain(unnamed[1]);
    expect(local).toContain(unnamed[2]);
  } else if (spelledOut) {
    expect(central).toContain(spelledOut[1]);
  } else {
    expect(missing, `unrecognised reason "${reason}"`).not.toBeNull();
    expect(item.verdict).toBe('missing');
  }
}

describe('the written pairs (corpus/compare, gold corpus/gold/compare.json)', () => {
  it('reach the target verdict accuracy over all pairs', async () => {
    const rows = [];
    for (const gold of loadGold()) {
      const { local, central } = await loadPair(gold, archive);
      rows.push(...scoreReport(compare(local, central), gold).rows);
    }
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => r.predicted === r.gold.verdict).length / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it('get the consultation pair\'s verdicts, local clauses and additions', () => {
    const score = scoreReport(pairReport, goldPair('consultation'));
    expect(score.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(score.alignment).toBeGreaterThanOrEqual(0.9);
    expect(score.additions.correct).toBe(score.additions.expected);
    expect(score.rows.filter((r) => r.reasonNamed).length).toBe(score.rows.length);
  });

  it('judges every deliberate edit as the gold says', () => {
    const rows = scoreReport(pairReport, goldPair('consultation')).rows.filter((r) => r.gold.reason || r.gold.verdict === 'missing');
    expect(rows.length).toBe(8);
    for (const r of rows) expect(`${r.gold.central}: ${r.predicted}`).toBe(`${r.gold.central}: ${r.gold.verdict}`);
  });

  it('names the marker or number that changed for each known edit', () => {
    const reasonsOf = (snippet: string) => clauseOf(pairReport, snippet).flatMap((i) => i.reasons);
    expect(reasonsOf('5.计划调整')).toContain('modality 必须 → 可以');
    expect(reasonsOf('专题议政性常务委员会会议')).toContain('frequency 每年至少 2 次 → 每年至少 1 次');
    expect(reasonsOf('委员培训')).toContain('frequency 每届至少 1 次 → 每年至少 1 次');
    expect(reasonsOf('网络议政')).toContain('modality 可以 → 应当');
    expect(reasonsOf('意见整理报送')).toEqual(expect.arrayContaining(['modality 应当 → 视情', 'deadline 十五个工作日内 → not stated']));
    expect(reasonsOf('3.年度协商计划')).toContain('procedure → reference 按照有关规定执行');
  });

  it('names a changed amount once, with its numbers', async () => {
    const { local, central } = await loadPair(goldPair('proposals'), archive);
    const report = compare(local, central);
    const item = report.items.find((i) => i.central.text.includes('重点提案'))!;
    expect(item.verdict).toBe('weakened');
    // 每年遴选十件 reads as a frequency or as an amount depending on analyze; either way one reason, both numbers.
    expect(item.reasons).toHaveLength(1);
    expect(item.reasons[0]).toMatch(/^(?:frequency 每年 10 件 → 每年 5 件|quantity 十件 → 五件)$/);
    for (const it of report.items) for (const r of it.reasons) expectNamed(r, it);
  });

  it('answers one requirement from the local clause that restates it, and two merged clauses with one local clause', () => {
    // 协商议题的提出: its sentence on who collects the topics is answered by 5.议题确定 (4.议题征集 only names who proposes).
    const split = clauseOf(pairReport, '协商议题的提出').filter((i) => i.verdict !== 'missing');
    expect(split.flatMap((i) => i.local.map((l) => l.clauseText.slice(0, 6)))).toContain('5.议题确定');
    const merged = pairReport.items.filter((i) => i.local.some((l) => l.clauseText.includes('对口协商和界别协商')));
    expect([...new Set(merged.map((i) => i.central.clausePath))]).toEqual(['三/9', '三/10']);
  });

  it('gives each requirement sentence of a clause its own verdict, with the clause as context', () => {
    for (const item of pairReport.items) {
      expect(item.central.clauseText).toContain(item.central.text);
      expect(item.central.text).not.toMatch(/^[^。；]*，$/);
    }
  });

  it('names the actual marker or number in every reason', () => {
    const reasons = pairReport.items.flatMap((i) => i.reasons.map((r) => [r, i] as const));
    expect(reasons.length).toBeGreaterThan(6);
    for (const [reason, item] of reasons) expectNamed(reason, item);
  });

  it('explains each score by its parts and names the aligned clause pair', () => {
    const { weights } = pairReport.settings;
    for (const item of pairReport.items.filter((i) => i.verdict !== 'missing')) {
      const p = item.scoreParts;
      const lexical = (weights.cosine * p.cosine + weights.cover * p.cover + (item.central.finding ? weights.findings * p.findings : 0))
        / (weights.cosine + weights.cover + (item.central.finding ? weights.findings : 0));
      expect(item.score).toBeCloseTo(Math.max(lexical, (p.verbatim ?? 0) >= 0.6 ? p.verbatim! : 0), 2);
      expect(item.score).toBeGreaterThanOrEqual(pairReport.settings.threshold);
      expect(item.alignment.via).not.toBeNull();
    }
    expect(pairReport.items.filter((i) => i.alignment.localClause !== null).length).toBeGreaterThan(pairReport.items.length / 2);
    for (const item of pairReport.items.filter((i) => i.verdict === 'missing')) {
      expect(item.closest!.score).toBeLessThan(pairReport.settings.threshold);
      expect(item.explanation[0]).toBe(`未见对应条款；最接近：${item.closest!.clausePath}（相似度 ${item.closest!.score.toFixed(2)}）`);
    }
  });

  it('accepts a central document split over two files', async () => {
    const text = readFileSync(join(ROOT, 'corpus', 'compare', 'central-consultation.txt'), 'utf8');
    const at = text.indexOf('四、');
    writeFileSync(join(dir, 'central-a.txt'), text.slice(0, at));
    writeFileSync(join(dir, 'central-b.txt'), `关于加强和规范政协协商工作的意见（续）\n\n${text.slice(at)}`);
    const parts = [
      ...await documentsOfFile(archive, join(dir, 'central-a.txt'), 'central'),
      ...await documentsOfFile(archive, join(dir, 'central-b.txt'), 'central'),
    ].map(compareDocFrom);
    const report = compare(pair.local, parts);
    expect(report.central.documents?.map((d) => d.id)).toEqual(parts.map((p) => p.id));
    expect(new Set(report.items.map((i) => i.central.docId))).toEqual(new Set(parts.map((p) => p.id)));
    expect(scoreReport(report, goldPair('consultation')).accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the seed', () => {
  it('篇五 against itself is 100% covered, each clause by itself', () => {
    const report = compare(five, five);
    expect(report.items.length).toBeGreaterThan(15);
    expect(report.coverage).toBe(1);
    expect(report.counts.covered).toBe(report.items.length);
    for (const item of report.items) expect(item.local.map((l) => l.clausePath)).toEqual([item.central.clausePath]);
    expect(report.additions).toEqual([]);
  });

  it('篇五 against 篇六 has low coverage and no match a person would call nonsense', () => {
    const report = compare(six, five);
    expect(report.coverage).toBeLessThanOrEqual(SEED_GOLD.maxCoverage);
    // Sentence by sentence, two opinions of one domain share words: weak matches of a sentence to a
    // topical neighbour are expected; a strong one must be a pair judged on the same subject by hand.
    const matched = report.items.filter((i) => i.verdict !== 'missing' && i.score >= 0.6);
    for (const item of matched) {
      const ok = SEED_GOLD.acceptable.some((a) => item.central.clauseText.includes(a.central) && item.local.every((l) => l.clauseText.includes(a.local)));
      expect(ok, `unexpected match ${item.central.clausePath} → ${item.local.map((l) => l.clausePath).join('+')}`).toBe(true);
    }
    for (const item of report.items) for (const r of item.reasons) expectNamed(r, item);
    expect(report.additions.length).toBeGreaterThan(10);
  });
});

describe('real central/local pairs (public corpus, tuned pairs)', () => {
  const docOf = async (file: string, data: string) => {
    const archive = new Archive(data);
    try {
      const [doc] = await documentsOfFile(archive, publicFile(file).path);
      return compareDocFrom(doc!);
    } finally {
      archive.close();
    }
  };

  it('calls commencement and authorisation to make implementing rules not applicable, never missing', async () => {
    const data = mkdtempSync(join(tmpdir(), 'wenshi-compare-public-'));
    try {
      const report = compare(await docOf('pair05-local-deputies.md', data), await docOf('pair05-central-deputies.md', data));
      const byPath = new Map(report.items.map((i) => [i.central.clausePath, i]));
      expect(byPath.get('第五十一条')).toMatchObject({ verdict: 'not_applicable', explanation: [expect.stringMatching(/授权/)] });
      const last = report.items.at(-1)!;
      expect(last.central.text).toMatch(/本法自.*施行/);
      expect(last).toMatchObject({ verdict: 'not_applicable', local: [] });
      expect(report.counts.not_applicable).toBeGreaterThanOrEqual(2);
      // Each requirement sentence is an item: an article of several sentences gives several verdicts.
      const perClause = new Map<string, number>();
      for (const item of report.items) perClause.set(item.central.clausePath, (perClause.get(item.central.clausePath) ?? 0) + 1);
      expect(Math.max(...perClause.values())).toBeGreaterThan(2);
      expect(report.items.filter((i) => i.verdict === 'missing').every((i) => !/本法自.*施行|根据本法.*制定实施办法/.test(i.central.text))).toBe(true);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('renderers', () => {
  /** A hand-made opinion whose text is full of markup characters. */
  function hostile(id: string, modal: string): CompareDoc {
    const text = `关于<script>alert("x")</script>的意见\n\n1.会议&制度。政协${modal}每年召开两次<b>协商会</b>，'引号'与"双引号"。\n\n2.档案|管理。政协应当建立委员履职档案。`;
    const c1 = text.indexOf('1.');
    const c2 = text.indexOf('2.');
    const record: DocumentRecord = {
      id, text, piece: null, titleCandidates: [], truncated: false, pageRange: null, changes: {},
      sections: [
        { path: '1', label: '1.', heading: '会议&制度', kind: 'clause', depth: 3, start: c1, end: c2 - 2 },
        { path: '2', label: '2.', heading: '档案|管理', kind: 'clause', depth: 3, start: c2, end: text.length },
      ],
      meta: { title: '关于<script>alert("x")</script>的意见', type: 'opinion', issuer: null, level: 'central', region: null, date: null, year: null, rules: {} },
    };
    return compareDocFrom(record);
  }

  it('HTML escapes every piece of text and marks the differences', () => {
    const report = compare(hostile('local0001', '可以'), hostile('central01', '必须'));
    const html = renderHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&#39;引号&#39;');
    expect(html).toMatch(/<del>必须<\/del>/);
    expect(html).toMatch(/<ins>可以<\/ins>/);
    expect(html).toContain('“必须”改为“可以”');
  });

  it('Markdown keeps table cells intact', () => {
    const report = compare(hostile('local0001', '可以'), hostile('central01', '必须'));
    const md = renderMarkdown(report);
    const rows = md.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows.length).toBe(report.items.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(md).not.toContain('<script>');
  });

  it('marks the verdicts decided near the line in the report and in every export', async () => {
    const marked = pairReport.items.filter((i) => i.review);
    expect(marked.length).toBeGreaterThan(0);
    expect(pairReport.counts.review).toBe(marked.length);
    const item = marked[0]!;
    expect(item.review!.explanation).toMatch(/相似度(仅 )?0\.\d\d.*请核对/);
    expect(renderMarkdown(pairReport)).toContain(`待核 to check：${item.review!.explanation}`);
    expect(renderHtml(pairReport)).toContain(`<div class="review">待核 to check：${item.review!.explanation}</div>`);
    const { value } = await mammoth.extractRawText({ buffer: await renderDocx(pairReport) });
    expect(value).toContain(`待核 to check：${item.review!.explanation}`);
    expect(renderMarkdown(pairReport)).toContain(`待核 to check ${marked.length}`);
  });

  it('DOCX reads back with mammoth: titles, verdicts, reasons and both texts', async () => {
    const buffer = await renderDocx(pairReport);
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain(pairReport.local.title);
    expect(value).toContain('已弱化 weakened');
    expect(value).toContain('“必须”改为“可以”');
    expect(value).toMatch(/未见对应条款；最接近：\S+（相似度 0\.\d\d）/);
    expect(value).toContain('在对齐条款中找到');
    expect(value).toContain('提案承办单位必须在收到提案之日起三个月内办结');
    expect(value).toContain('县政协委员每年至少走访联系群众两次');
  });
});

describe('wenshi compare', () => {
  it('sets the level of a central file archived before only when --level is given, and says so either way', async () => {
    const data = join(dir, 'level-data');
    const central = join(ROOT, 'corpus/compare/central-consultation.txt');
    const local = join(ROOT, 'corpus/compare/local-consultation.txt');
    expect((await wenshi(['ingest', central, '--data', data])).code).toBe(0);
    const before = (await wenshiJson<{ id: string; level: string }[]>(['docs', '--json', '--data', data])).json;
    expect(before[0]!.level).not.toBe('central');
    const kept = await wenshi(['compare', local, '--against', central, '--data', data, '--json']);
    expect(kept.stderr).toMatch(/kept \(give --level central to change it\)/);
    const set = await wenshi(['compare', local, '--against', central, '--level', 'central', '--data', data, '--json']);
    expect(set.stderr).toContain(`level: ${before[0]!.id} ${before[0]!.level} → central`);
    const after = (await wenshiJson<{ id: string; level: string }[]>(['docs', '--json', '--data', data])).json;
    expect(after.find((d) => d.id === before[0]!.id)!.level).toBe('central');
  }, 120_000);

  it('ingests files, writes --html and --docx, prints --json', async () => {
    const data = join(dir, 'cli-data');
    const html = join(dir, 'report.html');
    const docx = join(dir, 'report.docx');
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let code: number;
    try {
      code = await compareCommand.run([join(ROOT, 'corpus/compare/local-consultation.txt'), '--against', join(ROOT, 'corpus/compare/central-consultation.txt'),
        '--data', data, '--json', '--html', html, '--docx', docx]);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    expect(code).toBe(0);
    const report = JSON.parse(chunks.join('')) as CompareReport;
    expect(report.counts).toEqual(pairReport.counts);
    const check = new Archive(data);
    try {
      expect(check.getDocument(report.central.id)?.level).toBe('central');
    } finally {
      check.close();
    }
    expect(readFileSync(html, 'utf8')).toContain('<del>');
    expect((await mammoth.extractRawText({ path: docx })).value).toContain('缺失 missing');
  });

  it('prints the table with the items to check marked and counted', async () => {
    const { stdout } = await wenshi(['compare', join(ROOT, 'corpus/compare/local-consultation.txt'), '--against', join(ROOT, 'corpus/compare/central-consultation.txt'), '--data', join(dir, 'table-data')]);
    const marked = pairReport.items.filter((i) => i.review);
    expect(stdout).toContain(`待核 to check ${marked.length}`);
    for (const item of marked) expect(stdout).toContain(`待核 to check：${item.review!.explanation}`);
  });
});
