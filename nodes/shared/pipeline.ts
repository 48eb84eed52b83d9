import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	acceptOnceRecorded,
	type Answer,
	DUPLICATE,
	FORBIDDEN,
	IGNORED,
	UNAUTHORIZED,
	writeAnswer,
} from './answers';
import { type DedupeSettings, type DedupeStoreName, deduplicate, REDIS_CREDENTIAL } from './dedupe';
import { DEFAULT_CAPACITY } from './dedupe/memory';
import { redactHeaders } from './headers';
import { isAllowed, parseAllowlist } from './ipAllowlist';
import type { TriggerOptions } from './options';
import { readJsonObject } from './requestBody';
import {
	forbiddenNote,
	ignoredNote,
	isTestRequest,
	rejectedNote,
	unauthorizedNote,
} from './testNotes';
import type { Delivery, JsonObject, NormalizationWarning, PayloadIssue, Validation } from './types';
import { withoutUnsafeKeys } from './unsafeKeys';

/** What the pipeline knows about a request, for the item's `meta`. */
export interface Receipt {
	receivedAt: string;
	method: string;
	dedupeKey: string;
	/** Present only with the Include Headers option; secrets redacted. */
	headers?: IDataObject;
	/** What the pipeline itself found: unsafe keys removed from the body, deduplication skipped. */
	warnings: NormalizationWarning[];
}

/**
 * The vendor-specific parts of a trigger. Everything else (guards, parsing, answers, dedupe,
 * the Rejected output) is the same for every vendor and lives in `handleWebhook`.
 */
export interface TriggerDefinition<Event> {
	/** Resolves false when the request must be answered 401. */
	authenticate?: (context: IWebhookFunctions) => Promise<boolean>;
	validate: (body: JsonObject) => Validation<Event>;
	/** The editor's filters. */
	isSelected: (context: IWebhookFunctions, event: Event) => boolean;
	/** What a delivery is about (`record`) and the state it reports (`fingerprint`). */
	identify: (event: Event) => Delivery;
	toItem: (event: Event, receipt: Receipt) => IDataObject;
}

type Rejection = Extract<Answer, { issues: PayloadIssue[] }>;

const NO_EXECUTION: IWebhookResponseData = { noWebhookResponse: true };

/** Express computes `req.ip` from the socket, honouring `N8N_PROXY_HOPS` through `trust proxy`. */
function clientIpOf(context: IWebhookFunctions): string | undefined {
	const request = context.getRequestObject();
	return request.ip ?? request.socket?.remoteAddress;
}

function toWorkflowData(
	options: TriggerOptions,
	accepted: IDataObject[],
	rejected: IDataObject[],
): INodeExecutionData[][] {
	const outputs = [accepted.map((json) => ({ json }))];
	if (options.outputRejected === true) outputs.push(rejected.map((json) => ({ json })));
	return outputs;
}

/**
 * A test request that production answers without an execution ends the test with a note (see
 * testNotes). Refusals go where the user looks for them: the Rejected output when it is on.
 */
function endTestWith(
	options: TriggerOptions,
	note: IDataObject,
	{ refusal }: { refusal: boolean },
): IWebhookResponseData {
	const onRejected = refusal && options.outputRejected === true;
	return {
		noWebhookResponse: true,
		workflowData: onRejected
			? toWorkflowData(options, [], [note])
			: toWorkflowData(options, [note], []),
	};
}

/**
 * A 400: answered to the sender, logged, and, with Output Rejected Requests, emitted on the
 * Rejected output so that the user sees what was refused and why (in a test, always).
 */
function reject(
	context: IWebhookFunctions,
	options: TriggerOptions,
	rejection: Rejection,
	received: unknown,
	clientIp: string | undefined,
): IWebhookResponseData {
	writeAnswer(context, 400, rejection);
	const request = context.getRequestObject();
	context.logger.warn(
		`${context.getNode().name}: rejected a request with 400: ${rejection.message}`,
		{
			ip: clientIp,
			workflowId: context.getWorkflow().id,
		},
	);
	const testing = isTestRequest(context);
	if (options.outputRejected !== true && !testing) return NO_EXECUTION;
	const rejectedItem: IDataObject & { message: string } = {
		error: rejection.error,
		message: rejection.message,
		issues: rejection.issues,
		statusCode: 400,
		method: request.method,
		ip: clientIp ?? null,
		receivedAt: new Date().toISOString(),
		headers: redactHeaders(context.getHeaderData()),
		body: received as IDataObject,
	};
	if (options.outputRejected !== true)
		return endTestWith(options, rejectedNote(rejectedItem), { refusal: true });
	return { noWebhookResponse: true, workflowData: toWorkflowData(options, [], [rejectedItem]) };
}

function receiptOf(
	context: IWebhookFunctions,
	options: TriggerOptions,
	delivery: Delivery,
	warnings: NormalizationWarning[],
): Receipt {
	const receipt: Receipt = {
		receivedAt: new Date().toISOString(),
		method: context.getRequestObject().method,
		dedupeKey: `${delivery.record}|${delivery.fingerprint}`,
		warnings,
	};
	if (options.includeHeaders === true) receipt.headers = redactHeaders(context.getHeaderData());
	return receipt;
}

