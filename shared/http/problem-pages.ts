/**
 * The documentation the problem `type` URIs resolve to: `GET /problems` (every type, linked) and
 * `GET /problems/{slug}` (one type: its title, status and what it means), as small HTML pages in the
 * request's language, written from the message catalogue.
 */
import escapeHtml from 'escape-html';
import {
  isProblemSlug,
  type Language,
  PROBLEM_PATH,
  PROBLEM_TYPES,
  type ProblemSlug,
  problemMessagesFor,
  problemPagesFor,
} from '#shared/messages/index.ts';
import { ProblemTypeNotFoundError } from './errors.ts';

/** Catalogue texts mark member and header names with backticks: shown as code. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const STYLE =
  'body{font-family:"RijksoverheidSansWebText",Verdana,sans-serif;line-height:1.5;margin:2rem auto;max-width:50rem;padding:0 1rem;color:#000}' +
  'code{background:#f3f3f3;padding:0 .2rem}dt{font-weight:bold}';

const page = (language: Language, title: string, body: string) =>
  [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    '',
  ].join('\n');

/** The index of every problem type, in `language`; links are relative, so `/v1/problems` and `/problems` both work. */
export function problemIndexPage(language: Language): string {
  const m = { ...problemMessagesFor(language), problemPages: problemPagesFor(language) };
  const items = (Object.keys(PROBLEM_TYPES) as ProblemSlug[])
    .sort()
    .map(
      (slug) =>
        `<li><a href="problems/${slug}"><code>${slug}</code></a> (${PROBLEM_TYPES[slug]}): ${escapeHtml(m.problems[slug].title)}</li>`,
    );
  return page(
    language,
    m.problemPages.indexTitle,
    `<p>${prose(m.problemPages.indexIntro)}</p><ul>${items.join('')}</ul>`,
  );
}

/** The page of the problem type `slug`, in `language`; `ProblemTypeNotFoundError` when there is none. */
export function problemTypePage(slug: string, language: Language): string {
  if (!isProblemSlug(slug)) throw new ProblemTypeNotFoundError(slug);
  const m = { ...problemMessagesFor(language), problemPages: problemPagesFor(language) };
  const { title, about } = m.problems[slug];
  const body = [
    `<p><code>${escapeHtml(`${PROBLEM_PATH}${slug}`)}</code> — ${escapeHtml(m.problemPages.status(PROBLEM_TYPES[slug]))}</p>`,
    `<p>${prose(about)}</p>`,
    `<p>${prose(m.problemPages.members)}</p>`,
    `<p><a href="../problems">${escapeHtml(m.problemPages.backToIndex)}</a></p>`,
  ];
  return page(language, m.problemPages.pageTitle(title), body.join('\n'));
}
