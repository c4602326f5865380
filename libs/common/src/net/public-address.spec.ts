import { AddressRefusedError, isPublicAddress, PublicAddressGuard } from './public-address';
import { WebhookUrlPolicy } from './webhook-url-policy';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '255.255.255.255',
    '224.0.0.1',
    '240.0.0.1',
    '192.0.2.1',
    '198.18.0.1',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    'ff02::1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001::1',
    '2001:db8::1',
    '100::1',
    'not an address',
    'localhost',
    '',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '::ffff:93.184.215.14', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])(
    'accepts %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('PublicAddressGuard', () => {
  it('vets every address of a name: one private answer among public ones refuses it', async () => {
    const guard = new PublicAddressGuard(async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]);
    await expect(guard.resolve('mixed.example')).rejects.toMatchObject({ reason: 'not_public' });
  });

  it('judges an IP literal by itself, brackets and all, without resolving it', async () => {
    const guard = new PublicAddressGuard(() => Promise.reject(new Error('must not be called')));
    await expect(guard.resolve('[::1]')).rejects.toMatchObject({ reason: 'not_public' });
    await expect(guard.resolve('[2606:4700:4700::1111]')).resolves.toEqual([{ address: '2606:4700:4700::1111', family: 6 }]);
  });

  it('refuses a name that does not resolve, or not in time', async () => {
    const failing = new PublicAddressGuard(() => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })));
    await expect(failing.resolve('nowhere.invalid')).rejects.toMatchObject({ reason: 'unresolved' });
    const hanging = new PublicAddressGuard(() => new Promise(() => undefined), 50);
    await expect(hanging.resolve('slow.example')).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(new PublicAddressGuard(async () => []).resolve('empty.example')).rejects.toMatchObject({ reason: 'unresolved' });
  });

  it('hands a socket the addresses it vetted, in both callback forms', async () => {
    const guard = new PublicAddressGuard(async () => [{ address: '93.184.215.14', family: 4 }]);
    const one = await new Promise((resolve) =>
      guard.lookup('public.example', {}, (error, address, family) => resolve({ error, address, family })),
    );
    expect(one).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    const all = await new Promise((resolve) =>
      guard.lookup('public.example', { all: true }, (error, addresses) => resolve({ error, addresses })),
    );
    expect(all).toEqual({ error: null, addresses: [{ address: '93.184.215.14', family: 4 }] });
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      new PublicAddressGuard(async () => [{ address: '127.0.0.1', family: 4 }]).lookup('rebound.example', {}, (error) => resolve(error)),
    );
    expect(refused).toBeInstanceOf(AddressRefusedError);
  });
});

describe('WebhookUrlPolicy', () => {
  const resolveTo = (address: string) => async () => [{ address, family: address.includes(':') ? 6 : 4 }];
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: { code?: string; details?: Array<{ field: string }> }) => `${error.code} ${error.details?.[0]?.field}`,
    );

  it('wants https, no credentials, a public address; http only when allowed', async () => {
    const strict = new WebhookUrlPolicy({ allowPrivateNetworks: false, allowHttp: false }, resolveTo('93.184.215.14'));
    expect(await codeOf(strict.vet('https://hooks.example.org/x', 'url'))).toBe('accepted');
    expect(await codeOf(strict.vet('http://hooks.example.org/x', 'url'))).toBe('WEBHOOK.URL_NOT_ALLOWED url');
    expect(await codeOf(strict.vet('https://u:p@hooks.example.org/x', 'url'))).toBe('WEBHOOK.URL_NOT_ALLOWED url');
    expect(await codeOf(strict.vet('ftp://x', 'url'))).toBe('WEBHOOK.URL_NOT_ALLOWED url');
    expect(await codeOf(strict.vet('/relative', 'url'))).toBe('WEBHOOK.URL_NOT_ALLOWED url');
    expect(await codeOf(strict.vet('https://127.0.0.1/', 'url'))).toBe('WEBHOOK.ADDRESS_NOT_PUBLIC url');
    expect(await codeOf(strict.vet('https://[::ffff:7f00:1]/', 'url'))).toBe('WEBHOOK.ADDRESS_NOT_PUBLIC url');

    const http = new WebhookUrlPolicy({ allowPrivateNetworks: false, allowHttp: true }, resolveTo('10.1.2.3'));
    expect(await codeOf(http.vet('http://internal.example/x', 'channels.webhookUrl'))).toBe(
      'WEBHOOK.ADDRESS_NOT_PUBLIC channels.webhookUrl',
    );
  });

  it('with private networks allowed, takes any address (and http) and resolves nothing', async () => {
    const open = new WebhookUrlPolicy({ allowPrivateNetworks: true, allowHttp: true }, () => Promise.reject(new Error('must not resolve')));
    expect(await codeOf(open.vet('http://127.0.0.1:5432/', 'url'))).toBe('accepted');
    expect(await open.target('http://127.0.0.1:5432/')).toEqual({ url: new URL('http://127.0.0.1:5432/') });
  });

  it('refuses a private IP literal at send time, and gives a name a vetting lookup', async () => {
    const strict = new WebhookUrlPolicy({ allowPrivateNetworks: false, allowHttp: true }, resolveTo('93.184.215.14'));
    await expect(strict.target('http://169.254.169.254/latest/meta-data')).rejects.toBeInstanceOf(AddressRefusedError);
    const target = await strict.target('https://hooks.example.org/x');
    expect(target.lookup).toEqual(expect.any(Function));
  });
});
