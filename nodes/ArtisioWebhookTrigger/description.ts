import type { INodeProperties } from 'n8n-workflow';

import { dedupeStoreProperty, sharedOptions } from '../shared/options';

export const artisioProperties: INodeProperties[] = [
	{
		displayName:
			'Give Artisio the Production URL above and the token of the credential selected here: Artisio sends it as "Authorization: Bearer &lt;token&gt;" and enables webhooks once it has both. Tell Artisio which objects to send; the filters below only narrow what starts this workflow.',
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
		description: 'Which kinds of record start the workflow. Empty means all, including objects Artisio may add later.',
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
	},
	dedupeStoreProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: sharedOptions('record'),
	},
];
