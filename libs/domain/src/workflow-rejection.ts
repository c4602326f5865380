/**
 * Why a workflow refuses an Update: a domain code (`EXCHANGE.NOT_OPEN`) and a message. Thrown by
 * the workflows' state classes; their workflow functions turn it into the Temporal failure the API
 * maps to a 409.
 */
export class WorkflowRejection extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowRejection';
  }
}
