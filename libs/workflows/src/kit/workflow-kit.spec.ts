import { WorkflowRejection } from '@liaison/domain';
import { ApplicationFailure } from '@temporalio/workflow';
import { refusing } from './workflow-kit';

describe('refusing', () => {
  it('answers what the step answers', () => {
    expect(refusing(() => 3)).toBe(3);
  });

  it("turns a state class's rejection into a non-retryable failure with its code", () => {
    let thrown: unknown;
    try {
      refusing(() => {
        throw new WorkflowRejection('EXCHANGE.NOT_OPEN', 'the exchange is cancelled');
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApplicationFailure);
    expect(thrown).toMatchObject({ type: 'EXCHANGE.NOT_OPEN', message: 'the exchange is cancelled', nonRetryable: true });
  });

  it('lets any other error through as it is', () => {
    const bug = new TypeError('a bug');
    expect(() =>
      refusing(() => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});
