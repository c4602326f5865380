import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * A file generated from the code (docs/configuration.md, docs/openapi.json): written, or with
 * `--check` on the command line compared with the committed one, exiting 1 while it differs.
 * `source` says what it is generated from, `command` how to write it again.
 */
export function writeOrCheck(target: string, content: string, { source, command }: { source: string; command: string }): void {
  const name = relative(process.cwd(), target);
  if (!process.argv.includes('--check')) {
    writeFileSync(target, content);
    console.log(`wrote ${name}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is as stale as a different one.
  }
  if (committed !== content) {
    console.error(`${name} is stale: it differs from ${source}. Run ${command} and commit it.`);
    process.exit(1);
  }
  console.log(`${name} is current`);
}
