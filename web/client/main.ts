/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The page's entry: a hash router (`#/search`, `#/doc/<id>?c=<clause>`, `#/docs`, `#/volume`, `#/compare`, `#/ingest`),
 * so every view and every clause has an address that can be bookmarked and cited.
 * @module
 */
import { fill, notice } from './dom.js';
import { comparePage } from './pages/compare.js';
import { documentPage } from './pages/document.js';
import { documentsPage } from './pages/documents.js';
import { ingestPage } from './pages/ingest.js';
import { searchPage } from './pages/search.js';
import { volumePage } from './pages/volume.js';

/** What a page leaves behind: updating itself for new parameters, and cleaning up when left. */
export interface Page {
  /** A key; a new address with the same key is given to `update` instead of a fresh page. */
  key: string;
  update?: (params: URLSearchParams) => void;
  leave?: () => void;
}

export type PageFactory = (main: HTMLElement, params: URLSearchParams, arg: string) => Page;

const ROUTES: Record<string, { factory: PageFactory; title: string }> = {
  search: { factory: searchPage, title: '检索' },
  doc: { factory: documentPage, title: '文档' },
  docs: { factory: documentsPage, title: '文档列表' },
  volume: { factory: volumePage, title: '汇编' },
  compare: { factory: comparePage, title: '比对' },
  ingest: { factory: ingestPage, title: '导入与状态' },
};

let current: Page | null = null;

function route(): void {
  const main = document.getElementById('main')!;
  const hash = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split(/\?(.*)/s);
  const [name = 'search', ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  const arg = decodeURIComponent(rest.join('/'));
  const entry = ROUTES[name || 'search'];
  for (const link of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (link.dataset.route === (name || 'search')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!entry) {
    current?.leave?.();
    current = null;
    fill(main, notice('error', `没有这个页面：${name}`));
    return;
  }
  const key = `${name}/${arg}`;
  if (current && current.key === key && current.update) {
    current.update(params);
    return;
  }
  current?.leave?.();
  document.title = `${entry.title} · 文史 wenshi`;
  main.replaceChildren();
  current = entry.factory(main, params, arg);
}

// The skip link moves focus to the content without touching the address (which is the router's).
document.querySelector('[data-skip]')?.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main')?.focus();
});
window.addEventListener('hashchange', route);
route();
