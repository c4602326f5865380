/**
 * The web app's pages that Liaison links to from outside it (e-mails, calendar entries, webhooks):
 * one place for their paths, so that a link and the page it opens cannot drift apart.
 */
export const PAGES = {
  exchange: (id: string) => `/exchanges/${id}`,
  series: (id: string) => `/series/${id}`,
  supportRequest: (id: string) => `/support-requests/${id}`,
  signInLink: (token: string) => `/sign-in/link?token=${encodeURIComponent(token)}`,
  /** What an attendance link opens: a page with one button that posts the answer (a GET changes nothing). */
  attend: (token: string, answer: string) => `/attend?token=${encodeURIComponent(token)}&answer=${encodeURIComponent(answer)}`,
} as const;

/** The address of a page at the deployment's public address (`PUBLIC_BASE_URL`, no trailing slash). */
export function pageUrl(publicBaseUrl: string, path: string): string {
  return `${publicBaseUrl}${path}`;
}
