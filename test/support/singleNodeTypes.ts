import type { IDataObject, INodeType, INodeTypes } from 'n8n-workflow';

/**
 * The node types of a workflow that holds one node: what n8n-workflow's `Workflow` and n8n-core's
 * `WebhookContext` need to run our trigger outside n8n (unit harness, in-process benchmark).
 */
export class SingleNodeTypes implements INodeTypes {
	constructor(
		private readonly typeName: string,
		private readonly nodeType: INodeType,
	) {}

	getByName(name: string): INodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		if (name !== this.typeName) throw new Error(`Unknown node type ${name}`);
		return this.nodeType;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
