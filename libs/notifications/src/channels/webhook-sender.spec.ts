import { PublicAddressGuard, WebhookUrlPolicy } from '@liaison/common';
import type { LookupAddress } from 'node:dns';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { verifyWebhook } from './webhook-signature';
import { WebhookSender } from './webhook-sender';

/** The sender against a real HTTP server on 127.0.0.1, with resolvers the tests give (no DNS). */
describe('WebhookSender', () => {
  let server: Server;
  let port = 0;
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (received.length = 0));

  const event = { type: 'webhook.test', data: { message: 'hello' } };

  it('reaches the receiver when private networks are allowed, signed once per secret', async () => {
    const sender = new WebhookSender(new WebhookUrlPolicy({ allowPrivateNetworks: true, allowHttp: true }));
    const result = await sender.send(`http://127.0.0.1:${port}/hook`, 'msg_1', event, ['new-secret-0123456789', 'old-secret-0123456789']);
    expect(result).toEqual({ delivered: true, status: 204, webhookId: 'msg_1' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect((request.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifyWebhook('new-secret-0123456789', request.headers, request.body)).toBe(true);
    expect(verifyWebhook('old-secret-0123456789', request.headers, request.body)).toBe(true);
  });

  it('refuses a name that resolved to a public address when it was set and to 127.0.0.1 when it is sent (DNS rebinding)', async () => {
    const answers: LookupAddress[][] = [[{ address: '93.184.215.14', family: 4 }]];
    const resolver = async () => answers.shift() ?? [{ address: '127.0.0.1', family: 4 }];
    const policy = new WebhookUrlPolicy({ allowPrivateNetworks: false, allowHttp: true }, resolver);
    // `localhost`: the system resolves it to 127.0.0.1, so a sender that vetted one answer and connected
    // through another resolution would reach the receiver.
    const url = `http://localhost:${port}/hook`;

    await expect(policy.vet(url, 'channels.webhookUrl')).resolves.toBeUndefined();
    const result = await new WebhookSender(policy).send(url, 'msg_2', event, ['a-secret-0123456789']);

    expect(result).toEqual({ delivered: false, status: null, error: 'address not allowed', webhookId: 'msg_2' });
    expect(received).toHaveLength(0);
  });

  it('refuses a name with one private address among public ones, and a private IP literal, without connecting', async () => {
    const mixed = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const sender = new WebhookSender(new WebhookUrlPolicy({ allowPrivateNetworks: false, allowHttp: true }, mixed));
    expect(await sender.send(`http://mixed.example:${port}/hook`, 'msg_3', event, ['s-0123456789abcdef'])).toMatchObject({
      delivered: false,
      error: 'address not allowed',
    });
    expect(await sender.send(`http://127.0.0.1:${port}/hook`, 'msg_4', event, ['s-0123456789abcdef'])).toMatchObject({
      delivered: false,
      error: 'address not allowed',
    });
    expect(await sender.send(`http://[::ffff:127.0.0.1]:${port}/hook`, 'msg_5', event, ['s-0123456789abcdef'])).toMatchObject({
      delivered: false,
      error: 'address not allowed',
    });
    expect(received).toHaveLength(0);
  });

  it('connects the socket to the very address the guard vetted, not to one resolved again', async () => {
    const guard = new PublicAddressGuard(async () => [{ address: '93.184.215.14', family: 4 }]);
    const connectedTo = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: 'only-the-guard-knows.example', port: 9, lookup: guard.lookup });
      socket.once('lookup', (error: Error | null, address: string) => {
        socket.destroy();
        if (error) reject(error);
        else resolve(address);
      });
    });
    expect(connectedTo).toBe('93.184.215.14');
  });
});
