import { TestStack } from '../support/stack';

describe('health and docs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => stack.stop());

  it('is live and ready with Postgres, Redis and Temporal up', async () => {
    await stack.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await stack.http().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('serves the OpenAPI document and Swagger UI without a token', async () => {
    const doc = await stack.http().get('/docs/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    // A few routes with their methods (the document lists every route; this does not copy the whole API).
    const methods = (path: string) => Object.keys(doc.body.paths[path] ?? {}).sort();
    expect([methods('/v1/exchanges'), methods('/v1/exchanges/{id}/reminders'), methods('/v1/people')]).toEqual([
      ['get', 'post'],
      ['get'],
      ['get', 'post'],
    ]);
    const ui = await stack.http().get('/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/<title>Swagger UI<\/title>/);
  });

  it('exposes Prometheus metrics', async () => {
    const metrics = await stack.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^# TYPE liaison_http_request_duration_seconds histogram$/m);
  });
});
