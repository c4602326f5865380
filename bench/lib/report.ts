import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { LineChart, lineChartSvg, svgToPng } from './charts';
import { describeLoad, LoadRecord } from './load';
import { describeMachine } from './machine';
import { RESULTS_DIR } from './paths';
import { markdownTable, printTable, Table } from './table';

/**
 * What a run found: its tables go to the terminal at once, and with the text and charts into a
 * Markdown report when `--report` asks for one. Several benchmarks may fill one report.
 */
export class Report {
  /** Markdown text, or a table (kept as one, so that another report can take it over: `append`). */
  private readonly parts: Array<string | Table> = [];
  private readonly charts = new Map<string, LineChart>();
  /** The machine's load before each measured run, for the machine table. */
  private readonly loads: Array<[string, LoadRecord]> = [];

  /** `print`: tables go to the terminal as they come (off for the runs a growth study only sums up). */
  constructor(
    readonly title: string,
    private readonly print = true,
  ) {}

  heading(text: string, level = 2): void {
    // A sub-heading (which run the tables below are of) is worth a line on the terminal too.
    if (this.print && level >= 3) process.stdout.write(`\n${text}\n`);
    this.parts.push(`${'#'.repeat(level)} ${text}`);
  }

  text(markdown: string): void {
    this.parts.push(markdown);
  }

  table(table: Table): void {
    if (this.print) printTable(table);
    this.parts.push(table);
  }

  /** The machine's load before a run (`label`: which run), a row of the machine table. */
  load(label: string, record: LoadRecord): void {
    this.loads.push([label, record]);
  }

  /**
   * What `other` (a report that did not print) holds, taken over as if written here: its tables
   * are printed now when this report prints. `keep` leaves out headings and tables it returns false for.
   */
  append(other: Report, keep: (part: string | Table) => boolean = () => true): void {
    for (const part of other.parts) {
      if (!keep(part)) continue;
      if (typeof part === 'string') this.parts.push(part);
      else this.table(part);
    }
    for (const [id, chart] of other.charts) this.charts.set(id, chart);
    this.loads.push(...other.loads);
  }

  /** A chart; `id` names its PNG file. */
  chart(id: string, chart: LineChart): void {
    this.charts.set(id, chart);
    this.parts.push(`![${chart.title}](${id}.png)`);
  }

  /**
   * Writes the report to `file` and its charts as PNG beside it (or in `imageDir`), with the
   * machine it was measured on at the top.
   */
  write(file: string, imageDir = dirname(file), imagePrefix = ''): string {
    mkdirSync(dirname(file), { recursive: true });
    mkdirSync(imageDir, { recursive: true });
    const link = relative(dirname(file), imageDir) || '.';
    const machine = describeMachine();
    const header = [
      `# ${this.title}`,
      markdownTable({
        title: '',
        headers: ['machine', ''],
        rows: [
          ['CPU', `${machine.cpu}, ${machine.cores} cores`],
          ['memory', machine.memory],
          ['OS', machine.os],
          ['Node.js', machine.node],
          ['commit', machine.commit],
          ['measured', machine.date],
          ...this.loads.map(([label, record]) => [`load before ${label}`, describeLoad(record)]),
        ],
        leftColumns: 2,
      }),
    ];
    const parts = this.parts.map((part) => (typeof part === 'string' ? part : `**${part.title}**\n\n${markdownTable(part)}`));
    let body = [...header, ...parts].join('\n\n');
    for (const [id, chart] of this.charts) {
      const png = `${imagePrefix}${id}.png`;
      writeFileSync(join(imageDir, png), svgToPng(lineChartSvg(chart)));
      body = body.replace(`](${id}.png)`, `](${link}/${png})`);
    }
    writeFileSync(file, `${body}\n`);
    return file;
  }

  /** `bench/results/<name>-<timestamp>.md`, its charts beside it. */
  writeResult(name: string): string {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    return this.write(join(RESULTS_DIR, `${name}-${stamp}.md`), RESULTS_DIR, `${name}-${stamp}-`);
  }
}
