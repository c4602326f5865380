import { countQuery, executionStatusFromName, visibilityQuery } from './visibility-query';

describe('visibilityQuery', () => {
  const at = new Date('2026-05-04T09:00:00.000Z');

  it('scopes every query to the task queue and to Liaison kinds', () => {
    expect(visibilityQuery('liaison', {}, at)).toBe(`TaskQueue = 'liaison' AND LiaisonKind IN ('exchange', 'series', 'support-request')`);
  });

  it('turns each filter into one clause, in Temporal’s spelling of statuses', () => {
    expect(
      visibilityQuery(
        'liaison',
        { kind: 'support-request', executionStatus: 'timed-out', status: 'submitted', organization: 'UN-DPPA' },
        at,
      ),
    ).toBe(
      `TaskQueue = 'liaison' AND LiaisonKind = 'support-request' AND ExecutionStatus = 'TimedOut' AND LiaisonStatus = 'submitted' AND LiaisonOrganizations = 'UN-DPPA'`,
    );
    expect(visibilityQuery('liaison', { executionStatus: 'cancelled' }, at)).toContain(`ExecutionStatus = 'Canceled'`);
    expect(visibilityQuery('liaison', { executionStatus: 'continued-as-new' }, at)).toContain(`ExecutionStatus = 'ContinuedAsNew'`);
  });

  it('asks for running workflows past their deadline when late, and for running ones when stuck', () => {
    expect(visibilityQuery('liaison', { late: true }, at)).toBe(
      `TaskQueue = 'liaison' AND LiaisonKind IN ('exchange', 'series', 'support-request') AND ExecutionStatus = 'Running' AND LiaisonNextDeadline < '2026-05-04T09:00:00.000Z'`,
    );
    expect(visibilityQuery('liaison', { stuck: true }, at)).toContain(`ExecutionStatus = 'Running'`);
  });

  it('answers null when late or stuck is combined with a closed status: nothing can match', () => {
    expect(visibilityQuery('liaison', { late: true, executionStatus: 'completed' }, at)).toBeNull();
    expect(visibilityQuery('liaison', { stuck: true, executionStatus: 'failed' }, at)).toBeNull();
    expect(visibilityQuery('liaison', { stuck: true, executionStatus: 'running' }, at)).not.toBeNull();
  });

  it('quotes a task queue name so that it cannot end the literal', () => {
    expect(visibilityQuery(`it's\\odd`, {}, at)).toContain(`TaskQueue = 'it\\'s\\\\odd'`);
  });
});

describe('countQuery and status names', () => {
  it('groups one kind by execution status', () => {
    expect(countQuery('liaison', 'series')).toBe(`TaskQueue = 'liaison' AND LiaisonKind = 'series' GROUP BY ExecutionStatus`);
  });

  it('reads the group names Temporal answers back', () => {
    expect(executionStatusFromName('Running')).toBe('running');
    expect(executionStatusFromName('TimedOut')).toBe('timed-out');
    expect(executionStatusFromName('Canceled')).toBe('cancelled');
    expect(executionStatusFromName('Paused')).toBeUndefined();
  });
});
