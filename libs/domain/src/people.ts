/** The level of a person in their organisation: the senior level is told of escalations. */
export const PERSON_LEVELS = ['senior', 'working'] as const;
export type PersonLevel = (typeof PERSON_LEVELS)[number];

/** What a person may do; an admin has every role. */
export const PERSON_ROLES = ['participant', 'coordinator', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/**
 * The languages Liaison speaks to people in: English and French, the working languages both
 * secretariats share. A person's own, or else their organisation's `defaultLanguage`.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
/** What a person may choose: a language, or to follow their organisation's `defaultLanguage` (no input field takes null). */
export const FOLLOW_ORGANIZATION_LANGUAGE = 'organization';
export const LANGUAGE_CHOICES = [...LANGUAGES, FOLLOW_ORGANIZATION_LANGUAGE] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];
