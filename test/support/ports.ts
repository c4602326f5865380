import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Distinct local ports nothing listens on a moment ago: bound together to learn them, then released.
 * For a webhook nobody answers yet, or a server a test starts later.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}
