import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { EntityNotFoundError } from 'typeorm';

/**
 * An activity that finds its row gone (the exchange, series or request was deleted under its
 * workflow) fails for good instead of retrying forever: no retry brings the row back. The
 * workflow then fails with the reason, and admins see it among the failed workflows.
 */
class MissingRowsFailFast implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      if (error instanceof EntityNotFoundError) throw ApplicationFailure.nonRetryable(error.message, 'EntityNotFound');
      throw error;
    }
  }
}

export const missingRowsFailFast: ActivityInterceptorsFactory = () => ({ inbound: new MissingRowsFailFast() });
