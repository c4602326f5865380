/** How an exchange is marked: a RESTRICTED one keeps its title, location and agenda out of e-mail, .ics, feeds and webhooks. */
export const MARKINGS = ['UNMARKED', 'RESTRICTED'] as const;
export type Marking = (typeof MARKINGS)[number];
