/**
 * `POST /api/compile` with `{ids, title, order, format, dropDuplicates?}`: the editor's selection as
 * a volume (汇编), downloaded as DOCX, Markdown or HTML; `format: 'json'` answers with what would be
 * compiled (the articles in order and the copies left out, as `wenshi compile --json` prints), so
 * the page can show it before the download. The same `compile()` as `wenshi compile`; a write
 * endpoint (behind the token when `WENSHI_TOKEN` is set) because a volume of 1,000 documents is
 * real work for the server.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { compile, volumeSummary, type Order, type OutputFormat } from '../../pipeline/compile/index.js';
import type { WebContext } from '../context.js';
import { disposition } from '../disposition.js';
import { HttpError } from '../errors.js';
import { writeGuard } from '../security.js';
import { DOC_ID } from '../schemas.js';
import { documentOr404 } from './docs.js';

/** As many documents as `wenshi compile --query` takes. */
const MAX_DOCS = 1000;

interface CompileBody {
  ids: string[];
  title: string;
  order: Order;
  format: OutputFormat | 'json';
  dropDuplicates: boolean;
}

const schema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['ids', 'title'],
    properties: {
      ids: { type: 'array', items: DOC_ID, minItems: 1, maxItems: MAX_DOCS },
      title: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
      order: { type: 'string', enum: ['listed', 'date', 'type'], default: 'listed' },
      format: { type: 'string', enum: ['docx', 'md', 'html', 'json'], default: 'docx' },
      dropDuplicates: { type: 'boolean', default: true },
    },
  },
};

const DOWNLOAD: Record<OutputFormat, { type: string; ext: string }> = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
};

/** `attachment` with the volume's title as the file name (`volume.docx` for clients without RFC 5987). */
export function attachment(title: string, ext: string): string {
  return disposition('attachment', `${title.trim().slice(0, 80) || 'volume'}.${ext}`, `volume.${ext}`);
}

export function compileRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.post<{ Body: CompileBody }>('/api/compile', { onRequest: writeGuard(ctx.token), schema }, async (request, reply) => {
    const { ids, title, order, format, dropDuplicates } = request.body;
    if (new Set(ids).size !== ids.length) throw new HttpError(400, 'bad_request', 'ids lists a document twice');
    const docs = ids.map((id) => documentOr404(ctx, id));
    // The summary comes from the same compile; Markdown is the cheapest format to render alongside it.
    const { plan, output } = await compile(docs, { title: title.trim(), order, format: format === 'json' ? 'md' : format, dropDuplicates });
    if (format === 'json') return volumeSummary(plan);
    return reply.type(DOWNLOAD[format].type).header('content-disposition', attachment(title, DOWNLOAD[format].ext)).send(output);
  });
}
