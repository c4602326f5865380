/** The level of a person in their organisation: the senior level is told of escalations. */
export const PERSON_LEVELS = ['senior', 'working'] as const;
export type PersonLevel = (typeof PERSON_LEVELS)[number];

/** What a person may do; an admin has every role. */
export const PERSON_ROLES = ['participant', 'coordinator', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
