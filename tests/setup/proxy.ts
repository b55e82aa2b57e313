// A TCP proxy in front of a PostgreSQL database that a test can cut: the server the app reached goes away
// (every connection reset, nothing listening), while the shared PostgreSQL server itself is never touched.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface CuttableProxy {
	/** The database's URL, through the proxy. */
	url: string;
	/** Stops listening and resets every connection. */
	cut(): Promise<void>;
}

export async function cuttableProxy(databaseUrl: string): Promise<CuttableProxy> {
	const target = new URL(databaseUrl);
	const sockets = new Set<Socket>();
	const proxy = createServer((client) => {
		const upstream = connect(Number(target.port || 5432), target.hostname);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('error', () => {});
			socket.on('close', () => sockets.delete(socket));
		}
		client.pipe(upstream).pipe(client);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const through = new URL(databaseUrl);
	through.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	return {
		url: through.toString(),
		cut: () =>
			new Promise<void>((resolve) => {
				proxy.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			})
	};
}
