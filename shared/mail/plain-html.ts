/**
 * The HTML alternative of a message written as lines of text (the covenant's own e-mails, footnote
 * 13's request): the same paragraphs, Dutch first, then English, every text escaped and every web
 * address a link. Pure; no MIME library, so the entries that send these stay small.
 */
import escapeHtml from 'escape-html';

/** A run of lines between blank lines is one paragraph; its line breaks are kept. */
function paragraphs(lines: readonly string[]): string[] {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Escaped text with each http(s) address as a link (escaped first, so no text becomes markup). */
const withLinks = (text: string): string =>
  escapeHtml(text).replace(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);

const section = (lang: 'nl' | 'en', lines: readonly string[]): string =>
  [
    `<section lang="${lang}">`,
    ...paragraphs(lines).map((p) => `<p style="white-space: pre-wrap">${withLinks(p)}</p>`),
    '</section>',
  ].join('\n');

/** The message's HTML: its subject as the title, the Dutch lines, then the English ones. */
export function plainHtml(subject: string, nl: readonly string[], en: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Verdana, Arial, sans-serif; font-size: 15px; line-height: 1.5">',
    section('nl', nl),
    '<hr>',
    '<p><em>English translation</em></p>',
    section('en', en),
    '</body></html>',
    '',
  ].join('\n');
}
