import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { filterHint } from '../shared/description';
import { dedupeStoreProperty, sharedOptions } from '../shared/options';
import { ARTEMIS_CUSTOMER_TYPES, ARTEMIS_RISK_RATINGS, ARTEMIS_STATUSES } from './schema';

/** "REQUIRE_UPDATE" → "Require Update" for the editor; the value stays the vendor's. */
function optionsOf(values: readonly string[]): Array<{ name: string; value: string }> {
	return values.map((value) => ({
		name: value
			.split('_')
			.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
			.join(' '),
		value,
	}));
}

/** The value of the Risk Ratings filter that selects callbacks with no rating (null). */
export const NO_RATING = 'NONE';

export const artemisProperties: INodeProperties[] = [
	{
		// n8n renders notices with links and lists only (N8nNotice): plain words, no bold.
		displayName:
			'Where to register this node in Artemis: open "Webhook URLs" at the top of this panel, choose "Production URL" and click the URL to copy it. Give that URL to Artemis as the target URL of customer callbacks for your domain (your Artemis account), then publish this workflow. POST, PUT and PATCH all reach this node. Artemis sends no token or password: keep the URL private, and to accept calls from Artemis only, add its IP addresses under Options, IP Allowlist.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Actions',
		name: 'actions',
		type: 'multiOptions',
		options: [
			{ name: 'Insert (Customer Onboarded)', value: 'INSERT' },
			{ name: 'Update (Status Changed)', value: 'UPDATE' },
		],
		default: [],
		description:
			'Which callbacks start the workflow. Empty means all, including actions Artemis may add later.',
		hint: filterHint('Insert is "INSERT"'),
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: optionsOf(ARTEMIS_STATUSES),
		default: [],
		description:
			'Only start the workflow for customers now in one of these statuses. Empty means all, including statuses Artemis may add later.',
		hint: filterHint('Require Update is "REQUIRE_UPDATE"'),
	},
	// <redis-store>
	dedupeStoreProperty,
	// </redis-store>
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Customer Types',
				name: 'customerTypes',
				type: 'multiOptions',
				options: optionsOf(ARTEMIS_CUSTOMER_TYPES),
				default: [],
				description: 'Only start the workflow for these customer types. Empty means all.',
				hint: filterHint('Corporate is "CORPORATE"'),
			},
			{
				displayName: 'Risk Ratings',
				name: 'riskRatings',
				type: 'multiOptions',
				options: [...optionsOf(ARTEMIS_RISK_RATINGS), { name: 'No Rating', value: NO_RATING }],
				default: [],
				description:
					'Only start the workflow for customers with one of these risk ratings. Empty means all.',
				hint: filterHint('Medium High is "MEDIUM_HIGH", and No Rating is null'),
			},
			...sharedOptions('customer'),
		],
	},
];

/**
 * The left pane of the node (TriggerPanel.vue) before the user listens: n8n shows `header`, the
 * "Execute step" button, `activationHint` (HTML) and `executionsHelp`. While listening it shows only
 * its own "Go to Artemis Callback and create an event" and locks the parameters, and Artemis has no
 * "send a test" button: so these texts say what to copy before clicking.
 */
export const artemisTriggerPanel: TriggerPanelDefinition = {
	header: 'Artemis calls this node when a customer is onboarded or changes status',
	activationHint:
		'Artemis cannot send a test callback on demand. To see a sample item: copy the <b>Test URL</b> first (Webhook URLs, at the top of the Parameters pane, "Test URL", click the URL), then click <b>Execute step</b> and, within 2 minutes, run in a terminal:<br><code>curl -X POST -H "Content-Type: application/json" -d \'{"customerId": 1042, "customerReferenceId": "CUST-1042", "profileReferenceId": "PRF-77", "status": "CLEARED", "riskRating": "LOW", "action": "UPDATE", "message": null, "customerType": "INDIVIDUAL"}\' PASTE-THE-TEST-URL</code>',
	executionsHelp:
		'<b>While building your workflow</b>, click Execute step and send one request to the <b>Test URL</b> (the sample command above): the item, or a note saying why the callback would be ignored or refused, shows here. Deduplicate never drops a test callback.<br><br><b>Once the workflow is published</b>, every callback Artemis sends to the <b>Production URL</b> starts an execution, listed under Executions rather than here.',
};
