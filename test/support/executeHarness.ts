/**
 * Runs a regular node's `execute()` the way n8n does, without n8n's server: a real `ExecuteContext`
 * from n8n-core over a real `Workflow`, real HTTP through n8n-core's request helpers, and a
 * credentials helper that does what n8n's own (packages/cli credentials-helper) does for
 * generic credentials: decrypted data from a store, `preAuthentication` when the expirable
 * property is empty or a call answered 401 (the result saved back to the store), and `authenticate`
 * with `{{$credentials.…}}` expressions resolved by the workflow's expression engine.
 */
import './unitUserFolder';
import { ExecuteContext } from 'n8n-core';
import {
	createEmptyRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
	isExpression,
	Workflow,
} from 'n8n-workflow';

import { clearLogLines, type LogLine, logLines } from './capturingLogger';
import { SingleNodeTypes } from './singleNodeTypes';

/** One saved credential: its type and its (decrypted) data, which pre-authentication updates. */
export interface StoredCredential {
	type: ICredentialType;
	data: ICredentialDataDecryptedObject;
}

export interface RunOptions {
	nodeType: INodeType;
	typeName: string;
	parameters: IDataObject;
	/** Input items (json only). */
	items: IDataObject[];
	credential: StoredCredential;
	/** "On Error: Continue" in the node settings. */
	continueOnFail?: boolean;
}

export interface RunResult {
	items: INodeExecutionData[];
	logs: LogLine[];
}

function expirableProperty(type: ICredentialType): string | undefined {
	return type.properties.find(
		(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
	)?.name;
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	clearLogLines();
	const { credential } = options;
	const node: INode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000011',
		name: 'Artemis',
		type: options.typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(options.parameters) as INode['parameters'],
		credentials: { [credential.type.name]: { id: '1', name: credential.type.displayName } },
		continueOnFail: options.continueOnFail === true ? true : undefined,
		onError: options.continueOnFail === true ? 'continueRegularOutput' : undefined,
	};
	const workflow = new Workflow({
		id: 'wf-artemis-node-unit',
		name: 'unit',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SingleNodeTypes(options.typeName, options.nodeType),
	});

	const resolve = (value: string, credentials: ICredentialDataDecryptedObject): string => {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved === undefined || resolved === null ? '' : String(resolved);
	};

	const credentialsHelper = {
		getDecrypted: () => Promise.resolve({ ...credential.data }),
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getCredentialsProperties: () => credential.type.properties,
		async preAuthentication(
			helpers: IHttpRequestHelper,
			credentials: ICredentialDataDecryptedObject,
			_typeName: string,
			_node: INode,
			credentialsExpired: boolean,
		): Promise<ICredentialDataDecryptedObject | undefined> {
			const expirable = expirableProperty(credential.type);
			if (expirable === undefined || credential.type.preAuthentication === undefined)
				return undefined;
			if (credentials[expirable] !== '' && !credentialsExpired) return undefined;
			const output = await credential.type.preAuthentication.call(helpers, credentials);
			if (output[expirable] === undefined) return undefined;
			credential.data = { ...credential.data, ...(output as ICredentialDataDecryptedObject) };
			return Object.assign(credentials, output);
		},
		authenticate(
			credentials: ICredentialDataDecryptedObject,
			_typeName: string,
			requestOptions: IHttpRequestOptions,
		) {
			const authenticate = credential.type.authenticate;
			if (typeof authenticate !== 'object' || authenticate.type !== 'generic')
				return Promise.resolve(requestOptions);
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[outerKey][resolve(key, credentials)] = resolve(value, credentials);
				}
			}
			return Promise.resolve(requestOptions);
		},
	};
	const additionalData = {
		credentialsHelper,
		executionId: 'unit-1',
	} as unknown as IWorkflowExecuteAdditionalData;
	const items: INodeExecutionData[] = options.items.map((json) => ({ json }));
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createEmptyRunExecutionData(),
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
	);
	await workflow.expression.acquireIsolate?.();
	try {
		const output = await (options.nodeType.execute as NonNullable<INodeType['execute']>).call(
			context,
		);
		return { items: (output as INodeExecutionData[][])[0] ?? [], logs: logLines };
	} finally {
		await workflow.expression.releaseIsolate?.();
	}
}
