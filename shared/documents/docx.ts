/**
 * A document's blocks as a Word file (.docx, Office Open XML), with the `docx` library: headings
 * as Word heading styles (so the navigation pane and a table of contents work), tables with a
 * header row that repeats on every page.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block } from './minutes-document.ts';
import type { Language } from './minutes-text.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function table(block: Extract<Block, { kind: 'table' }>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }),
      ...block.rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });
}

function render(block: Block): Paragraph | Table {
  switch (block.kind) {
    case 'heading':
      return new Paragraph({ text: block.text, heading: HEADINGS[block.level] });
    case 'paragraph':
      return new Paragraph({ text: block.text });
    case 'entry':
      return new Paragraph({
        bullet: { level: 0 },
        children: [new TextRun({ text: `${block.time} — `, bold: true }), new TextRun(block.text)],
      });
    case 'note':
      return new Paragraph({ text: block.text, indent: { left: 720 } });
    case 'table':
      return table(block);
  }
}

/** The blocks as a .docx file, titled `title`, in `language` (Word's proofing language). */
export async function toDocx(
  blocks: readonly Block[],
  title: string,
  language: Language,
): Promise<Uint8Array> {
  const document = new Document({
    title,
    creator: 'Stuurgroep iStandaarden sociaal domein',
    styles: {
      default: { document: { run: { language: { value: language === 'en' ? 'en-GB' : 'nl-NL' } } } },
    },
    sections: [{ children: blocks.map(render) }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
