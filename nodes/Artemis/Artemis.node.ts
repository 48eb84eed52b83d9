import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type INode,
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { artemisProperties } from './description';
import { customerOperations } from './operations';

/** Our own errors pass as they are; anything else becomes a NodeOperationError of this item. */
function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/**
 * Reads a customer's current state from the Artemis API. Artemis' callbacks may repeat and arrive
 * out of order, and Cynopsis advises re-fetching the customer for the latest state: this node is
 * that step, right after the Artemis Callback Trigger.
 */
export class Artemis implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Artemis',
		name: 'artemis',
		icon: { light: 'file:artemis.svg', dark: 'file:artemis.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read customers and risk assessments from Artemis (Cynopsis KYC/AML)',
		defaults: { name: 'Artemis' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'artemisApi', required: true }],
		properties: artemisProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex);
				const operation = this.getNodeParameter('operation', itemIndex);
				// Own keys only: a saved workflow's operation must not reach Object.prototype.
				const run =
					resource === 'customer' &&
					typeof operation === 'string' &&
					Object.hasOwn(customerOperations, operation)
						? customerOperations[operation]
						: undefined;
				if (run === undefined) {
					throw new NodeOperationError(
						this.getNode(),
						`The operation "${operation}" is not known for "${resource}"`,
						{ itemIndex },
					);
				}
				const result = await run.call(this, itemIndex);
				returnData.push(
					...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
						itemData: { item: itemIndex },
					}),
				);
			} catch (error) {
				const nodeError = asNodeError(this.getNode(), error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				returnData.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [returnData];
	}
}
