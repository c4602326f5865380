/** Markup that is already safe: made by `html` below, never from a plain string. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | Interpolated[];

function render(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value (text and attributes alike) unless it is
 * itself the result of `html`; arrays are joined, and null, undefined and false render as nothing.
 * Runs of whitespace in the template's own text become one space: the page renders the same (it has
 * no preformatted text), whatever the line breaks of the source, which Prettier reflows as HTML.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, text, i) => out + text.replace(/\s+/g, ' ') + (i < values.length ? render(values[i]) : ''), ''));
}
