import ipaddr from 'ipaddr.js';

/**
 * IP allowlist matching for IPv4 and IPv6 addresses and CIDR ranges, parsed by ipaddr.js (the
 * parser behind Express' `proxy-addr`). An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) counts as
 * the IPv4 address it carries, in entries and in clients alike: Node reports IPv4 clients of a
 * dual-stack socket in the mapped form.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

export interface Allowlist {
	ranges: Range[];
	/** Entries that are neither an IP nor a CIDR range, as the user typed them. */
	invalid: string[];
}

/**
 * Dotted-quad IPv4 only: ipaddr.js' `parse` also takes forms such as `1.2.3`, `0x7f.1` or a bare
 * number, which no one means in an allowlist.
 */
function parseAddress(text: string): Address | undefined {
	if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
	if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
	return undefined;
}

/** A mapped IPv6 range of at least /96 is the IPv4 range it covers. */
function unmapped([address, prefix]: Range): Range {
	if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
		return [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
	}
	return [address, prefix];
}

function parseEntry(entry: string): Range | undefined {
	const [addressText, prefixText, extra] = entry.split('/');
	if (addressText === undefined || extra !== undefined) return undefined;
	const address = parseAddress(addressText.trim());
	if (address === undefined) return undefined;
	const maxPrefix = address.kind() === 'ipv4' ? 32 : 128;
	if (prefixText === undefined) return unmapped([address, maxPrefix]);
	if (!/^\d{1,3}$/.test(prefixText.trim())) return undefined;
	const prefix = Number(prefixText.trim());
	return prefix > maxPrefix ? undefined : unmapped([address, prefix]);
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
	const parsed = parseAddress(clientIp.trim());
	if (parsed === undefined) return false;
	const [client] = unmapped([parsed, parsed.kind() === 'ipv4' ? 32 : 128]);
	return allowlist.ranges.some((range) => range[0].kind() === client.kind() && client.match(range));
}
