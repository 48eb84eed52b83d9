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
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
	const match = IPV4.exec(text);
	if (!match) return undefined;
	let value = 0n;
	for (const octet of match.slice(1).map(Number)) {
		if (octet > 255) return undefined;
		value = (value << 8n) | BigInt(octet);
	}
	return value;
}

function parseHextets(text: string): bigint[] | undefined {
	if (text === '') return [];
	const hextets: bigint[] = [];
	for (const part of text.split(':')) {
		if (!HEXTET.test(part)) return undefined;
		hextets.push(BigInt(parseInt(part, 16)));
	}
	return hextets;
}

function parseIpv6(address: string): bigint | undefined {
	let text = address.toLowerCase().split('%')[0] ?? '';
	// An embedded IPv4 tail (`::ffff:1.2.3.4`) stands for the last two hextets.
	let tail: bigint[] = [];
	const lastColon = text.lastIndexOf(':');
	if (text.slice(lastColon + 1).includes('.')) {
		const v4 = parseIpv4(text.slice(lastColon + 1));
		if (v4 === undefined) return undefined;
		tail = [v4 >> 16n, v4 & 0xffffn];
		text = text.slice(0, lastColon + 1);
		if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const head = parseHextets(halves[0] ?? '');
	const rest = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
	if (!head || !rest) return undefined;
	const given = head.length + rest.length + tail.length;
	if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
	const zeros = Array<bigint>(8 - given).fill(0n);
	return [...head, ...zeros, ...rest, ...tail].reduce((value, hextet) => (value << 16n) | hextet, 0n);
}

/** The address as a 128-bit number and its family, or undefined when it is not an IP address. */
function parseIp(address: string): { value: bigint; family: 4 | 6 } | undefined {
	const text = address.trim();
	const v4 = parseIpv4(text);
	if (v4 !== undefined) return { value: IPV4_MAPPED_PREFIX | v4, family: 4 };
	if (!text.includes(':')) return undefined;
	const v6 = parseIpv6(text);
	return v6 === undefined ? undefined : { value: v6, family: 6 };
}

function parseEntry(entry: string): Range | undefined {
	const [address, prefixText, extra] = entry.split('/');
	if (address === undefined || extra !== undefined) return undefined;
	const ip = parseIp(address);
	if (ip === undefined) return undefined;
	const maxPrefix = ip.family === 4 ? 32 : 128;
	let prefix = maxPrefix;
	if (prefixText !== undefined) {
		if (!/^\d{1,3}$/.test(prefixText.trim())) return undefined;
		prefix = Number(prefixText.trim());
		if (prefix > maxPrefix) return undefined;
	}
	const hostBits = BigInt(maxPrefix - prefix);
	const mask = (ALL_ONES >> hostBits) << hostBits;
	return { network: ip.value & mask, mask };
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
	const ip = parseIp(clientIp);
	if (ip === undefined) return false;
	return allowlist.ranges.some((range) => (ip.value & range.mask) === range.network);
}
