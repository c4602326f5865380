/**
 * Where to go after signing in, from a `next` parameter: only a path of this site (`/series/1?x`),
 * never another origin (`https://…`, `//evil.example`, `/\evil.example`), so a crafted sign-in
 * link cannot send a person elsewhere. `undefined` for anything else.
 */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  // Control characters (a tab or newline inside "//") are dropped by URL parsers: refused outright.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  return next;
}
