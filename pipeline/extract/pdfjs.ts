/**
 * pdf-parse and the pdf.js it runs on, loaded so that they leave the process's built-ins alone.
 *
 * pdf.js's legacy build (the one pdf-parse loads under Node) carries core-js polyfills that
 * replace `Array.prototype.push` and `JSON.parse` process-wide with script versions, because
 * Node 20's V8 fails edge-case checks (array-likes longer than 2^32, JSON source access) that no
 * code here relies on. Every push in every stage then ran several times slower. So the built-ins
 * are captured before loading, pdf.js's worker module (which polyfills again when pdf.js loads it
 * lazily on the first parse) is loaded with it, and whatever was replaced is put back; additions
 * that pdf.js needs (`Promise.withResolvers`, …) stay.
 * @module
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFParse as PDFParseClass } from 'pdf-parse';

/** pdfjs-dist as pdf-parse resolves it, so code and data files match. */
export const PDFJS_DIR = dirname(createRequire(import.meta.resolve('pdf-parse')).resolve('pdfjs-dist/package.json'));

const BUILT_INS: readonly object[] = [Array, Array.prototype, JSON, Object, Promise, Map.prototype, Set.prototype, String.prototype];

type Snapshot = Map<object, Map<PropertyKey, PropertyDescriptor>>;

function snapshot(): Snapshot {
  return new Map(
    BUILT_INS.map((o) => [o, new Map(Reflect.ownKeys(o).map((k) => [k, Object.getOwnPropertyDescriptor(o, k)!]))]),
  );
}

/** Puts back every built-in that existed before and was replaced since. */
function restore(before: Snapshot): void {
  for (const [o, props] of before) {
    for (const [key, was] of props) {
      const now = Object.getOwnPropertyDescriptor(o, key);
      if (now && (now.value !== was.value || now.get !== was.get)) {
        Object.defineProperty(o, key, was);
      }
    }
  }
}

let loading: Promise<typeof PDFParseClass> | undefined;

/**
 * pdf-parse's PDFParse, loaded on the first PDF (a process that never reads one saves pdf.js's
 * ~120 MiB), with pdf.js's worker module alongside and the built-ins put back.
 */
export function loadPdfParse(): Promise<typeof PDFParseClass> {
  loading ??= (async () => {
    const natives = snapshot();
    // With source maps on (tsx turns them on), Node would parse and keep pdf.js's 7 MB of maps (~280 MiB).
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);
    try {
      const { PDFParse } = await import('pdf-parse');
      // pdf.js uses an already loaded worker module (`globalThis.pdfjsWorker`) instead of importing it later.
      await import(pathToFileURL(join(PDFJS_DIR, 'legacy/build/pdf.worker.mjs')).href);
      return PDFParse;
    } finally {
      process.setSourceMapsEnabled(sourceMaps);
      restore(natives);
    }
  })();
  return loading;
}
