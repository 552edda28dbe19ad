/** The documents the API writes for people (minutes, the decision register): media types and body. */
import * as z from 'zod';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const HTML_CONTENT_TYPE = 'text/html';
export const CSV_CONTENT_TYPE = 'text/csv';
export const MARKDOWN_CONTENT_TYPE = 'text/markdown';
export const ICALENDAR_CONTENT_TYPE = 'text/calendar';

/** A document's body: bytes or text in the response's media type, not JSON. */
export const Document = z.string().meta({ format: 'binary', description: 'The document itself.' });

/** Markdown text (CommonMark). */
export const MarkdownText = z.string().meta({ description: 'A Markdown (CommonMark) text.' });
