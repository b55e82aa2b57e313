// Every HTTP request keeprate sends to an address a user chose (the digest webhook) goes through here,
// per OWASP's SSRF prevention: http(s) only; public addresses only unless the operator allows the host
// (KEEPRATE_OUTBOUND_ALLOW_HOSTS), checked after name resolution on the very addresses the socket then
// connects to, so a name that changes its answer between check and connect cannot slip through.
// Redirects are never followed: each hop would need the same checks, and a webhook has no reason to
// redirect; a redirect is an answer like any other, for the caller to report. The model tagger's
// OPENAI_BASE_URL is set by the operator, not a user, and its SDK reaches it directly.
import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { readConfig } from '../config';
import { addressKind, describeKind } from './addresses';

export interface OutboundOptions {
	/** Hosts reached even at a non-public address; default: KEEPRATE_OUTBOUND_ALLOW_HOSTS. */
	allowHosts?: string[];
	/** Name resolution; default: the system's (hosts file and DNS, as the rest of Node.js). */
	resolve?: (hostname: string) => Promise<LookupAddress[]>;
	/** The whole exchange, from name resolution to the last byte read. */
	timeoutMs?: number;
	/** More of the answer than this is not read. */
	maxBytes?: number;
	signal?: AbortSignal;
}

export interface OutboundRequest {
	method?: 'GET' | 'POST' | 'PUT';
	headers?: Record<string, string>;
	body?: string;
}

export interface OutboundResponse {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** The answer was longer than maxBytes; body holds its start. */
	truncated: boolean;
}

/** The target breaks a rule; the message names the rule and is meant for the person who set it. */
export class OutboundRefused extends Error {
	name = 'OutboundRefused';
}

/** No answer (connection, name resolution, timeout); the message is for the server log only. */
export class OutboundFailed extends Error {
	name = 'OutboundFailed';
}

const ALLOW_VARIABLE = 'KEEPRATE_OUTBOUND_ALLOW_HOSTS';

export const normalizeHost = (host: string) =>
	host
		.trim()
		.toLowerCase()
		.replace(/^\[(.*)\]$/, '$1')
		.replace(/\.$/, '');

const systemResolve = (hostname: string) =>
	new Promise<LookupAddress[]>((resolve, reject) =>
		systemLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)))
	);

/**
 * The refusal that needs no name resolution: scheme, shape, an IP address written in the URL.
 * Also used when a URL is saved, for feedback before the first send.
 */
export function refusalOf(target: string, options: Pick<OutboundOptions, 'allowHosts'> = {}) {
	let url: URL;
	try {
		url = new URL(target);
	} catch {
		return new OutboundRefused('this is not a URL');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return new OutboundRefused(`only http and https URLs are allowed, not ${url.protocol.slice(0, -1)}`);
	const host = normalizeHost(url.hostname);
	if (allowed(host, options)) return null;
	const kind = isIP(host) ? addressKind(host) : null;
	return kind ? refused(`${host} is ${describeKind(kind)}`) : null;
}

const allowed = (host: string, options: Pick<OutboundOptions, 'allowHosts'>) =>
	(options.allowHosts ?? readConfig().outboundAllowHosts).map(normalizeHost).includes(host);

const refused = (rule: string) =>
	new OutboundRefused(`${rule}; ask the operator to allow it with ${ALLOW_VARIABLE}`);

/** Resolve a name for the socket, refusing it when any of its addresses is not public. */
function checkedLookup(
	resolve: (hostname: string) => Promise<LookupAddress[]>,
	check: boolean
): LookupFunction {
	return (hostname, options, callback) => {
		resolve(hostname)
			.then((found) => {
				// The address is not named: it would tell a user what an internal name resolves to.
				const kind = check ? found.map((a) => addressKind(a.address)).find(Boolean) : null;
				if (kind) throw refused(`${normalizeHost(hostname)} resolves to ${describeKind(kind)}`);
				const family = options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : options.family;
				const addresses = family ? found.filter((a) => a.family === family) : found;
				if (addresses.length === 0) throw new OutboundFailed(`${hostname} has no address`);
				return addresses;
			})
			.then(
				(addresses) =>
					options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family),
				(error: Error) => callback(error, '', 0)
			);
	};
}

/** Send one request and read at most maxBytes of the answer; throws OutboundRefused or OutboundFailed. */
export async function outboundRequest(
	target: string,
	request: OutboundRequest = {},
	options: OutboundOptions = {}
): Promise<OutboundResponse> {
	const refusal = refusalOf(target, options);
	if (refusal) throw refusal;
	const url = new URL(target);
	const check = !allowed(normalizeHost(url.hostname), options);
	const maxBytes = options.maxBytes ?? 64 * 1024;
	const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
	const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const fail = (error: Error) =>
			reject(
				error instanceof OutboundRefused
					? error
					: new OutboundFailed(signal.aborted ? 'no answer in time' : error.message, { cause: error })
			);
		const req = client.request(url, {
			method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
			headers: {
				...request.headers,
				...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) })
			},
			lookup: checkedLookup(options.resolve ?? systemResolve, check),
			// A socket of its own: a kept-alive one could have been connected for another request.
			agent: false,
			signal
		});
		req.on('error', fail);
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			let size = 0;
			let truncated = false;
			const done = () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: Buffer.concat(chunks),
					truncated
				});
			res.on('data', (chunk: Buffer) => {
				if (truncated) return;
				if (size + chunk.length > maxBytes) {
					truncated = true;
					chunks.push(chunk.subarray(0, maxBytes - size));
					done();
					req.destroy();
					return;
				}
				chunks.push(chunk);
				size += chunk.length;
			});
			res.on('end', done);
			res.on('error', fail);
		});
		req.end(request.body);
	});
}
