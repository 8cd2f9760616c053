/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Ingest and status: drag-and-drop upload with progress, each file's state as it is processed (a
 * scan's OCR page by page, with the time left), new documents by title, the archive's counts,
 * failed files with their reasons in Chinese (and the code), 重试 for those a retry can change and
 * 移除 for those it cannot, and in queue mode the queue counts and a link to the BullMQ dashboard.
 * @module
 */
import { apiError, authHeaders, getJson, postJson, saveToken, type BatchView, type StatusView } from '../api.js';
import { bytes, fill, h, hashOf, notice } from '../dom.js';
import { label } from '../labels.js';
import type { Page } from '../main.js';

const POLL_MS = 600;

/** `约 1 分 20 秒`. */
function duration(seconds: number): string {
  return seconds >= 60 ? `约 ${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒` : `约 ${seconds} 秒`;
}

type BatchFileView = BatchView['files'][number];

/** A file's state, and while OCR reads its scan: pages read of all, a bar, and the time left. */
function fileState(f: BatchFileView): HTMLElement {
  const state = h('span', { class: `state state-${f.state}` }, label('state', f.state));
  if (f.state !== 'queued' || !f.ocr) return state;
  const { done, total, etaSeconds } = f.ocr;
  return h('span', { class: 'ocr-progress' }, state,
    h('progress', { max: total, value: done, 'aria-label': `文字识别进度：${done}/${total} 页` }),
    h('span', { class: 'ocr-pages' }, `文字识别 ${done}/${total} 页`, etaSeconds !== null && done < total ? `，剩余${duration(etaSeconds)}` : ''));
}
function batchTable(batch: BatchView): HTMLElement {
  const done = batch.finishedAt !== null;
  return h('section', { class: 'batch', 'aria-labelledby': `b-${batch.id}`, 'data-batch': batch.id },
    h('h3', { id: `b-${batch.id}` }, `${batch.kind === 'retry' ? '重试' : '上传'} · ${new Date(batch.startedAt).toLocaleString('zh-CN')}`,
      ' ', h('span', { class: done ? 'state-done' : 'state-busy' }, done ? '已完成' : '处理中…')),
    batch.error ? notice('error', `处理中断：${batch.error.reason}（${batch.error.code}：${batch.error.message}）`) : null,
    h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['文件', '大小', '状态', '文档', '说明'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, batch.files.map((f) => h('tr', { class: `state-${f.state}` },
        h('td', { 'data-label': '文件' }, f.name),
        h('td', { 'data-label': '大小' }, bytes(f.size)),
        h('td', { 'data-label': '状态' }, fileState(f)),
        h('td', { 'data-label': '文档' }, f.documents.length === 0 ? '—' : h('ul', { class: 'doc-links' }, f.documents.map((id) =>
          h('li', null, h('a', { href: hashOf(`/doc/${encodeURIComponent(id)}`), title: `文档编号 ${id}` }, f.titles[id] || '（无标题）'), f.added.includes(id) ? ' 新' : '')))),
        h('td', { 'data-label': '说明' }, f.error ? h('span', { title: f.error.message }, `${f.error.reason}（${f.error.code}）`) : '')))))));
}

