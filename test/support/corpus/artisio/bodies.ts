/** Artisio cases about the body as a whole: empty, a scalar or an array, very large, very deep. */
import { artisioBody } from '../../payloads';
import {
	accepted,
	type AddCase,
	deepArray,
	deepObject,
	DEPTH,
	invalid,
	invalidBody,
	JSON_TYPE,
	json,
	LONG_DEPTHS,
	MB,
	megabyte,
	replaceRaw,
	utf8,
	withRaw,
} from '../build';
import { ENVELOPE } from './fields';

export function artisioBodyCases(add: AddCase, uuid: () => string): void {
	// --- empty object, empty body, scalars and arrays
	add({
		name: 'artisio empty object {}',
		group: 'empty',
		contentType: JSON_TYPE,
		body: utf8('{}'),
		expected: invalid(ENVELOPE),
	});
	add({
		name: 'artisio empty data {}',
		group: 'empty',
		contentType: JSON_TYPE,
		body: json({ action: 'UPDATE', object: 'LOT', data: {} }),
		expected: invalid(['data.uuid']),
	});
	add({
		name: 'artisio empty body, application/json',
		group: 'empty',
		contentType: JSON_TYPE,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artisio empty body, no content type',
		group: 'empty',
		contentType: null,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	const scalars: Array<[string, string]> = [
		['42', '42'],
		['"text"', '"text"'],
		['true', 'true'],
		['null', 'null'],
		['[]', '[]'],
		['array holding a valid event', `[${JSON.stringify(artisioBody(uuid()))}]`],
		['a string that itself contains JSON', JSON.stringify(JSON.stringify(artisioBody(uuid())))],
	];
	for (const [label, raw] of scalars) {
		add({
			name: `artisio scalar ${label}, application/json`,
			group: 'scalar',
			contentType: JSON_TYPE,
			body: utf8(raw),
			expected: invalidBody,
		});
		add({
			name: `artisio scalar ${label}, no content type`,
			group: 'scalar',
			contentType: null,
			body: utf8(raw),
			expected: invalidBody,
		});
	}

	// --- sizes
	const bigUuid = `${uuid()}-${megabyte('u')}`;
	add({
		name: 'artisio size 1 MB data.uuid',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigUuid)),
		expected: accepted(bigUuid),
	});
	const bigLow = uuid();
	add({
		name: 'artisio size 1 MB data.low (kept and flagged)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigLow, { low: megabyte('low') })),
		expected: accepted(bigLow),
	});
	const bigObject = uuid();
	add({
		name: 'artisio size 1 MB object name',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigObject, {}, { object: megabyte('OBJ') })),
		expected: accepted(bigObject),
	});
	const bigAction = uuid();
	add({
		name: 'artisio size 1 MB action',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(bigAction, {}, { action: megabyte('ACT') })),
		expected: accepted(bigAction),
	});
	const manyImages = uuid();
	add({
		name: 'artisio size 20,000 images',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(
			artisioBody(manyImages, {
				images: Array.from({ length: 20_000 }, (_, i) => ({
					position: String(i),
					data: { lg: { width: '1600', height: 1200 } },
				})),
			}),
		),
		expected: accepted(manyImages),
	});
	add({
		name: 'artisio size 1 MB string as data',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(null, {}, { data: megabyte('d') })),
		expected: invalid(['data']),
	});
	add({
		name: 'artisio size 17 MB body (over N8N_PAYLOAD_SIZE_MAX 16 MiB)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artisioBody(uuid(), { note: 'x'.repeat(17 * MB) })),
		expected: { by: 'n8n', status: 500 },
		known: {
			kind: 'doubtful',
			note: 'n8n 2.41 answers 500 to a body over its size limit (not 413); the node never runs. n8n behaviour.',
		},
	});

	// --- depth
	const depthCases = (levels: number, long: boolean): void => {
		const tag = `${levels.toLocaleString('en')} levels`;
		add({
			name: `artisio depth body is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepArray(levels)),
			expected: invalidBody,
		});
		add({
			name: `artisio depth body is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepObject(levels)),
			expected: invalid(ENVELOPE),
		});
		add({
			name: `artisio depth data is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artisioBody(null), 'data', deepArray(levels))),
			expected: invalid(['data']),
		});
		add({
			name: `artisio depth data.uuid is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(`{"action":"UPDATE","object":"LOT","data":{"uuid":${deepObject(levels)}}}`),
			expected: invalid(['data.uuid']),
		});
		const nestedInData: Array<[string, string, string]> = [
			['undocumented data field', 'LOT', 'extra'],
			['AUCTION title (Translatable)', 'AUCTION', 'title'],
			['LOT images (list of Image)', 'LOT', 'images'],
			['LOT dynamic_fields', 'LOT', 'dynamic_fields'],
			['CATEGORY dynamic_fields_template', 'CATEGORY', 'dynamic_fields_template'],
			['CUSTOMER addresses', 'CUSTOMER', 'addresses'],
		];
		for (const [label, object, field] of nestedInData) {
			const record = uuid();
			const raw =
				field === 'images' || field === 'addresses'
					? `[${deepObject(levels)}]`
					: deepObject(levels);
			add({
				name: `artisio depth ${label} ${tag}`,
				group: 'depth',
				long,
				deep: true,
				contentType: JSON_TYPE,
				body: utf8(
					`{"action":"UPDATE","object":${JSON.stringify(object)},"data":${withRaw({ uuid: record }, field, raw)}}`,
				),
				expected: accepted(record),
			});
		}
		const proto = uuid();
		add({
			name: `artisio depth __proto__ key at the bottom of ${tag}`,
			group: 'depth',
			long,
			deep: true,
			contentType: null,
			body: utf8(
				`{"action":"UPDATE","object":"LOT","data":${withRaw({ uuid: proto }, 'extra', deepObject(levels, '{"__proto__":{"polluted":true}}'))}}`,
			),
			expected: accepted(proto),
		});
	};
	depthCases(DEPTH, false);
	for (const levels of LONG_DEPTHS) depthCases(levels, true);
}