/** What the dedupe step needs of the node: its store, its bound, who it is, and (Redis store) its credential. */
function dedupeSettingsOf(context: IWebhookFunctions, options: TriggerOptions): DedupeSettings {
	const node = context.getNode();
	const workflowId = context.getWorkflow().id;
	const settings: DedupeSettings = {
		store: 'staticData',
		capacity: options.dedupeSize ?? DEFAULT_CAPACITY,
		workflowId,
		nodeId: node.id,
		staticData: () => context.getWorkflowStaticData('node'),
		warn: (message) => context.logger.warn(`${node.name}: ${message}`, { workflowId }),
	};
	// <redis-store>
	settings.store = context.getNodeParameter('dedupeStore', 'staticData') as DedupeStoreName;
	settings.redisCredential = {
		id: node.credentials?.[REDIS_CREDENTIAL]?.id ?? undefined,
		read: async () => await context.getCredentials(REDIS_CREDENTIAL),
	};
	// </redis-store>
	return settings;
}

/** One message for the answer that names every failing field. */
function summarize(issues: PayloadIssue[]): string {
	return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

/**
 * One request, start to end: IP allowlist → authentication → parse → validate and normalize →
 * filter → deduplicate → accept. The first step that fails answers at once; `accepted` is left to
 * n8n, which sends it once the execution is recorded (see `acceptOnceRecorded`).
 */
export async function handleWebhook<Event>(
	context: IWebhookFunctions,
	trigger: TriggerDefinition<Event>,
): Promise<IWebhookResponseData> {
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const clientIp = clientIpOf(context);
	const nodeName = context.getNode().name;
	const testing = isTestRequest(context);
	const noteBase = (statusCode: number, answer: Answer) => ({
		statusCode,
		answer,
		method: context.getRequestObject().method,
		ip: clientIp,
	});

	const allowlistText = options.ipAllowlist?.trim() ?? '';
	if (allowlistText !== '') {
		const allowlist = parseAllowlist(allowlistText);
		if (allowlist.invalid.length > 0) {
			context.logger.error(
				`${nodeName}: IP Allowlist entries that are not IP addresses or CIDR ranges are ignored: ${allowlist.invalid.join(', ')}`,
			);
		}
		if (!isAllowed(allowlist, clientIp)) {
			context.logger.warn(`${nodeName}: refused a request with 403: IP address not allowed`, {
				ip: clientIp,
			});
			writeAnswer(context, 403, FORBIDDEN);
			return testing
				? endTestWith(options, forbiddenNote(noteBase(403, FORBIDDEN)), { refusal: true })
				: NO_EXECUTION;
		}
	}

	if (trigger.authenticate && !(await trigger.authenticate(context))) {
		context.logger.warn(
			`${nodeName}: refused a request with 401: missing or invalid bearer token`,
			{ ip: clientIp },
		);
		writeAnswer(context, 401, UNAUTHORIZED, { 'WWW-Authenticate': 'Bearer' });
		if (!testing) return NO_EXECUTION;
		const hadHeader = context.getHeaderData().authorization !== undefined;
		return endTestWith(options, unauthorizedNote(noteBase(401, UNAUTHORIZED), hadHeader), {
			refusal: true,
		});
	}

	const reading = await readJsonObject(context);
	if (!reading.ok) {
		const rejection: Rejection = {
			status: 'rejected',
			error: 'invalid_body',
			message: reading.message,
			issues: [],
		};
		return reject(context, options, rejection, reading.received, clientIp);
	}

	const sanitized = withoutUnsafeKeys(reading.body);
	const validation = trigger.validate(sanitized.body);
	if (!validation.valid) {
		const rejection: Rejection = {
			status: 'rejected',
			error: 'invalid_payload',
			message: summarize(validation.issues),
			issues: validation.issues,
		};
		return reject(context, options, rejection, sanitized.body, clientIp);
	}
	const event = validation.event;

	if (!trigger.isSelected(context, event)) {
		writeAnswer(context, 200, IGNORED);
		if (!testing) return NO_EXECUTION;
		const wouldBe = trigger.toItem(
			event,
			receiptOf(context, options, trigger.identify(event), sanitized.warnings),
		);
		return endTestWith(options, ignoredNote(noteBase(200, IGNORED), wouldBe), { refusal: false });
	}

	const delivery = trigger.identify(event);
	// Test events are never dropped: the user must be able to send the same sample twice.
	const verdict =
		options.deduplicate === false || testing
			? { isNew: true, warnings: [] }
			: await deduplicate(dedupeSettingsOf(context, options), delivery, Date.now());
	if (!verdict.isNew) {
		writeAnswer(context, 200, DUPLICATE);
		return NO_EXECUTION;
	}

	const item = trigger.toItem(
		event,
		receiptOf(context, options, delivery, [...sanitized.warnings, ...verdict.warnings]),
	);
	return acceptOnceRecorded(toWorkflowData(options, [item], []), verdict.commit);
}
