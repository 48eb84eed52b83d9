import type { IWebhookFunctions } from 'n8n-workflow';

import { passesFilter } from '../shared/filters';
import type { TriggerOptions } from '../shared/options';
import { NO_RATING } from './description';
import type { ArtemisCallback } from './schema';

interface ArtemisOptions extends TriggerOptions {
	riskRatings?: string[];
	customerTypes?: string[];
}

/** The editor's Actions, Statuses, Risk Ratings and Customer Types filters. */
export function isSelectedCallback(context: IWebhookFunctions, callback: ArtemisCallback): boolean {
	const options = context.getNodeParameter('options', {}) as ArtemisOptions;
	return (
		passesFilter(context.getNodeParameter('actions', []) as string[], callback.action) &&
		passesFilter(context.getNodeParameter('statuses', []) as string[], callback.status) &&
		passesFilter(options.riskRatings, callback.riskRating ?? NO_RATING) &&
		passesFilter(options.customerTypes, callback.customerType)
	);
}
