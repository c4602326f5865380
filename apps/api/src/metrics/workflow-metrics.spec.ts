import { Logger } from '@nestjs/common';
import type { WorkflowCount } from '@liaison/monitoring';
import { register } from 'prom-client';
import { watchWorkflowCounts } from './workflow-metrics';

/** The gauge's samples as `kind/status` → value, as a scrape would render them. */
async function scraped(): Promise<Record<string, number>> {
  const metric = await register.getSingleMetric('liaison_workflow_executions')!.get();
  return Object.fromEntries(metric.values.map((v) => [`${v.labels.kind}/${v.labels.status}`, v.value]));
}

const counts = (running: number): WorkflowCount[] => [
  { kind: 'exchange', status: 'running', count: running },
  { kind: 'exchange', status: 'completed', count: 2 },
];

describe('liaison_workflow_executions', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('reads the latest live source at most every 5 s, keeps its values when Temporal fails, and forgets a closed source', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const older = jest.fn(async () => counts(7));
    const stopOlder = watchWorkflowCounts(older);
    const latest = jest.fn(async () => counts(1));
    const stopLatest = watchWorkflowCounts(latest);

    expect(await scraped()).toEqual({ 'exchange/running': 1, 'exchange/completed': 2 });
    now += 4_999;
    await scraped();
    expect(latest).toHaveBeenCalledTimes(1);

    now += 1;
    latest.mockRejectedValueOnce(new Error('14 UNAVAILABLE: no connection'));
    expect(await scraped()).toEqual({ 'exchange/running': 1, 'exchange/completed': 2 });
    expect(latest).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith({ err: '14 UNAVAILABLE: no connection' }, 'workflow counts not read');

    stopLatest();
    expect(await scraped()).toEqual({ 'exchange/running': 7, 'exchange/completed': 2 });
    expect(older).toHaveBeenCalledTimes(1);
    stopOlder();
  });
});
