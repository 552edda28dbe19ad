/**
 * Documents for the secretariat (issue 18, item 6): the minutes as a Word document and as a
 * printable page, the decision register as CSV and as a Word document. Dutch unless the request's
 * Accept-Language prefers English. Its own Lambda: the Word writer weighs more than every other
 * route needs, and documents are asked for a few times a month.
 */
import {
  decisionRegisterCsv,
  decisionRegisterDocument,
  decisionRegisterTitle,
} from '#shared/documents/decision-register.ts';
import { toPrintableHtml } from '#shared/documents/html.ts';
import { minutesDocument } from '#shared/documents/minutes-document.ts';
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { languageOf } from '#shared/http/language.ts';
import type { Reply } from '#shared/http/route.ts';
import { CSV_CONTENT_TYPE, DOCX_CONTENT_TYPE, HTML_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { getMinutes, listAllDecisions } from '#shared/usecases/queries.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { documentsRoutes } from './routes/documents.ts';
import type { ImplsOf } from './routes.ts';

/**
 * The Word writer, loaded on the first Word document asked for: the `docx` library is the larger
 * part of this function, and a request for the CSV or the printable page never evaluates it.
 */
const wordWriter = () => import('#shared/documents/docx.ts');

/** A document reply, saved under `fileName` by a browser; the HTML page runs no script. */
function document(body: string | Uint8Array, contentType: string, fileName: string): Reply {
  const disposition = contentType === HTML_CONTENT_TYPE ? 'inline' : 'attachment';
  return {
    status: 200,
    body,
    contentType,
    headers: {
      'Content-Disposition': `${disposition}; filename="${fileName}"`,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  };
}

const impls: ImplsOf<'documents'> = {
  'GET /meetings/{id}/minutes.docx': async ({ deps, params, event }) => {
    const minutes = await getMinutes(deps, params.id);
    const language = languageOf(event.headers);
    const title = `${minutes.meeting.title ?? 'Stuurgroep'} ${minutes.meeting.date}`;
    const { toDocx } = await wordWriter();
    const bytes = await toDocx(minutesDocument(minutes, language), title, language);
    return document(bytes, DOCX_CONTENT_TYPE, `notulen-${minutes.meeting.date}-${params.id}.docx`);
  },
  'GET /meetings/{id}/minutes.html': async ({ deps, params, event }) => {
    const minutes = await getMinutes(deps, params.id);
    const language = languageOf(event.headers);
    const blocks = minutesDocument(minutes, language);
    const title = blocks[0]?.kind === 'heading' ? blocks[0].text : params.id;
    return document(toPrintableHtml(blocks, title, language), HTML_CONTENT_TYPE, `notulen-${params.id}.html`);
  },
  'GET /decisions.csv': async ({ deps, event }) => {
    const language = languageOf(event.headers);
    const csv = decisionRegisterCsv(await listAllDecisions(deps), language);
    return document(csv, CSV_CONTENT_TYPE, 'besluitenlijst.csv');
  },
  'GET /decisions.docx': async ({ deps, event }) => {
    const language = languageOf(event.headers);
    const blocks = decisionRegisterDocument(await listAllDecisions(deps), language);
    const { toDocx } = await wordWriter();
    const bytes = await toDocx(blocks, decisionRegisterTitle(language), language);
    return document(bytes, DOCX_CONTENT_TYPE, 'besluitenlijst.docx');
  },
};

/** The documents' handler over `deps`. */
export function createDocumentsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, documentsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createDocumentsHandler(await cloudDeps()));
