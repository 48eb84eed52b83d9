import type { INodeProperties } from 'n8n-workflow';

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
		displayName:
			'Give Artemis the Production URL above as your domain\'s callback URL (POST, PUT or PATCH all work). Artemis sends no authentication header: keep the URL secret, and use the IP Allowlist option or your network to restrict who can call it.',
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
		description: 'Which callbacks start the workflow. Empty means all, including actions Artemis may add later.',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: optionsOf(ARTEMIS_STATUSES),
		default: [],
		description:
			'Only start the workflow for customers now in one of these statuses. Empty means all, including statuses Artemis may add later.',
	},
	dedupeStoreProperty,
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
			},
			{
				displayName: 'Risk Ratings',
				name: 'riskRatings',
				type: 'multiOptions',
				options: [...optionsOf(ARTEMIS_RISK_RATINGS), { name: 'No Rating', value: NO_RATING }],
				default: [],
				description: 'Only start the workflow for customers with one of these risk ratings. Empty means all.',
			},
			...sharedOptions('customer'),
		],
	},
];

