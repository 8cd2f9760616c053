/**
 * LibreOffice as a reader of last resort: `soffice --headless --convert-to html` for the formats
 * whose JS readers fail on a file (Word 6/95, Works, damaged .doc, RTF they cannot follow). HTML, not plain
 * text, so headings and paragraphs survive and the shared HTML → blocks path makes the blocks.
 *
 * One profile per process, in a temporary folder: a user's running office (or another process)
 * would otherwise hold the profile's lock, and a fresh profile per call costs seconds to create.
 * Conversions in a process run one at a time, since two soffice processes cannot share a profile.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The command to run; `WENSHI_SOFFICE` names another (tests point it at a missing one). */
export const sofficeCommand = (): string => process.env.WENSHI_SOFFICE || 'soffice';

/** What to install when soffice is missing, for error messages. */
export const OFFICE_HINT = 'apt-get install libreoffice-writer-nogui';

/** A conversion that took longer than this is a hung soffice (a 300-page .doc takes ~20 s). */
const TIMEOUT_MS = 180_000;

const versions = new Map<string, Promise<string | null>>();

/** `LibreOffice 7.4.7.2`, or null when the command cannot run; asked once per process and command. */
export function officeEngine(): Promise<string | null> {
  const command = sofficeCommand();
  let found = versions.get(command);
  if (!found) {
    found = run(command, ['--version'], { timeout: 60_000 }).then(
      ({ stdout }) => /LibreOffice\s+([\d.]+)/.exec(stdout)?.[0] ?? stdout.trim().split('\n')[0] ?? command,
      () => null,
    );
    versions.set(command, found);
  }
  return found;
}

let profile: string | undefined;

/** The process's private LibreOffice profile, removed when the process exits. */
function profileDir(): string {
  if (!profile) {
    const dir = mkdtempSync(join(tmpdir(), 'wenshi-office-profile-'));
    profile = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return profile;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every conversion queued before it has finished, whatever their outcome. */
function serially<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

/** Why a conversion gave nothing: soffice is missing, or it could not read the file. */
export class OfficeFailure extends Error {
  override readonly name = 'OfficeFailure';
  constructor(readonly missing: boolean, message: string) {
    super(message);
  }
}

/**
 * The file converted to HTML (UTF-8, as LibreOffice writes it) by LibreOffice, which picks its
 * import filter by content; `ext` only names the temporary copy. Throws OfficeFailure.
 */
export function officeToHtml(bytes: Buffer, ext: string): Promise<{ html: string; engine: string }> {
  return serially(async () => {
    const engine = await officeEngine();
    if (!engine) throw new OfficeFailure(true, `LibreOffice is not installed (no "${sofficeCommand()}" command; ${OFFICE_HINT})`);
    const work = await mkdtemp(join(tmpdir(), 'wenshi-office-'));
    try {
      const input = join(work, `source.${ext || 'bin'}`);
      await writeFile(input, bytes);
      const args = [`-env:UserInstallation=${pathToFileURL(profileDir()).href}`, '--headless', '--norestore'];
      await run(sofficeCommand(), [...args, '--convert-to', 'html', '--outdir', join(work, 'out'), input], { timeout: TIMEOUT_MS }).catch(
        (err: unknown) => {
          throw new OfficeFailure(false, `LibreOffice failed on it (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
        },
      );
      // soffice exits 0 when it cannot load a file, and writes nothing.
      const written = await readdir(join(work, 'out')).catch(() => [] as string[]);
      const html = written.find((name) => name.endsWith('.html'));
      if (!html) throw new OfficeFailure(false, 'LibreOffice could not open it either');
      return { html: await readFile(join(work, 'out', html), 'utf8'), engine };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}
