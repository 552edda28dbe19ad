/**
 * A document's blocks as one printable HTML page: no script, no outside resource, a print
 * stylesheet (A4, table headers repeated, no entry split across pages). Every text is escaped.
 */
import escapeHtml from 'escape-html';
import type { Block } from './minutes-document.ts';
import type { Language } from './minutes-text.ts';

const STYLE = `
body { font-family: "RijksoverheidSansWebText", Verdana, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 60rem; color: #000; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 0.5rem 2rem; }
th, td { border: 1px solid #666; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
ul { padding-left: 1.25rem; }
.note { margin: 0.25rem 0 0.25rem 2rem; }
@media print {
  @page { size: A4; margin: 2cm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  thead { display: table-header-group; }
  tr, li, .note { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}`;

function render(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'entry':
      return `<ul><li><strong>${escapeHtml(block.time)}</strong> — ${escapeHtml(block.text)}</li></ul>`;
    case 'note':
      return `<p class="note">${escapeHtml(block.text)}</p>`;
    case 'table': {
      const head = block.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
      const rows = block.rows.map(
        (row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
      );
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    }
  }
}

/** The blocks as a standalone HTML page titled `title`, in `language`. */
export function toPrintableHtml(blocks: readonly Block[], title: string, language: Language): string {
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body><main>${blocks.map(render).join('\n')}</main></body></html>`,
    '',
  ].join('\n');
}
