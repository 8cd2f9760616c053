/**
 * Cross-references resolved into the text they point to: `本法第七条`, `本办法第十三条、第十六条`,
 * `《中华人民共和国防洪法》第十九条`, `第十二条第三款`, `前款`, `前两款`, `前条`. A sentence that says
 * `违反本法第十七条规定的` or `前款所列专项规划` is about what that article says, and a local sentence
 * citing the central law's article answers that article's items: matching reads the referenced
 * text's words beside the sentence's own.
 * @module
 */
import { parseNumber } from '../analyze/numbers.js';
import type { Sentence } from './sentences.js';
import { contentWords, type Unit } from './units.js';

const NUM = '[零〇一二两三四五六七八九十百\\d]+';
/** One cited article, with its paragraph when given (`第十二条第三款`). */
const ARTICLE = new RegExp(`第(${NUM})条(?:第(${NUM})款)?`, 'g');
/** Whether a text names an article by number (`按照《防洪法》第十九条规定执行`). */
export const NAMES_ARTICLE = new RegExp(`第${NUM}条`);
/** A run of cited articles (`第十二条第三款、第十三条第二款`). */
const ARTICLES = `((?:第${NUM}条(?:第${NUM}款)?(?:[、，,和及或]|或者)?)+)`;
/** The document's own articles (`本法第七条`, `本办法第四条、第五条`). */
const OWN = new RegExp(`本(?:法|条例|办法|规定|细则|规则|实施办法|实施细则)${ARTICLES}`, 'g');
/** Another document's articles, cited by its title (`《中华人民共和国环境影响评价法》第三十二条`). */
const NAMED = new RegExp(`《([^》]{2,40})》${ARTICLES}`, 'g');
/** The paragraphs just before in the same article (`前款`, `前两款`), or the article before (`前条`; not `目前条件`, `提前条件`). */
const PREVIOUS = /(?<![目提当])前([两二三]?)(款|条)(?!件)/g;

/** The path segment that names an article (`第二十六条` in `第二十六条/(二)`). */
const ARTICLE_PATH = new RegExp(`(?:^|/)第(${NUM})条(?=/|$)`);
/** A clause's own label, which is no part of what it says. */
const LABEL = new RegExp(`^第${NUM}条\\s*`);

/** `中华人民共和国防洪法` → [`中华人民共和国防洪法`, `防洪法`]: the names a text cites a law by. */
export function namesOf(title: string): string[] {
  const full = title.replace(/[（(].*?[）)]/g, '').replace(/[《》]/g, '').trim();
  const short = full.replace(/^中华人民共和国/, '');
  return [...new Set([full, short])].filter((n) => n.length >= 3);
}

/** A document's articles: each article's clauses (its body first, then its list items), by number. */
interface Articles {
  names: string[];
  byNumber: Map<number, Unit[]>;
}

/** What a citation points to: an article's clauses, and the paragraph of its body when one is named. */
interface Target {
  units: readonly Unit[];
  paragraph: number | null;
}

const articleOf = (u: Unit): number | null => {
  const m = ARTICLE_PATH.exec(u.path);
  return m ? parseNumber(m[1]!) : null;
};

const paragraphs = (u: Unit): string[] => u.text.replace(LABEL, '').split('\n');

/** The thing a sentence defers to another text (`…重要河道的规划治导线，按照《防洪法》第十九条规定执行` → `规划治导线`): the head of its part before the citation. */
function deferred(before: string): string {
  const rest = before.replace(/[，,]?(?:按照|依照|根据|参照|适用)$/, '');
  const part = rest.slice(Math.max(rest.lastIndexOf('，'), rest.lastIndexOf('；'), rest.lastIndexOf('。')) + 1);
  const head = part.slice(part.lastIndexOf('的') + 1);
  return head.length >= 2 ? head : '';
}

/** What a paragraph is about: its opening, up to who does it or what is asked (`国家确定的重要江河的规划治导线由…`). */
const SUBJECT = /^[^，,；。]*?(?=由|应当|必须|可以|不得|，|,|；|。|$)/;

