/**
 * Small pieces every Liaison workflow uses. Pure workflow code: it imports only
 * `@temporalio/workflow` and `@liaison/domain`.
 */
import { type RejectionCode, searchAttributeKey, VersionedWorkflowInput, WorkflowRejection } from '@liaison/domain';
import { ApplicationFailure, condition, patched, upsertSearchAttributes } from '@temporalio/workflow';

const LiaisonStatus = searchAttributeKey('LiaisonStatus');
const LiaisonNextDeadline = searchAttributeKey('LiaisonNextDeadline');

/** Rejects an Update (validator or handler) with a domain code the API maps to a 409. */
export function rejection(type: RejectionCode, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** Runs a step of a state class; the `WorkflowRejection` it throws becomes the Update's rejection. */
export function refusing<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof WorkflowRejection) throw rejection(error.type, error.message);
    throw error;
  }
}

/** Keeps the LiaisonStatus search attribute equal to the workflow's status. */
export function publishStatus(status: string): void {
  upsertSearchAttributes([{ key: LiaisonStatus, value: status }]);
}

/** Keeps the LiaisonNextDeadline search attribute on the workflow's next deadline. */
export function publishNextDeadline(at: string): void {
  upsertSearchAttributes([{ key: LiaisonNextDeadline, value: new Date(at) }]);
}

/** The generation from which every patch below is taken without a marker (WORKFLOW_CODE_VERSION). */
const PATCHES_BUILT_IN = 2;

/**
 * Whether this run takes the change made behind patch `id`: always, and without recording a marker,
 * when the code that started it was of generation 2 or later; otherwise as its history says.
 */
export function hasPatch(input: VersionedWorkflowInput, id: string): boolean {
  return (input.codeVersion ?? 1) >= PATCHES_BUILT_IN || patched(id);
}

/**
 * Moves LiaisonNextDeadline on (to the minutes due, say) or clears it (null) where the first
 * versions of the workflows left their last deadline standing, which made finished business look
 * late. Behind a patch: workflows started before it replay their histories as written.
 */
export function keepNextDeadline(input: VersionedWorkflowInput, at: string | null): void {
  if (!hasPatch(input, 'next-deadline-kept-current')) return;
  upsertSearchAttributes([{ key: LiaisonNextDeadline, value: at === null ? null : new Date(at) }]);
}

/**
 * Counts the state writes (activities) that Update handlers have in flight, so that the main
 * loop can wait until the database says what the workflow's state says.
 */
export class WriteTracker {
  private inFlight = 0;

  async write(work: () => Promise<void>): Promise<void> {
    this.inFlight++;
    try {
      await work();
    } finally {
      this.inFlight--;
    }
  }

  get idle(): boolean {
    return this.inFlight === 0;
  }

  settled(): Promise<void> {
    return condition(() => this.idle);
  }
}
