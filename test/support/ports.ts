import { createServer } from 'node:net';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';

/**
 * Servers in tests listen on port 0 and report the port the system gave them: never a port probed,
 * released and bound again later (another process may take it in between).
 */
export async function listenOnPortZero(server: Pick<Server, 'listen' | 'address' | 'once'>, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * An address nobody answers, held by this test while it runs: a server that takes each connection
 * and destroys it at once, so a client sees the connection fail (reset) and no other process can
 * take the port meanwhile. For a webhook that cannot be reached.
 */
export async function deadEndpoint(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  const port = await listenOnPortZero(server);
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The TCP ports this process listens on, read from /proc (Linux): for a server that binds port 0
 * inside native code and does not say which port it got (the Temporal SDK's metrics endpoint).
 */
export function listeningPortsOfThisProcess(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  return new Set(listeningSockets().flatMap(({ port, inode }) => (inodes.has(inode) ? [port] : [])));
}

/** The TCP sockets listening in this network namespace (/proc/net/tcp and tcp6): their port and inode. */
export function listeningSockets(): Array<{ port: number; inode: string }> {
  const LISTEN = '0A';
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    (existsSync(table) ? readFileSync(table, 'utf8').trim().split('\n').slice(1) : [])
      .map((row) => row.trim().split(/\s+/))
      .filter((cells) => cells[3] === LISTEN)
      .map((cells) => ({ port: parseInt(cells[1].split(':')[1], 16), inode: cells[9] })),
  );
}
