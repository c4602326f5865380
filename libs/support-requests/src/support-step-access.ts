import { coordinatesAny, coordinatesFor, isAdmin, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { FINAL_SUPPORT_STATUSES, SUPPORT_STEP_NAMES, SUPPORT_STEPS, SupportStep } from '@liaison/domain';
import type { SupportRequestEntity } from '@liaison/persistence';

/** The two organisations of a request, by code. */
interface Sides {
  requestingCode: string;
  providingCode: string;
}

/** What a caller may do to a request: its steps, and `raise` (put it on an exchange's agenda). */
export const SUPPORT_ACTIONS = [...SUPPORT_STEP_NAMES, 'raise'] as const;
export type SupportAction = SupportStep | 'raise';

/**
 * Why the caller may not take this step, on this request, for the side it needs; null when they
 * may (admins stand on every side). The one rule the steps' 403s and a response's `actions` share.
 */
export function sideRefusal(
  step: SupportStep,
  request: Pick<SupportRequestEntity, 'submittedBy'>,
  rel: Sides,
  principal: Principal,
): DomainError | null {
  if (isAdmin(principal)) return null;
  const side = SUPPORT_STEPS[step].side;
  if (side === 'providing' && !coordinatesFor(principal, rel.providingCode)) {
    return DomainError.forbidden(
      'SUPPORT.NOT_PROVIDING_COORDINATOR',
      `only a coordinator of ${rel.providingCode} may ${step} this request`,
    );
  }
  if (side === 'providing-senior') {
    const senior = principal.kind === 'person' && principal.person.level === 'senior' && principal.organizationCode === rel.providingCode;
    if (!senior) {
      return DomainError.forbidden(
        'SUPPORT.NOT_PROVIDING_SENIOR',
        `only a senior-level person of ${rel.providingCode} may decide this request`,
      );
    }
  }
  if (side === 'requesting') {
    const submitter = principal.kind === 'person' && principal.person.id === request.submittedBy;
    if (!submitter && !coordinatesFor(principal, rel.requestingCode)) {
      return DomainError.forbidden(
        'SUPPORT.NOT_REQUESTING_SIDE',
        `only the submitter or a coordinator of ${rel.requestingCode} may ${step} this request`,
      );
    }
  }
  return null;
}

/**
 * Why the caller may not raise the request onto an exchange's agenda: not a coordinator of either
 * side (403), or the request is over (409); null when they may. Shared by `raise` and `actions`.
 */
export function raiseRefusal(principal: Principal, request: Pick<SupportRequestEntity, 'status'>, rel: Sides): DomainError | null {
  const sides = [rel.requestingCode, rel.providingCode];
  if (!coordinatesAny(principal, sides)) {
    return DomainError.forbidden('SUPPORT.NOT_COORDINATOR', `only a coordinator of ${sides.join(' or ')} may raise this request`);
  }
  if (FINAL_SUPPORT_STATUSES.includes(request.status)) {
    return DomainError.conflict('SUPPORT.WRONG_STATE', `cannot raise: the request is ${request.status}`);
  }
  return null;
}

/**
 * The steps open to the caller now: those the request's status allows (the workflow's table) on a
 * side the caller stands on; and `raise` for a coordinator of either side while the request is open.
 * The web app shows these as buttons, so it holds no rule of its own.
 */
export function supportActionsOf(
  principal: Principal,
  request: Pick<SupportRequestEntity, 'status' | 'submittedBy'>,
  rel: Sides,
): SupportAction[] {
  const steps: SupportAction[] = SUPPORT_STEP_NAMES.filter(
    (step) => SUPPORT_STEPS[step].from.includes(request.status) && !sideRefusal(step, request, rel, principal),
  );
  return raiseRefusal(principal, request, rel) ? steps : [...steps, 'raise'];
}
