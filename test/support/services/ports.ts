/**
 * Ports for the harness's servers: free ones from the OS, and a clear failure when a port asked for
 * is taken.
 */
import { createServer, type Server } from 'node:net';

import { isRecord, LOOPBACK } from '../util';

/** Ports from the OS, held open together so that two calls in one batch never return the same port. */
export async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from({ length: count }, () => {
			return new Promise<Server>((done, fail) => {
				const server = createServer();
				server.once('error', fail);
				server.listen(0, LOOPBACK, () => done(server));
			});
		}),
	);
	const ports = servers.map((server) => {
		const address = server.address();
		if (!isRecord(address) || typeof address.port !== 'number')
			throw new Error('no port from listen(0)');
		return address.port;
	});
	await Promise.all(
		servers.map((server) => new Promise<void>((done) => server.close(() => done()))),
	);
	return ports;
}

export async function assertPortFree(port: number, what: string): Promise<void> {
	await new Promise<void>((done, fail) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => {
			fail(
				error.code === 'EADDRINUSE'
					? new Error(
							`${what} port ${port} on ${LOOPBACK} is already in use (another n8n running?). Stop it or choose another port.`,
						)
					: error,
			);
		});
		server.listen(port, LOOPBACK, () => server.close(() => done()));
	});
}
