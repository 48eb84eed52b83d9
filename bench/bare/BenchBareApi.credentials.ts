import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** The bare credential trigger's token: the same one field as the Artisio credential. */
export class BenchBareApi implements ICredentialType {
	name = 'benchBareApi';

	displayName = 'Bench Bare API';

	properties: INodeProperties[] = [
		{
			displayName: 'Bearer Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}
