import { DomainError } from '@liaison/common';
import type { UpdateTable } from '@liaison/domain';
import { ApplicationFailure, Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { UpdateOutcomes, UpdateTarget, WORKFLOW_START_WAIT_MS, WorkflowUpdates } from './workflow-updates';

type Table = { poke: { args: { n: number }; result: string } } & UpdateTable;

const TARGET: UpdateTarget = {
  workflowId: 'exchange-1',
  starting: 'EXCHANGE.STARTING',
  noun: 'the exchange',
  rejected: 'EXCHANGE.REJECTED',
};

/** A client whose Update answers, one call after another, what `answers` say (a value, or an error thrown). */
function updatesAnswering(...answers: unknown[]): { updates: WorkflowUpdates; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const executeUpdate = async (...call: unknown[]) => {
    calls.push(call);
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const client = { workflow: { getHandle: (id: string) => (calls.push([id]), { executeUpdate }) } } as unknown as Client;
  return { updates: new WorkflowUpdates(client), calls };
}

const outcomes = (standing: { open: boolean; status: string }, more: Partial<UpdateOutcomes> = {}): UpdateOutcomes => ({
  standing: async () => standing,
  ended: (status) => DomainError.conflict('EXCHANGE.NOT_OPEN', `the exchange is ${status}`),
  ...more,
});

const rejected = (type: string | undefined, message: string) =>
  new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));
const notFound = () => new WorkflowNotFoundError('workflow not found', 'exchange-1', undefined);

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('WorkflowUpdates', () => {
  afterEach(() => jest.useRealTimers());

  it('runs the Update by name on the workflow and answers its result', async () => {
    const { updates, calls } = updatesAnswering('done');
    await expect(updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: true, status: 'open' }))).resolves.toBe('done');
    expect(calls).toEqual([['exchange-1'], ['poke', { args: [{ n: 1 }] }]]);
  });

  it('answers a rejection as a 409 with the workflow code, or the fallback code when it names none', async () => {
    const named = await failure(
      updatesAnswering(rejected('EXCHANGE.ALREADY_CONFIRMED', 'confirmed')).updates.run<Table, 'poke'>(
        TARGET,
        'poke',
        { n: 1 },
        outcomes({ open: true, status: 'open' }),
      ),
    );
    expect([named.kind, named.code, named.message]).toEqual(['conflict', 'EXCHANGE.ALREADY_CONFIRMED', 'confirmed']);
    const unnamed = await failure(
      updatesAnswering(rejected(undefined, 'no')).updates.run<Table, 'poke'>(
        TARGET,
        'poke',
        { n: 1 },
        outcomes({ open: true, status: 'open' }),
      ),
    );
    expect([unnamed.kind, unnamed.code]).toEqual(['conflict', 'EXCHANGE.REJECTED']);
  });

  it('answers the fallback code for a rejection whose type is not a registered 409', async () => {
    for (const type of ['THING.WRONG', 'SUPPORT.RATIONALE_REQUIRED']) {
      const error = await failure(
        updatesAnswering(rejected(type, 'no')).updates.run<Table, 'poke'>(
          TARGET,
          'poke',
          { n: 1 },
          outcomes({ open: true, status: 'open' }),
        ),
      );
      expect([error.kind, error.code, error.message]).toEqual(['conflict', 'EXCHANGE.REJECTED', 'no']);
    }
  });

  it('lets the caller answer a rejection otherwise', async () => {
    const refused = (type: string | undefined) =>
      type === 'SUPPORT.RATIONALE_REQUIRED' ? DomainError.unprocessable('SUPPORT.RATIONALE_REQUIRED', 'say why') : undefined;
    const { updates } = updatesAnswering(rejected('SUPPORT.RATIONALE_REQUIRED', 'rationale'));
    const error = await failure(
      updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: true, status: 'open' }, { refused })),
    );
    expect([error.kind, error.code]).toEqual(['unprocessable', 'SUPPORT.RATIONALE_REQUIRED']);
  });

  it('answers the row’s 409 when the workflow has ended with it', async () => {
    const error = await failure(
      updatesAnswering(notFound()).updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: false, status: 'closed' })),
    );
    expect([error.kind, error.code, error.message]).toEqual(['conflict', 'EXCHANGE.NOT_OPEN', 'the exchange is closed']);
    const completed = new Error('workflow execution already completed');
    const again = await failure(
      updatesAnswering(completed).updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: true, status: 'open' })),
    );
    expect(again.code).toBe('EXCHANGE.NOT_OPEN');
  });

  it('waits for the workflow of an open row to start, then runs the Update', async () => {
    jest.useFakeTimers();
    const { updates, calls } = updatesAnswering(notFound(), notFound(), 'done');
    const result = updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: true, status: 'scheduled' }));
    await jest.advanceTimersByTimeAsync(600);
    await expect(result).resolves.toBe('done');
    expect(calls.filter((c) => c[0] === 'poke')).toHaveLength(3);
  });

  it('answers 503 STARTING when the workflow of an open row has not started within the wait', async () => {
    jest.useFakeTimers();
    const { updates } = updatesAnswering(notFound());
    const result = failure(updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: true, status: 'scheduled' })));
    await jest.advanceTimersByTimeAsync(WORKFLOW_START_WAIT_MS + 1000);
    const error = await result;
    expect([error.kind, error.code, error.message]).toEqual([
      'unavailable',
      'EXCHANGE.STARTING',
      'the exchange is scheduled but its workflow has not started yet; try again',
    ]);
  });

  it('passes any other error on', async () => {
    const boom = new Error('connection refused');
    await expect(
      updatesAnswering(boom).updates.run<Table, 'poke'>(TARGET, 'poke', { n: 1 }, outcomes({ open: true, status: 'open' })),
    ).rejects.toBe(boom);
  });
});
