import type { ErrorCodeOf } from './error-codes';

/**
 * The codes an Update's rejection may carry: 409s, which WorkflowUpdates answers as they are, and
 * 422s, which the feature's `refused` answers (SUPPORT.RATIONALE_REQUIRED).
 */
export type RejectionCode = ErrorCodeOf<409 | 422>;

/**
 * Why a workflow refuses an Update: a domain code (`EXCHANGE.NOT_OPEN`) and a message. Thrown by
 * the workflows' state classes; their workflow functions turn it into the Temporal failure the API
 * maps to a 409 (or, where the feature says so, a 422).
 */
export class WorkflowRejection extends Error {
  constructor(
    readonly type: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowRejection';
  }
}
