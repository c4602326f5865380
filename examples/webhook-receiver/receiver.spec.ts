import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Envelope, type Receiver } from './receiver';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const otherSecret = `whsec_${randomBytes(24).toString('base64')}`;

function envelope(type = 'exchange.created'): Envelope {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), organization: 'ACME', data: { id: randomUUID() } };
}

async function send(receiver: Receiver, body: Envelope, options: { id?: string; secrets?: string[]; raw?: string } = {}) {
  const payload = options.raw ?? JSON.stringify(body);
  const id = options.id ?? body.id;
  const now = new Date();
  const signature = (options.secrets ?? [secret]).map((s) => new Webhook(s).sign(id, now, payload)).join(' ');
  const response = await fetch(receiver.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body: payload,
  });
  return response.status;
}

describe('the example webhook receiver', () => {
  let receiver: Receiver;
  afterEach(() => receiver.close());

  it('takes a signed event once, answers its duplicates with 200, and keeps arrival order', async () => {
    receiver = await startReceiver({ secret });
    const [first, second] = [envelope(), envelope('exchange.confirmed')];
    expect(await send(receiver, first)).toBe(204);
    expect(await send(receiver, second)).toBe(204);
    expect(await send(receiver, first)).toBe(200);
    expect(receiver.accepted.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(receiver.receipts.map((r) => [r.webhookId, r.duplicate])).toEqual([
      [first.id, false],
      [second.id, false],
      [first.id, true],
    ]);
    expect(receiver.duplicates).toBe(1);
  });

  it('refuses a request signed with another secret, a changed body, or no signature', async () => {
    receiver = await startReceiver({ secret });
    const event = envelope();
    expect(await send(receiver, event, { secrets: [otherSecret] })).toBe(401);
    const tampered = new Webhook(secret).sign(event.id, new Date(), JSON.stringify(event));
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': tampered,
      },
      body: JSON.stringify({ ...event, organization: 'OTHER' }),
    });
    expect(response.status).toBe(401);
    expect((await fetch(receiver.url, { method: 'POST', body: JSON.stringify(event) })).status).toBe(401);
    expect(receiver.rejected).toBe(3);
    expect(receiver.accepted).toEqual([]);
  });

  it('accepts any one of several signatures, and any one of its own secrets, as during a rotation', async () => {
    receiver = await startReceiver({ secrets: [otherSecret, secret] });
    expect(await send(receiver, envelope(), { secrets: [secret] })).toBe(204);
    receiver.secrets = [otherSecret];
    expect(await send(receiver, envelope(), { secrets: [secret, otherSecret] })).toBe(204);
    expect(await send(receiver, envelope(), { secrets: [secret] })).toBe(401);
    expect(receiver.accepted).toHaveLength(2);
  });

  it('refuses a body that is not an event envelope', async () => {
    receiver = await startReceiver({ secret });
    const notAnEnvelope = JSON.stringify({ hello: 'world' });
    expect(await send(receiver, envelope(), { raw: notAnEnvelope })).toBe(400);
    expect(receiver.rejected).toBe(1);
  });

  it('fails on purpose as told, without taking the refused event, and takes it when sent again', async () => {
    receiver = await startReceiver({ secret, respond: (n) => (n <= 2 ? 503 : 204) });
    const event = envelope();
    expect(await send(receiver, event)).toBe(503);
    expect(await send(receiver, event)).toBe(503);
    expect(receiver.accepted).toEqual([]);
    expect(await send(receiver, event)).toBe(204);
    expect(receiver.accepted.map((e) => e.id)).toEqual([event.id]);
    expect(receiver.refused).toBe(2);
    expect(receiver.duplicates).toBe(0);
  });

  it('answers when a promised answer settles (a slow receiver)', async () => {
    let answer!: (status: number) => void;
    receiver = await startReceiver({ secret, respond: () => new Promise<number>((resolve) => (answer = resolve)) });
    const event = envelope();
    const sent = send(receiver, event);
    await receiver.until(() => answer !== undefined, 5_000, 'the request to be asked about');
    expect(receiver.accepted).toEqual([]);
    answer(202);
    expect(await sent).toBe(202);
    expect(receiver.accepted.map((e) => e.id)).toEqual([event.id]);
  });

  it('leaves a request hanging when told to, and until() waits for a condition', async () => {
    receiver = await startReceiver({ secret, respond: () => 'hang' });
    const hung = send(receiver, envelope()).catch(() => 'dropped');
    await receiver.until(() => receiver.refused === 1, 5_000, 'the hanging request');
    receiver.respond = undefined;
    const event = envelope();
    const sent = send(receiver, event);
    await receiver.until(() => receiver.accepted.length === 1, 5_000);
    expect(await sent).toBe(204);
    await receiver.close();
    expect(await hung).toBe('dropped');
    receiver = await startReceiver({ secret });
    await expect(receiver.until(() => false, 50, 'nothing')).rejects.toThrow('timed out after 50 ms waiting for nothing');
  });
});