/**
 * A citation of a whole article by a sentence deferring one thing to it points to the article's
 * paragraphs about that thing (`规划治导线，按照《防洪法》第十九条规定执行` → its paragraphs on who drafts
 * and approves 规划治导线, not its first on 整治河道, which only mentions them): the rest of the article
 * is not what the sentence carries over. Unchanged when no paragraph opens on the thing, or the
 * article has list items.
 */
function onSubject(t: Target | null, thing: string): Array<Target | null> {
  if (!t || !thing || t.paragraph !== null || t.units.length !== 1) return [t];
  const about = paragraphs(t.units[0]!).flatMap((p, i) => (SUBJECT.exec(p)?.[0].includes(thing) ? [{ units: t.units, paragraph: i + 1 }] : []));
  return about.length === 0 ? [t] : about;
}

/** The text each sentence of a comparison refers to, read off the documents' own articles. */
export class References {
  private readonly docs = new Map<string, Articles>();

  constructor(documents: ReadonlyArray<{ id: string; title: string; units: readonly Unit[] }>) {
    for (const d of documents) {
      const byNumber = new Map<number, Unit[]>();
      for (const u of d.units) {
        const n = articleOf(u);
        if (n === null) continue;
        const list = byNumber.get(n);
        if (list) list.push(u);
        else byNumber.set(n, [u]);
      }
      this.docs.set(d.id, { names: namesOf(d.title), byNumber });
    }
  }

  /** The clauses of article `n` of a document, with the paragraph cited (1-based) if any. */
  private article(doc: Articles | undefined, n: number | null, p: number | null = null): Target | null {
    const units = n === null ? undefined : doc?.byNumber.get(n);
    return units ? { units, paragraph: p } : null;
  }

  private cited(doc: Articles | undefined, run: string): Array<Target | null> {
    return [...run.matchAll(ARTICLE)].map((m) => this.article(doc, parseNumber(m[1]!), m[2] ? parseNumber(m[2]) : null));
  }

  /** The articles (or paragraphs) a sentence cites that this comparison holds. */
  private targets(s: Sentence): Target[] {
    const own = this.docs.get(s.unit.docId);
    const out: Array<Target | null> = [];
    for (const m of s.text.matchAll(OWN)) out.push(...this.cited(own, m[1]!));
    for (const m of s.text.matchAll(NAMED)) {
      const doc = [...this.docs.values()].find((d) => d.names.includes(m[1]!.replace(/^中华人民共和国/, '')) || d.names.includes(m[1]!));
      if (doc) out.push(...this.cited(doc, m[2]!).flatMap((t) => onSubject(t, deferred(s.text.slice(0, m.index)))));
    }
    const n = articleOf(s.unit);
    for (const m of s.text.matchAll(PREVIOUS)) {
      if (m[2] === '条') {
        out.push(this.article(own, n === null ? null : n - 1));
        continue;
      }
      // The sentence's paragraph in its clause; `前两款` reaches that many paragraphs back.
      const line = s.unit.text.slice(0, s.start - s.unit.start).split('\n').length - 1;
      const back = m[1] ? parseNumber(m[1])! : 1;
      for (let p = Math.max(0, line - back); p < line; p++) out.push({ units: [s.unit], paragraph: p + 1 });
    }
    return out.filter((t): t is Target => t !== null);
  }

  /** What a sentence refers to, the referenced texts joined; '' when it cites nothing this comparison holds. */
  of(s: Sentence): string {
    return this.targets(s)
      .map((t) => (t.paragraph === null ? t.units.map((u) => u.text.replace(LABEL, '')).join('\n') : paragraphs(t.units[0]!)[t.paragraph - 1] ?? ''))
      .filter((t) => t)
      .join('\n');
  }

  /** The clauses a sentence cites (`县级人民政府组织编制的属于本办法第四条规定范围内的规划` cites 第四条). */
  clauses(s: Sentence): Unit[] {
    return [...new Set(this.targets(s).flatMap((t) => t.units))];
  }
}

/** The sentences with the content words of what they cite and lack themselves, each once (see Sentence.cited). */
export function withReferences(sentences: readonly Sentence[], refs: References): Sentence[] {
  return sentences.map((s) => {
    const text = refs.of(s);
    if (!text) return s;
    const own = new Set(s.words);
    return { ...s, cited: [...new Set(contentWords(text).filter((w) => !own.has(w)))] };
  });
}
