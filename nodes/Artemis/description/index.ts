import type { INodeProperties } from 'n8n-workflow';

import { customerFields, customerOperations } from './customer';
import { resourceProperty } from './resource';

export const artemisProperties: INodeProperties[] = [
	resourceProperty,
	customerOperations,
	...customerFields,
];
