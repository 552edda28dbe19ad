/**
 * Line folding as RFC 5545 3.1 says: a content line is at most 75 octets, continued on the next
 * line after CRLF and one space. Octets, not characters: `é` is two, most emoji four. A fold never
 * splits a UTF-8 sequence (it falls between code points).
 */

/** Longest first line, in octets; continuations carry one space more. */
const LIMIT = 75;

/** Unfolds what another writer folded (CRLF followed by a space or a tab). */
export const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');

/** One content line folded into lines of at most 75 octets each. */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const codePoint of line) {
    const size = Buffer.byteLength(codePoint, 'utf8');
    const room = lines.length === 0 ? LIMIT : LIMIT - 1;
    if (octets + size > room) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += codePoint;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

/** An iCalendar text refolded by octets (whatever folding it had). */
export function foldByOctets(text: string): string {
  return unfold(text)
    .split('\r\n')
    .map((line) => (line === '' ? line : foldLine(line)))
    .join('\r\n');
}
