import type { OpenAPIObject } from '@nestjs/swagger';
import { METHODS } from './operations';

/**
 * The methods each path of the API document allows, to answer a request for a path that exists with
 * a method it does not have: 405 with `Allow` (RFC 9110 §15.5.6), not 404. The document is the list
 * of routes, so the answer and the contract cannot disagree. A GET path also allows HEAD (Express
 * answers it with the GET's headers).
 */
export class AllowedMethods {
  private readonly paths: Array<{ pattern: RegExp; templated: boolean; methods: string[] }>;

  constructor(document: OpenAPIObject) {
    this.paths = Object.entries(document.paths).map(([template, item]) => {
      const methods = METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
      if (methods.includes('GET') && !methods.includes('HEAD')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD');
      return { pattern: templatePattern(template), templated: template.includes('{'), methods };
    });
  }

  /**
   * The methods of the documented path this one is, or null when it is none: a concrete path
   * (`/v1/series/preview`) before the templated ones it also matches (`/v1/series/{id}`), as OpenAPI
   * matches them.
   */
  of(path: string): string[] | null {
    const matching = this.paths.filter((candidate) => candidate.pattern.test(path));
    const concrete = matching.filter((candidate) => !candidate.templated);
    const chosen = concrete.length > 0 ? concrete : matching;
    if (chosen.length === 0) return null;
    return [...new Set(chosen.flatMap((candidate) => candidate.methods))];
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
