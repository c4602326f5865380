/** A table of figures, printed aligned on the terminal and as Markdown in a report. */
export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  /** Columns aligned left (text); the others are right-aligned (figures). */
  leftColumns?: number;
}

export function terminalTable(table: Table): string {
  const left = table.leftColumns ?? 1;
  const widths = table.headers.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < left ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [table.title, line(table.headers), widths.map((w) => '─'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

export function markdownTable(table: Table): string {
  const left = table.leftColumns ?? 1;
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${table.headers.map(escape).join(' | ')} |`,
    `| ${table.headers.map((_, i) => (i < left ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

export function printTable(table: Table): void {
  process.stdout.write(`\n${terminalTable(table)}\n`);
}
