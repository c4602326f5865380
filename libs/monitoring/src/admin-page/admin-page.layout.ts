import { html, SafeHtml } from './html';

const STYLE = `
  :root { color-scheme: light; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; --accent: #0969da; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; align-items: center; gap: 16px; padding: 10px 24px; background: #24292f; color: #fff; }
  header h1 { font-size: 16px; margin: 0; font-weight: 600; }
  header .meta { color: #afb8c1; font-size: 12px; margin-left: auto; }
  header a, header button { color: #fff; }
  header button { background: none; border: 1px solid #57606a; border-radius: 6px; padding: 3px 10px; font: inherit; cursor: pointer; }
  main { max-width: 1160px; margin: 0 auto; padding: 16px 24px 48px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin-top: 16px; }
  section h2 { font-size: 15px; margin: 0 0 10px; }
  section h2 .count { color: var(--muted); font-weight: normal; }
  .grid-2 { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; align-items: start; }
  .grid-2 > section { margin-top: 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
  th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.zero { color: #afb8c1; }
  tbody tr:hover { background: #f6f8fa; }
  .nowrap { white-space: nowrap; }
  .muted { color: var(--muted); }
  .small { font-size: 12px; }
  .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
  .error-text { color: #a40e26; max-width: 320px; overflow-wrap: anywhere; }
  .pill { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; background: #eaeef2; white-space: nowrap; }
  .pill.late, .pill.failed { background: #ffebe9; color: #a40e26; }
  .pill.running { background: #ddf4ff; color: #0550ae; }
  .empty { color: var(--muted); font-style: italic; margin: 4px 0; }
  .notice { padding: 9px 14px; border-radius: 6px; margin-top: 16px; }
  .notice.ok { background: #dafbe1; border: 1px solid #4ac26b; }
  .notice.warn { background: #fff8c5; border: 1px solid #d4a72c; }
  .notice.error { background: #ffebe9; border: 1px solid #ff8182; }
  .summary { margin: 0 0 8px; }
  .summary b { font-variant-numeric: tabular-nums; }
  .legend { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
  .legend svg { vertical-align: -1px; }
  button.retry { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 3px 12px; font: inherit; cursor: pointer; }
  a { color: var(--accent); }
  svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
  svg .lane { fill: #fff; } svg .lane-odd { fill: #f6f8fa; }
  svg .lane-label { fill: var(--fg); font-weight: 600; }
  svg .grid { stroke: #eaeef2; } svg .grid-strong { stroke: #d0d7de; }
  svg .now { stroke: var(--accent); stroke-dasharray: 3 2; } svg .now-label { fill: var(--accent); }
  svg .axis-line { stroke: #8c959f; }
  svg .hover { fill: transparent; } svg g:hover .hover { fill: #ddf4ff; }
  svg .whisker { stroke: #8c959f; stroke-width: 2; }
  svg .p50 { fill: #0969da; } svg .p95 { fill: #d4a72c; } svg .max { stroke: #cf222e; stroke-width: 2.5; }
  .login { max-width: 360px; margin: 12vh auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 24px; }
  .login h1 { font-size: 18px; margin: 0 0 14px; }
  .login label { display: block; font-weight: 600; margin-bottom: 4px; }
  .login input { width: 100%; padding: 7px 9px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
  .login button { margin-top: 12px; width: 100%; padding: 7px; background: #1f883d; color: #fff; border: 0; border-radius: 6px; font: inherit; font-weight: 600; cursor: pointer; }
  @media (max-width: 900px) { .grid-2 { grid-template-columns: 1fr; } }
`;

/** The HTML document around `body`, with the admin page's style sheet inline. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.value;
}

/** The login form; `error` when the last attempt failed. */
export function loginPage(error: string | null): string {
  return layout(
    'Liaison admin: log in',
    html`<form class="login" method="post" action="/admin/login" data-testid="login-form">
      <h1>Liaison admin</h1>
      ${error ? html`<p class="notice error" role="alert" data-testid="login-error">${error}</p>` : null}
      <label for="token">Admin token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required autofocus data-testid="login-token" />
      <button type="submit" data-testid="login-submit">Log in</button>
    </form>`,
  );
}

/** A plain page for a refused request (a cross-site form post). */
export function messagePage(title: string, message: string): string {
  return layout(
    title,
    html`<main>
      <p class="notice error" role="alert" data-testid="message">${message}</p>
      <p><a href="/admin">Back to the admin page</a></p>
    </main>`,
  );
}
