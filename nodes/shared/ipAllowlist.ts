import { isIP } from 'node:net';

/**
 * IP allowlist matching for IPv4 and IPv6 addresses and CIDR ranges. Addresses are compared as
 * 128-bit numbers (IPv4 mapped into `::ffff:0:0/96`), so `10.0.0.1` and `::ffff:10.0.0.1` match the
 * same entries: Node reports IPv4 clients of a dual-stack socket in the mapped form.
 */

interface Range {
	network: bigint;
	mask: bigint;
}

export interface Allowlist {
	ranges: Range[];
	/** Entries that are neither an IP nor a CIDR range, as the user typed them. */
	invalid: string[];
}

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;

function ipv4ToBigInt(address: string): bigint {
	return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
	let text = address.toLowerCase();
	const zoneIndex = text.indexOf('%');
	if (zoneIndex >= 0) text = text.slice(0, zoneIndex);
	// An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hextets.
	const lastColon = text.lastIndexOf(':');
	const tail = text.slice(lastColon + 1);
	if (tail.includes('.')) {
		const v4 = ipv4ToBigInt(tail);
		text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const [head, rest] = text.split('::') as [string, string | undefined];
	const headParts = head === '' ? [] : head.split(':');
	const restParts = rest === undefined || rest === '' ? [] : rest.split(':');
	const missing = 8 - headParts.length - restParts.length;
	const hextets = [...headParts, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...restParts];
	return hextets.reduce((value, hextet) => (value << 16n) | BigInt(parseInt(hextet, 16)), 0n);
}

/** The address as a 128-bit number, or undefined when it is not an IP address. */
export function ipToBigInt(address: string): bigint | undefined {
	const trimmed = address.trim();
	switch (isIP(trimmed.split('%')[0] ?? '')) {
		case 4:
			return IPV4_MAPPED_PREFIX | ipv4ToBigInt(trimmed);
		case 6:
			return ipv6ToBigInt(trimmed);
		default:
			return undefined;
	}
}

function parseEntry(entry: string): Range | undefined {
	const [address, prefixText, extra] = entry.split('/');
	if (address === undefined || extra !== undefined) return undefined;
	const value = ipToBigInt(address);
	if (value === undefined) return undefined;
	const isV4 = isIP(address.trim()) === 4;
	const maxPrefix = isV4 ? 32 : 128;
	let prefix = maxPrefix;
	if (prefixText !== undefined) {
		if (!/^\d{1,3}$/.test(prefixText.trim())) return undefined;
		prefix = Number(prefixText.trim());
		if (prefix > maxPrefix) return undefined;
	}
	const hostBits = BigInt(maxPrefix - prefix);
	const mask = (ALL_ONES >> hostBits) << hostBits;
	return { network: value & mask, mask };
}

/** Parses the comma-separated `IP Allowlist` option (spaces and new lines are allowed too). */
export function parseAllowlist(text: string): Allowlist {
	const allowlist: Allowlist = { ranges: [], invalid: [] };
	for (const entry of text.split(/[\s,]+/)) {
		if (entry === '') continue;
		const range = parseEntry(entry);
		if (range) allowlist.ranges.push(range);
		else allowlist.invalid.push(entry);
	}
	return allowlist;
}

export function isAllowed(allowlist: Allowlist, clientIp: string | undefined): boolean {
	if (clientIp === undefined) return false;
	const value = ipToBigInt(clientIp);
	if (value === undefined) return false;
	return allowlist.ranges.some((range) => (value & range.mask) === range.network);
}
