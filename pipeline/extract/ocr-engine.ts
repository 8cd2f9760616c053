/**
 * The OCR programs as processes: whether tesseract (with the wanted language) and pdftoppm are
 * installed, asked once per process, and one call each to render a PDF page and to read an image.
 * @module
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commands and settings one OCR run uses; see `OcrOptions` for their meaning. */
export interface EngineSettings {
  tesseract: string;
  pdftoppm: string;
  lang: string;
  psm: number;
  dpi: number;
}

/** Either the engine's name as recorded on an extraction, or why OCR cannot run here. */
export type Availability = { ok: true; engine: string } | { ok: false; reason: string };

/** The Debian package that carries a tesseract language (`chi_sim` → `tesseract-ocr-chi-sim`). */
const langPackage = (lang: string): string => `tesseract-ocr-${lang.toLowerCase().replace(/_/g, '-')}`;

const isMissingCommand = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** What to run so OCR works, for the error message. */
function installHint(langs: readonly string[]): string {
  return `apt-get install tesseract-ocr ${langs.map(langPackage).join(' ')}`;
}

/** What a tesseract command says of itself: its version and installed languages, or why it cannot run. */
type Tesseract = { ok: true; version: string; languages: string[] } | { ok: false; why: string };

async function askTesseract(tesseract: string): Promise<Tesseract> {
  try {
    // tesseract 4+ prints both on stdout; older builds used stderr.
    const [langs, ver] = await Promise.all([run(tesseract, ['--list-langs']), run(tesseract, ['--version'])]);
    return {
      ok: true,
      version: /tesseract\s+v?([\d.]+)/i.exec(ver.stdout + ver.stderr)?.[1] ?? 'unknown version',
      // The first line is a header (`List of available languages in "…" (3):`).
      languages: (langs.stdout + langs.stderr).split('\n').slice(1).map((l) => l.trim()).filter(Boolean),
    };
  } catch (err) {
    return { ok: false, why: isMissingCommand(err) ? `there is no "${tesseract}" command` : `"${tesseract} --list-langs" failed` };
  }
}

const tesseracts = new Map<string, Promise<Tesseract>>();

/** Asked once per process for each command. */
function tesseractInfo(tesseract: string): Promise<Tesseract> {
  let found = tesseracts.get(tesseract);
  if (!found) {
    found = askTesseract(tesseract);
    tesseracts.set(tesseract, found);
  }
  return found;
}

/** The text languages installed for this tesseract command (none when it cannot run); `osd` only finds orientation. */
export async function installedLanguages(tesseract: string): Promise<string[]> {
  const info = await tesseractInfo(tesseract);
  return info.ok ? info.languages.filter((l) => l !== 'osd') : [];
}

async function probe(s: Pick<EngineSettings, 'tesseract' | 'pdftoppm' | 'lang'>): Promise<Availability> {
  const wanted = s.lang.split('+');
  const info = await tesseractInfo(s.tesseract);
  if (!info.ok) return { ok: false, reason: `tesseract is not installed (${info.why}); install it with: ${installHint(wanted)}` };
  const { version } = info;
  const have = new Set(info.languages);
  const missing = wanted.filter((l) => !have.has(l));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `tesseract has no ${missing.join(', ')} language data; install it with: apt-get install ${missing.map(langPackage).join(' ')}`,
    };
  }
  try {
    await run(s.pdftoppm, ['-v']);
  } catch (err) {
    if (isMissingCommand(err)) {
      return { ok: false, reason: `pdftoppm is not installed (there is no "${s.pdftoppm}" command); install it with: apt-get install poppler-utils` };
    }
  }
  return { ok: true, engine: `tesseract ${version} (${s.lang})` };
}

const probes = new Map<string, Promise<Availability>>();

/** Whether OCR can run with these commands and language; asked once per process for each combination. */
export function availability(s: Pick<EngineSettings, 'tesseract' | 'pdftoppm' | 'lang'>): Promise<Availability> {
  const key = JSON.stringify([s.tesseract, s.pdftoppm, s.lang]);
  let found = probes.get(key);
  if (!found) {
    found = probe(s);
    probes.set(key, found);
  }
  return found;
}

/** A failed run's own words (its stderr, on one line), for error messages. */
export function processMessage(err: unknown): string {
  const stderr = (err as { stderr?: string } | null)?.stderr?.trim().split(/\s*\n\s*/).join('; ');
  return (stderr || (err instanceof Error ? err.message : String(err))).slice(0, 300);
}

/**
 * Renders one page (1-based) of `pdf` to a grey-scale image at `s.dpi` and returns its path.
 * Uncompressed PGM rather than PNG: tesseract reads the same pixels, and pdftoppm takes about a
 * sixth of the time it needs to compress a 300 dpi page (the file, ~9 MB, lives only until read).
 */
export async function renderPage(s: EngineSettings, pdf: string, page: number, outPrefix: string): Promise<string> {
  const n = String(page);
  await run(s.pdftoppm, ['-r', String(s.dpi), '-gray', '-f', n, '-l', n, '-singlefile', pdf, outPrefix]);
  return `${outPrefix}.pgm`;
}

/**
 * Tesseract's TSV (one row per block, paragraph, line and word, with word confidences) for an
 * image file. One thread per process: pages run side by side instead, which uses cores better
 * than tesseract's own OpenMP threads.
 */
export async function recognize(s: EngineSettings, image: string): Promise<string> {
  const { stdout } = await run(s.tesseract, [image, 'stdout', '-l', s.lang, '--psm', String(s.psm), 'tsv'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}
