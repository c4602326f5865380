import { Logger } from '@nestjs/common';
import type { WorkflowCount } from '@liaison/monitoring';
import { Registry } from 'prom-client';
import { registerWorkflowCounts } from './workflow-metrics';

/** The gauge's samples as `kind/status` → value, as a scrape of `registry` would render them. */
async function scraped(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('liaison_workflow_executions')!.get();
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

  it("reads its app's source at most every 5 s, keeps its values when Temporal fails, and another app answers from its own", async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const olderApp = new Registry();
    const older = jest.fn(async () => counts(7));
    registerWorkflowCounts(olderApp, older);
    const latestApp = new Registry();
    const latest = jest.fn(async () => counts(1));
    registerWorkflowCounts(latestApp, latest);

    expect(await scraped(latestApp)).toEqual({ 'exchange/running': 1, 'exchange/completed': 2 });
    now += 4_999;
    await scraped(latestApp);
    expect(latest).toHaveBeenCalledTimes(1);

    now += 1;
    latest.mockRejectedValueOnce(new Error('14 UNAVAILABLE: no connection'));
    expect(await scraped(latestApp)).toEqual({ 'exchange/running': 1, 'exchange/completed': 2 });
    expect(latest).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith({ err: '14 UNAVAILABLE: no connection' }, 'workflow counts not read');

    expect(await scraped(olderApp)).toEqual({ 'exchange/running': 7, 'exchange/completed': 2 });
    expect(older).toHaveBeenCalledTimes(1);
  });
});
