import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Redis that the triggers' Redis deduplication store uses: the same fields as n8n's own Redis
 * credential, so the Redis that queue mode already runs on can be entered as it is. Tested by the
 * nodes (`testedBy: 'dedupeRedisConnectionTest'`): Redis speaks no HTTP, so a declarative test cannot reach it.
 */
export class DedupeRedisApi implements ICredentialType {
	name = 'dedupeRedisApi';

	displayName = 'Redis (Deduplication)';

	icon = 'file:redis.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-artemis-artisio#deduplication-store';

	properties: INodeProperties[] = [
		{
			displayName:
				'The triggers keep their deduplication memory here, shared by every n8n process. Use the Redis n8n runs queue mode on, or any other. Nothing secret is stored: only digests of records and states.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 6379,
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Leave empty for password-only authentication (or none)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Leave empty when Redis asks for none',
		},
		{
			displayName: 'Database Number',
			name: 'database',
			type: 'number',
			default: 0,
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'boolean',
			default: false,
		},
		{
			displayName: 'Disable TLS Verification (Insecure)',
			name: 'disableTlsVerification',
			type: 'boolean',
			displayOptions: { show: { ssl: [true] } },
			default: false,
		},
	];
}
