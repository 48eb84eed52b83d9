import type { IDataObject } from 'n8n-workflow';

/**
 * What "Simplify" keeps: the fields a workflow compares with a callback or routes on. Only fields
 * that Artemis sent are kept; nothing is renamed or invented.
 */
export const SIMPLE_CUSTOMER_FIELDS = [
	'id',
	'referenceId',
	'profileReferenceId',
	'profileId',
	'parentId',
	'status',
	'riskRating',
	'active',
	'lastRiskAssessment',
	'listRoleAsText',
	'createdAt',
	'updatedAt',
] as const;

export const SIMPLE_RISK_ASSESSMENT_FIELDS = [
	'id',
	'customerId',
	'riskRating',
	'overrideRiskRating',
	'riskScore',
	'approvalStatus',
	'createdAt',
	'updatedAt',
] as const;

export function pick(record: IDataObject, fields: readonly string[]): IDataObject {
	const kept: IDataObject = {};
	for (const field of fields) {
		if (Object.prototype.hasOwnProperty.call(record, field)) kept[field] = record[field];
	}
	return kept;
}

export const simplifyCustomer = (customer: IDataObject): IDataObject =>
	pick(customer, SIMPLE_CUSTOMER_FIELDS);

export const simplifyRiskAssessment = (assessment: IDataObject): IDataObject =>
	pick(assessment, SIMPLE_RISK_ASSESSMENT_FIELDS);
