/**
 * What the admin commands (`npm run token`, `npm run executions`) share: tables whose columns line
 * up whatever the values' widths, and one way to end on a wrong argument.
 */

/**
 * Rows under a header, each column as wide as its widest cell, two spaces apart; the last column
 * is not padded (no trailing blanks).
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** A command line the command refuses: what is wrong, and the usage to show under it. */
export interface Refusal {
  readonly error: string;
}

/** Writes the refusal to stderr and sets exit code 2 (a usage error, as POSIX utilities do). */
export function refuse(refusal: Refusal): void {
  process.stderr.write(`${refusal.error}\n`);
  process.exitCode = 2;
}

/** parseArgs' own refusals (unknown option, missing value) as one line a person reads. */
export function parseArgsMessage(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return undefined;
  // Node's message adds advice about positionals starting with '-': the first sentence suffices.
  return (error as Error).message.split('. ')[0]?.replace(/\.$/, '');
}
