/**
 * Real-n8n harness: starts n8n 2.x (pinned, cached by install.ts) on Node 24 with this package
 * loaded as a community package, sets up an owner and an API key, and offers the few API calls the
 * end-to-end tests need (workflows, credentials, activation, executions).
 *
 * n8n 1.x (`N8N_HARNESS_VERSION=1.123.81` or `N8N_HARNESS_MAJOR=1`; see install.ts) runs on the Node
 * that runs the harness; the differences the harness handles are behind `N8N_1`, each noted where
 * it is handled. What the harness relies on about n8n is noted at the top of the file that relies
 * on it (re-check when changing the pinned version).
 */
export { Client } from './client';
export { executionPages } from './executions';
export { CACHE_DIR, ensureN8n, N8N_1, N8N_VERSION, node24BinDir, NODE_LABEL } from './install';
export { connect, startN8n, startN8nProcess } from './launch';
export { PACKAGE_NAME, PROJECT_ROOT } from './package';
export type {
	ActivationOptions,
	ConnectionInfo,
	ExecutionSummary,
	N8nClient,
	N8nCommand,
	N8nInstance,
	N8nProcess,
	N8nProcessOptions,
	StartOptions,
	WorkflowInput,
} from './types';
export { triggerWorkflow, type TriggerWorkflowArgs, type WorkflowDefinition } from './workflows';