export function ingestPage(main: HTMLElement): Page {
  let status: StatusView | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const following = new Set<string>();

  // The drop zone is the control people (and keyboards) use; the input only opens the file dialog.
  const fileInput = h('input', { id: 'files', type: 'file', multiple: true, hidden: true, tabindex: -1, accept: '.txt,.md,.htm,.html,.pdf,.docx,.doc,.wps,.rtf,.ofd,.zip,.png,.jpg,.jpeg,.tif,.tiff' });
  const level = h('select', { id: 'level', name: 'level' }, h('option', { value: '' }, '自动识别'),
    ['central', 'provincial', 'municipal', 'county', 'district'].map((l) => h('option', { value: l }, label('level', l))));
  // Scans (PDF pages without text, page images) are read by OCR in this language; each needs its
  // tesseract language data, so a choice whose data this server lacks is shown but disabled.
  const ocrChoices: [string, string][] = [['chi_sim', '简体中文（默认）'], ['chi_tra', '繁体中文'], ['chi_sim+eng', '简体中文＋英文'], ['chi_tra+chi_sim', '繁体＋简体']];
  const ocrLang = h('select', { id: 'ocr-lang', name: 'ocrLang' },
    ocrChoices.map(([value, text]) => h('option', { value: value === 'chi_sim' ? '' : value }, text)));
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': '上传进度' });
  const uploadMsg = h('p', { class: 'upload-msg', role: 'status', 'aria-live': 'polite' });
  const tokenBox = h('div', { class: 'token', hidden: true });
  const batchesBox = h('div', { class: 'batches' });
  const overview = h('div', { class: 'overview' });
  const failures = h('div', { class: 'failures' });
  const hint = h('p', { class: 'hint', id: 'drop-hint' });

  const refresh = async () => {
    clearTimeout(timer);
    try {
      status = await getJson<StatusView>('/api/status');
      render(status);
      const busy = status.batches.some((b) => b.finishedAt === null);
      if (busy || following.size > 0) timer = setTimeout(() => void refresh(), POLL_MS);
      for (const b of status.batches) {
        if (b.finishedAt === null || !following.delete(b.id)) continue;
        const failed = b.files.filter((f) => f.state === 'failed' || f.state === 'refused').length;
        uploadMsg.textContent = failed ? `处理完成，${failed} 个文件失败（原因见下表）` : '处理完成';
      }
    } catch (err) {
      fill(overview, notice('error', `无法读取状态：${(err as Error).message}`));
    }
  };

  const upload = (files: FileList | File[]) => {
    const list = [...files];
    if (list.length === 0) return;
    const form = new FormData();
    if (level.value) form.append('level', level.value);
    if (ocrLang.value) form.append('ocrLang', ocrLang.value);
    for (const f of list) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    progress.hidden = false;
    progress.value = 0;
    uploadMsg.textContent = `正在上传 ${list.length} 个文件…`;
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100); });
    xhr.addEventListener('load', () => {
      progress.hidden = true;
      const body = JSON.parse(xhr.responseText || 'null') as { batch?: BatchView; message?: string } | null;
      if (xhr.status === 202 && body?.batch) {
        following.add(body.batch.id);
        uploadMsg.textContent = `已上传 ${list.length} 个文件，正在处理…`;
      } else uploadMsg.textContent = `上传失败：${apiError(xhr.status, xhr.statusText, body as Parameters<typeof apiError>[2]).message}`;
      void refresh();
    });
    xhr.addEventListener('error', () => { progress.hidden = true; uploadMsg.textContent = '上传失败：网络错误'; });
    xhr.send(form);
  };

  const retry = async (shas: string[]) => {
    try {
      const r = await postJson<{ batch: BatchView | null; message?: string; gone: string[] }>('/api/retry', { sha256: shas });
      if (r.batch) following.add(r.batch.id);
      uploadMsg.textContent = r.batch ? '已开始重试' : `${r.message ?? ''}${r.gone.length ? `；以下文件已不在原处：${r.gone.join('、')}` : ''}`;
    } catch (err) {
      uploadMsg.textContent = `重试失败：${(err as Error).message}`;
    }
    void refresh();
  };

  const dismiss = async (sha: string, file: string) => {
    try {
      await postJson('/api/dismiss', { sha256: [sha] });
      uploadMsg.textContent = `已移除：${file}`;
    } catch (err) {
      uploadMsg.textContent = `移除失败：${(err as Error).message}`;
    }
    void refresh();
  };

  function render(s: StatusView) {
    const installed = new Set(s.ocr.languages);
    ocrChoices.forEach(([value, text], i) => {
      const option = ocrLang.options[i]!;
      const missing = value.split('+').filter((l) => !installed.has(l));
      option.disabled = missing.length > 0;
      option.textContent = missing.length ? `${text}（本机未安装 ${missing.join('、')}）` : text;
    });
    hint.textContent = `接受 ${s.upload.accepted.join(' ')}；单个文件不超过 ${bytes(s.upload.maxBytes)}，一次最多 ${s.upload.maxFiles} 个。`;
    if (s.writeTokenRequired && tokenBox.hidden) {
      const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', value: sessionStorage.getItem('wenshi-token') ?? '',
        on: { change: (e) => saveToken((e.target as HTMLInputElement).value) } });
      fill(tokenBox, h('label', { for: 'token' }, '写入令牌（服务器设置了 WENSHI_TOKEN）'), input);
      tokenBox.hidden = false;
    }
    fill(batchesBox, s.batches.map(batchTable));
    fill(overview,
      h('ul', { class: 'counts' },
        h('li', null, h('strong', null, String(s.documents)), ' 篇文档'),
        h('li', null, h('strong', null, String(s.sources)), ' 个来源文件'),
        h('li', null, h('strong', null, String(s.failed.length)), ' 个失败'),
        h('li', null, '运行方式：', s.mode === 'queue' ? '队列（BullMQ）' : '本机进程内', '；检索引擎：', s.engine)),
      s.queue ? h('div', { class: 'queue' },
        h('table', null, h('thead', null, h('tr', null, ['队列', '等待', '进行中', '延后', '完成', '失败'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, Object.entries(s.queue.stages).map(([stage, c]) =>
            h('tr', null, h('td', null, stage), [c.waiting, c.active, c.delayed, c.completed, c.failed].map((n) => h('td', null, String(n))))))),
        s.dashboard ? h('p', null, h('a', { href: s.dashboard }, '打开队列面板（BullMQ dashboard）→')) : null) : null);
    fill(failures,
      h('h2', { id: 'failures-h' }, `失败的文件（${s.failed.length}）`),
      s.failed.length === 0 ? h('p', null, '没有失败的文件。') : [
        h('div', { class: 'table-wrap' }, h('table', { 'aria-labelledby': 'failures-h' },
          h('thead', null, h('tr', null, ['文件', '阶段', '原因', '尝试次数', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, s.failed.map((f) => h('tr', null,
            h('td', { 'data-label': '文件' }, f.file),
            h('td', { 'data-label': '阶段' }, label('stage', f.stage)),
            h('td', { 'data-label': '原因' }, h('span', { title: f.error ?? '' }, `${f.reason}（${f.code ?? '—'}）`)),
            h('td', { 'data-label': '尝试次数' }, String(f.attempts)),
            h('td', null, f.retryable
              ? h('button', { type: 'button', on: { click: () => void retry([f.sha256]) } }, '重试')
              : h('button', { type: 'button', class: 'dismiss', title: '重试也不会成功：从列表中移除', on: { click: () => void dismiss(f.sha256, f.file) } }, '移除'))))))),
        s.failed.some((f) => f.retryable)
          ? h('p', null, h('button', { type: 'button', on: { click: () => void retry(s.failed.filter((f) => f.retryable).map((f) => f.sha256)) } }, '全部重试（可重试的文件）'))
          : null]);
  }

  const drop = h('div', {
    class: 'dropzone', tabindex: 0, role: 'button', 'aria-describedby': 'drop-hint',
    on: {
      click: () => fileInput.click(),
      keydown: (e) => { const k = (e as KeyboardEvent).key; if (k === 'Enter' || k === ' ') { e.preventDefault(); fileInput.click(); } },
      dragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
      dragleave: () => drop.classList.remove('over'),
      drop: (e) => { e.preventDefault(); drop.classList.remove('over'); const files = (e as DragEvent).dataTransfer?.files; if (files) upload(files); },
    },
  }, h('strong', null, '把文件拖到这里'), h('span', null, '或按此选择文件（TXT、HTML、PDF、DOCX、扫描图片）'));
  fileInput.addEventListener('change', () => { if (fileInput.files) upload(fileInput.files); fileInput.value = ''; });

  fill(main, h('section', { class: 'ingest' },
    h('h1', null, '导入与状态'),
    tokenBox,
    h('form', { class: 'upload', on: { submit: (e) => e.preventDefault() } },
      fileInput, drop, hint,
      h('div', { class: 'row' }, h('label', { for: 'level' }, '文件层级（比对时用于区分上级文件）'), level),
      h('div', { class: 'row' }, h('label', { for: 'ocr-lang' }, '扫描件识别语言（OCR）'), ocrLang),
      progress, uploadMsg),
    batchesBox,
    h('section', { class: 'status', 'aria-label': '档案状态' }, h('h2', null, '档案状态'), overview),
    failures));
  void refresh();
  return { key: 'ingest/', leave: () => clearTimeout(timer) };
}
