import { type IHookFunctions, NodeOperationError } from 'n8n-workflow';

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
			{ description: 'Use addresses like 203.0.113.10 or 2001:db8::1 and ranges like 198.51.100.0/24, separated by commas.' },
		);
	}
}

export const checkOptionsOnActivation = {
	default: {
		// Always "not registered yet", so that n8n calls `create` on every activation.
		checkExists(this: IHookFunctions): Promise<boolean> {
			return Promise.resolve(false);
		},
		create(this: IHookFunctions): Promise<boolean> {
			assertValidOptions(this);
			return Promise.resolve(true);
		},
		delete(this: IHookFunctions): Promise<boolean> {
			return Promise.resolve(true);
		},
	},
};
