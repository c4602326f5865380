import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The web app's initial JavaScript, gzipped: the entry chunk and every chunk it imports statically
 * (what index.html loads and preloads before the first page shows), read from Vite's manifest.
 * Pages are lazy chunks and do not count. Exits 1 above the budget.
 *   node -r @swc-node/register scripts/web-size.ts        (the last step of npm run build:web)
 */
const WEB = join(__dirname, '..', 'dist', 'web');
const BUDGET_BYTES = 200 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

const manifest = JSON.parse(readFileSync(join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const initial = new Set<string>();
const visit = (key: string): void => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  chunk.imports?.forEach(visit);
};
Object.entries(manifest)
  .filter(([, chunk]) => chunk.isEntry)
  .forEach(([key]) => visit(key));
// And whatever else index.html names (a script or a modulepreload the manifest would not show).
for (const [, file] of readFileSync(join(WEB, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/([^"]+\.js)"/g)) initial.add(file);

let total = 0;
for (const file of [...initial].filter((f) => f.endsWith('.js')).sort()) {
  const gzipped = gzipSync(readFileSync(join(WEB, file)), { level: 9 }).length;
  total += gzipped;
  console.log(`${(gzipped / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped, ${verdict} the budget of ${BUDGET_BYTES / 1024} KB`);
if (total > BUDGET_BYTES) process.exit(1);
