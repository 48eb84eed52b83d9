import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { simplifyCustomer, simplifyRiskAssessment } from './simplify';
import { artemisApiRequest, artemisApiRequestAllPages } from './transport';

/** What one operation returns for one input item: one record, or a list for Get Many. */
type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

function customerIdOf(context: IExecuteFunctions, itemIndex: number): number {
	const raw = context.getNodeParameter('customerId', itemIndex) as unknown;
	const id = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Customer ID must be a positive whole number, got ${JSON.stringify(raw) ?? 'nothing'}`,
			{
				itemIndex,
				description:
					"Artemis' customer IDs are numbers, e.g. 1042. After the Artemis Callback Trigger use {{ $json.customerId }}.",
			},
		);
	}
	return id;
}

const simplified = (context: IExecuteFunctions, itemIndex: number): boolean =>
	context.getNodeParameter('simplify', itemIndex, true) as boolean;

const get: Operation = async function (itemIndex) {
	const customerId = customerIdOf(this, itemIndex);
	const customer = await artemisApiRequest.call(this, `/api/customer/${customerId}`, {
		itemIndex,
		customerId,
	});
	return simplified(this, itemIndex) ? simplifyCustomer(customer) : customer;
};

const getRiskAssessment: Operation = async function (itemIndex) {
	const customerId = customerIdOf(this, itemIndex);
	const assessment = await artemisApiRequest.call(
		this,
		`/api/customer/${customerId}/risk-assessment`,
		{ itemIndex, customerId },
	);
	return simplified(this, itemIndex) ? simplifyRiskAssessment(assessment) : assessment;
};

const getAll: Operation = async function (itemIndex) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false);
	const limit = returnAll ? undefined : this.getNodeParameter('limit', itemIndex, 50);
	const customers = await artemisApiRequestAllPages.call(
		this,
		'/api/customer',
		{ itemIndex },
		limit,
	);
	return simplified(this, itemIndex) ? customers.map(simplifyCustomer) : customers;
};

export const customerOperations: Record<string, Operation> = { get, getRiskAssessment, getAll };
