import type { ErrorCodeOf } from '@liaison/domain';

/** Whether a person is active, as audit events name it (`fromState`/`toState` of create, deactivate, reactivate). */
export const PERSON_STATES = { active: 'active', deactivated: 'deactivated' } as const;

/** The code of a refusal to do, for a deactivated person, what only an active one may have (a webhook test). */
export const PERSON_DEACTIVATED = 'PERSON.DEACTIVATED' satisfies ErrorCodeOf<409>;
