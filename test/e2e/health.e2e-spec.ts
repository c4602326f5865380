import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('serves the document committed as docs/openapi.json, the one CI regenerates', async () => {
    const served = await stack.http().get('/docs/openapi.json').expect(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8')));
  });

  it('answers a documented path asked with a method it does not have 405, with Allow', async () => {
    const exchange = '0b6b3f8e-1d2c-4f5a-9a7b-2c3d4e5f6a7b';
    const asked = [
      await stack.http().trace('/health/ready'),
      await stack.http().delete('/v1/exchanges'),
      await stack.http().put(`/v1/exchanges/${exchange}/confirm`),
    ];
    expect(asked.map((res) => [res.status, res.headers.allow, res.body.error, res.body.message])).toEqual([
      [405, 'GET, HEAD', 'Method Not Allowed', 'TRACE is not a method of /health/ready; it allows GET, HEAD'],
      [405, 'GET, HEAD, POST', 'Method Not Allowed', 'DELETE is not a method of /v1/exchanges; it allows GET, HEAD, POST'],
      [405, 'POST', 'Method Not Allowed', `PUT is not a method of /v1/exchanges/${exchange}/confirm; it allows POST`],
    ]);
    // A path the document does not have is still a 404, and a documented method still reaches its route (here: its auth).
    const unknown = await stack.http().delete('/v1/nothing-here');
    const routed = await stack.http().post(`/v1/exchanges/${exchange}/confirm`).send({});
    expect([unknown.status, routed.status]).toEqual([404, 401]);
  });

  it('exposes Prometheus metrics', async () => {
    const metrics = await stack.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^# TYPE liaison_http_request_duration_seconds histogram$/m);
  });
});
