import { type IHookFunctions, NodeOperationError } from 'n8n-workflow';

// <redis-store>
import { REDIS_CREDENTIAL } from './dedupe';
// </redis-store>
import { parseAllowlist } from './ipAllowlist';
import type { TriggerOptions } from './options';

/**
 * Neither vendor has an API to register a webhook: the user gives the URL to Artemis or Artisio
 * by hand. Activation is still the moment to catch a mistyped setting, so `create` checks the
 * options and refuses to activate with a message that names the bad entry, rather than letting
 * the workflow go live and answer 403 to every callback.
 */
function assertValidOptions(context: IHookFunctions): void {
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const { invalid } = parseAllowlist(options.ipAllowlist ?? '');
	if (invalid.length > 0) {
		throw new NodeOperationError(
			context.getNode(),
			`IP Allowlist: ${invalid.map((entry) => `"${entry}"`).join(', ')} is not an IP address or CIDR range`,
			{
				description:
					'Use addresses like 203.0.113.10 or 2001:db8::1 and ranges like 198.51.100.0/24, separated by commas.',
			},
		);
	}
}

// <redis-store>
/**
 * The Redis store needs its credential. Without one every delivery would be accepted unchecked:
 * refuse to activate instead, and say what to do. Reaching Redis is not required here: a Redis
 * that is down when the workflow goes live costs no event (deliveries are accepted and flagged).
 */
async function assertRedisCredential(context: IHookFunctions): Promise<void> {
	if (context.getNodeParameter('dedupeStore', 'staticData') !== 'redis') return;
	try {
		await context.getCredentials(REDIS_CREDENTIAL);
	} catch {
		throw new NodeOperationError(
			context.getNode(),
			'Deduplication Store is Redis, but no "Redis (Deduplication)" credential is selected',
			{
				description:
					'Open the trigger and select or create one under "Credential for Redis (Deduplication)" (shown at the top of its parameters once Redis is chosen), or set Deduplication Store to "Workflow Static Data".',
			},
		);
	}
}
// </redis-store>

export const checkOptionsOnActivation = {
	default: {
		// Always "not registered yet", so that n8n calls `create` on every activation.
		checkExists(this: IHookFunctions): Promise<boolean> {
			return Promise.resolve(false);
		},
		async create(this: IHookFunctions): Promise<boolean> {
			assertValidOptions(this);
			// <redis-store>
			await assertRedisCredential(this);
			// </redis-store>
			return true;
		},
		delete(this: IHookFunctions): Promise<boolean> {
			return Promise.resolve(true);
		},
	},
};
