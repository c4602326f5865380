import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The methods each path of the API document allows, to answer a request for a path that exists with
 * a method it does not have: 405 with `Allow` (RFC 9110 §15.5.6), not 404. The document is the list
 * of routes, so the answer and the contract cannot disagree. A GET path also allows HEAD (Express
 * answers it with the GET's headers).
 */
export class AllowedMethods {
  private readonly paths: Array<{ pattern: RegExp; methods: string[] }>;

  constructor(document: OpenAPIObject) {
    this.paths = Object.entries(document.paths).map(([template, item]) => {
      const methods = METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
      if (methods.includes('GET') && !methods.includes('HEAD')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD');
      return { pattern: templatePattern(template), methods };
    });
  }

  /** The methods of the first documented path this one matches, or null when it matches none. */
  of(path: string): string[] | null {
    const methods = new Set<string>();
    for (const candidate of this.paths) if (candidate.pattern.test(path)) for (const method of candidate.methods) methods.add(method);
    return methods.size > 0 ? [...methods] : null;
  }
}

/** `/v1/exchanges/{id}/confirm` → a pattern where each `{parameter}` is one path segment (or part of one: `{personId}.ics`). */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
