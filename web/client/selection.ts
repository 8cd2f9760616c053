/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The editor's 汇编清单: the documents chosen for a volume, in the editor's order, with the volume's
 * title. Kept in localStorage so it survives reloads and closed tabs (an editor collects over days);
 * every page reads it fresh, so two tabs do not keep stale copies.
 * @module
 */

export interface SelectedDoc {
  id: string;
  title: string;
  /** Type code and date, shown beside the title so the editor can tell copies apart. */
  type?: string;
  date?: string | null;
}

export interface Selection {
  title: string;
  docs: SelectedDoc[];
}

const KEY = 'wenshi-selection';
/** As many documents as one compile takes (POST /api/compile). */
export const MAX_SELECTED = 1000;

export function loadSelection(): Selection {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Selection> | null;
    const docs = Array.isArray(raw?.docs) ? raw.docs.filter((d): d is SelectedDoc => typeof d?.id === 'string' && typeof d.title === 'string') : [];
    return { title: typeof raw?.title === 'string' ? raw.title : '', docs };
  } catch {
    // A list another version wrote, or a hand edit: start empty rather than break every page.
    return { title: '', docs: [] };
  }
}

function save(s: Selection): Selection {
  localStorage.setItem(KEY, JSON.stringify(s));
  window.dispatchEvent(new CustomEvent('wenshi-selection'));
  return s;
}

/** Adds documents not yet chosen, at the end, up to MAX_SELECTED; returns how many were added. */
export function addToSelection(docs: readonly SelectedDoc[]): number {
  const s = loadSelection();
  const have = new Set(s.docs.map((d) => d.id));
  const fresh = docs.filter((d) => !have.has(d.id) && have.add(d.id)).slice(0, Math.max(0, MAX_SELECTED - s.docs.length));
  save({ ...s, docs: [...s.docs, ...fresh.map(({ id, title, type, date }) => ({ id, title, type, date }))] });
  return fresh.length;
}

export function removeFromSelection(ids: readonly string[]): void {
  const s = loadSelection();
  save({ ...s, docs: s.docs.filter((d) => !ids.includes(d.id)) });
}

/** Moves a document one place up (-1) or down (+1). */
export function moveInSelection(id: string, delta: -1 | 1): void {
  const s = loadSelection();
  const i = s.docs.findIndex((d) => d.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= s.docs.length) return;
  const docs = [...s.docs];
  [docs[i], docs[j]] = [docs[j]!, docs[i]!];
  save({ ...s, docs });
}

export function setSelectionTitle(title: string): void {
  save({ ...loadSelection(), title });
}

export function clearSelection(): void {
  save({ title: loadSelection().title, docs: [] });
}

/** Calls `fn` whenever the list changes, in this tab or another; returns the unsubscribe. */
export function onSelectionChange(fn: () => void): () => void {
  const storage = (e: StorageEvent) => { if (e.key === KEY) fn(); };
  window.addEventListener('wenshi-selection', fn);
  window.addEventListener('storage', storage);
  return () => {
    window.removeEventListener('wenshi-selection', fn);
    window.removeEventListener('storage', storage);
  };
}
