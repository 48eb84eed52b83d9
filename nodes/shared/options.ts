import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CAPACITY, MAX_CAPACITY } from './dedupe/memory';

/** The options both triggers share (saved workflows depend on these names: docs/design.md, section 6). */
export interface TriggerOptions {
	deduplicate?: boolean;
	dedupeSize?: number;
	ipAllowlist?: string;
	outputRejected?: boolean;
	includeHeaders?: boolean;
}

/** `record` says what the sender delivers repeats of, in the vendor's words, for the hints. */
export function sharedOptions(record: string): INodeProperties[] {
	return [
		{
			displayName: 'Deduplicate',
			name: 'deduplicate',
			type: 'boolean',
			default: true,
			description: `Whether to drop a delivery that repeats the last accepted state of the same ${record}. It is answered "duplicate" and starts no execution. Never applied to test events.`,
		},
		{
			displayName: 'Include Headers',
			name: 'includeHeaders',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the request headers to each item under meta.headers. Authorization and Cookie are always redacted.',
		},
		{
			displayName: 'IP Allowlist',
			name: 'ipAllowlist',
			type: 'string',
			default: '',
			placeholder: 'e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32',
			description:
				'Comma-separated IP addresses and CIDR ranges (IPv4 or IPv6) allowed to call this webhook. Others get 403. Empty allows everyone. Behind a reverse proxy, set N8N_PROXY_HOPS so n8n sees the real client address.',
		},
		{
			displayName: 'Output Rejected Requests',
			name: 'outputRejected',
			type: 'boolean',
			default: false,
			description:
				'Whether to add a second output, Rejected, that receives every request answered 400 (a body that is not JSON or fails validation), with the reason, so that nothing is lost silently',
		},
		{
			displayName: 'Remember Last N Records',
			name: 'dedupeSize',
			type: 'number',
			default: DEFAULT_CAPACITY,
			typeOptions: { minValue: 1, maxValue: MAX_CAPACITY },
			description: `How many ${record}s Deduplicate remembers (1 to 100,000). When more are seen, the least recently seen is forgotten first.`,
		},
	];
}

/**
 * Where Deduplicate keeps its memory (docs/design.md, section 5.2). Top level, not under Options, so that choosing
 * Redis shows its credential right below.
 */
export const dedupeStoreProperty: INodeProperties = {
	displayName: 'Deduplication Store',
	name: 'dedupeStore',
	type: 'options',
	options: [
		{
			name: 'Workflow Static Data',
			value: 'staticData',
			description:
				'Nothing to set up. Exact on one n8n process; with several, a repeat reaching two of them within a second can start twice.',
		},
		{
			name: 'Redis (Shared by All Processes)',
			value: 'redis',
			description:
				'Exact across any number of n8n processes, even for repeats arriving at the same moment',
		},
	],
	default: 'staticData',
	hint: 'Choose Redis when n8n runs in queue mode or on several processes behind a load balancer',
};

/** Outputs of a trigger that may add the Rejected output, decided by its options. */
export const outputsExpression =
	'={{ $parameter.options?.outputRejected ? [{ type: "main", displayName: "Accepted" }, { type: "main", displayName: "Rejected" }] : [{ type: "main" }] }}';
