import type { INestApplication } from '@nestjs/common';

/** The columns of the access matrix in docs/ACCESS.md, in its order. */
export const MATRIX_ROLES = ['anon', 'admin', 'coord-own', 'part-own', 'coord-other', 'part-other'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export interface MatrixRow<R extends string = MatrixRole> {
  /** `METHOD /path`, the path as the application registers it (`/v1/exchanges/:id`). */
  endpoint: string;
  method: string;
  path: string;
  /** The status each column must get. */
  expected: Record<R, number>;
  /** Line in the markdown file, for messages. */
  line: number;
}

function cellsOf(line: string): string[] | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return null;
  return trimmed
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());
}

/**
 * The one table of the document whose header is `| endpoint | anon | admin | coord-own | part-own |
 * coord-other | part-other |`: one row per route, each cell a status. Throws, naming the line, on
 * anything else inside it (a missing cell, a status that is not three digits, a duplicate route).
 */
export function parseAccessMatrix(markdown: string): MatrixRow[] {
  return parseStatusTable(markdown, MATRIX_ROLES);
}

/** The columns of the table of a third organisation on a shared exchange, in docs/ACCESS.md. */
export const THIRD_PARTY_ROLES = ['coord-third', 'part-third'] as const;
export type ThirdPartyRole = (typeof THIRD_PARTY_ROLES)[number];

/** The one table whose header is `| endpoint | coord-third | part-third |`, read as the matrix is. */
export function parseThirdPartyMatrix(markdown: string): Array<MatrixRow<ThirdPartyRole>> {
  return parseStatusTable(markdown, THIRD_PARTY_ROLES);
}

function parseStatusTable<R extends string>(markdown: string, roles: readonly R[]): Array<MatrixRow<R>> {
  const HEADER = ['endpoint', ...roles];
  const lines = markdown.split(/\r?\n/);
  const headers = lines.flatMap((line, index) => (cellsOf(line)?.join('|') === HEADER.join('|') ? [index] : []));
  if (headers.length !== 1)
    throw new Error(`expected exactly one matrix table (header | ${HEADER.join(' | ')} |), found ${headers.length}`);
  const start = headers[0];
  const separator = cellsOf(lines[start + 1] ?? '');
  if (!separator || separator.length !== HEADER.length || !separator.every((c) => /^:?-{3,}:?$/.test(c))) {
    throw new Error(`line ${start + 2}: expected the table's separator row after its header`);
  }
  const rows: Array<MatrixRow<R>> = [];
  for (let index = start + 2; index < lines.length; index++) {
    const cells = cellsOf(lines[index]);
    if (!cells) break;
    const line = index + 1;
    if (cells.length !== HEADER.length) throw new Error(`line ${line}: expected ${HEADER.length} cells, found ${cells.length}`);
    const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(cells[0]);
    if (!match) throw new Error(`line ${line}: "${cells[0]}" is not "METHOD /path"`);
    const expected = {} as Record<R, number>;
    roles.forEach((role, i) => {
      const cell = cells[i + 1];
      if (!/^[1-5]\d\d$/.test(cell)) throw new Error(`line ${line}, column ${role}: "${cell}" is not an HTTP status`);
      expected[role] = Number(cell);
    });
    if (rows.some((r) => r.endpoint === cells[0])) throw new Error(`line ${line}: ${cells[0]} has a row already`);
    rows.push({ endpoint: cells[0], method: match[1], path: match[2], expected, line });
  }
  if (rows.length === 0) throw new Error(`line ${start + 1}: the matrix has no rows`);
  return rows;
}

/**
 * Every route the running application answers, `METHOD /path`, read from its Express router
 * (Express 5 keeps it at `app.router`, Express 4 at `app._router`). Catch-all middleware routes
 * (every method on a splat path) are not routes of the API and are left out.
 */
export function applicationRoutes(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance() as {
    router?: { stack: RouterLayer[] };
    _router?: { stack: RouterLayer[] };
  };
  const router = instance.router ?? instance._router;
  if (!router) throw new Error('cannot find the Express router of the application');
  const routes = new Set<string>();
  for (const layer of router.stack) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') continue;
    const methods = Object.keys(route.methods).filter((m) => route.methods[m] && m !== '_all');
    if (route.path.includes('*') || methods.length > 5) continue;
    for (const method of methods) routes.add(`${method.toUpperCase()} ${route.path}`);
  }
  return [...routes];
}

interface RouterLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}
