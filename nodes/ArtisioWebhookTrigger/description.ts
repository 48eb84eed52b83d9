import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { filterHint } from '../shared/description';
import { dedupeStoreProperty, sharedOptions } from '../shared/options';

export const artisioProperties: INodeProperties[] = [
	{
		// n8n renders notices with links and lists only (N8nNotice): plain words, no bold.
		displayName:
			'What to send Artisio: Artisio configures webhooks on request. Send them (1) the Production URL: open "Webhook URLs" at the top of this panel, choose "Production URL" and click the URL to copy it; (2) the bearer token saved in the credential chosen under "Credential" below (the pencil beside it opens the token); (3) the objects you want. Publish this workflow; Artisio tells you when the webhooks are enabled. The filters below only narrow what starts this workflow.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Objects',
		name: 'objects',
		type: 'multiOptions',
		options: [
			{ name: 'Auction', value: 'AUCTION' },
			{ name: 'Category', value: 'CATEGORY' },
			{ name: 'Customer', value: 'CUSTOMER' },
			{ name: 'Department', value: 'DEPARTMENT' },
			{ name: 'Invoice', value: 'INVOICE' },
			{ name: 'Lot', value: 'LOT' },
			{ name: 'Settlement', value: 'SETTLEMENT' },
		],
		default: [],
		description:
			'Which kinds of record start the workflow. Empty means all, including objects Artisio may add later.',
		hint: filterHint('Lot is "LOT", whether Artisio sends "Lot" or "LOT"'),
	},
	{
		displayName: 'Actions',
		name: 'actions',
		type: 'multiOptions',
		options: [
			{ name: 'Create', value: 'CREATE' },
			{ name: 'Delete', value: 'DELETE' },
			{ name: 'Update', value: 'UPDATE' },
		],
		default: [],
		description: 'Which changes start the workflow. Empty means all.',
		hint: filterHint('Create is "CREATE"'),
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
		options: sharedOptions('record'),
	},
];

/**
 * The left pane of the node (TriggerPanel.vue) before the user listens: n8n shows `header`, the
 * "Execute step" button, `activationHint` (HTML) and `executionsHelp`. While listening it shows only
 * its own "Go to Artisio Webhook and create an event" and locks the parameters, and Artisio has no
 * "send a test" button: so these texts say what to copy before clicking.
 */
export const artisioTriggerPanel: TriggerPanelDefinition = {
	header: 'Artisio calls this node when a record is created, updated or deleted',
	activationHint:
		'Artisio cannot send a test webhook on demand. To see a sample item: copy the <b>Test URL</b> first (Webhook URLs, at the top of the Parameters pane, "Test URL", click the URL), then click <b>Execute step</b> and, within 2 minutes, run in a terminal, with the token of the selected credential:<br><code>curl -X POST -H "Authorization: Bearer PASTE-THE-TOKEN" -H "Content-Type: application/json" -d \'{"action": "UPDATE", "object": "Lot", "data": {"uuid": "5f0c8d2e-4a1b-4c3d-9e8f-7a6b5c4d3e2f", "lot_no": "12A", "low": "1200", "high": "1800.00"}}\' PASTE-THE-TEST-URL</code>',
	executionsHelp:
		'<b>While building your workflow</b>, click Execute step and send one request to the <b>Test URL</b> (the sample command above): the item, or a note saying why the request would be ignored or refused, shows here. Deduplicate never drops a test request.<br><br><b>Once the workflow is published</b>, every webhook Artisio sends to the <b>Production URL</b> starts an execution, listed under Executions rather than here.',
};
