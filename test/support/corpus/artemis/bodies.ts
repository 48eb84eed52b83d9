/** Artemis cases about the body as a whole: empty, a scalar or an array, very large, very deep. */
import { artemisCallback } from '../../payloads';
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
import { ARTEMIS_REQUIRED } from './fields';

export function artemisBodyCases(add: AddCase, id: () => number): void {
	// --- empty object, empty body, scalars and arrays
	add({
		name: 'artemis empty object {}',
		group: 'empty',
		contentType: JSON_TYPE,
		body: utf8('{}'),
		expected: invalid(ARTEMIS_REQUIRED),
	});
	add({
		name: 'artemis empty body, application/json',
		group: 'empty',
		contentType: JSON_TYPE,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artemis empty body, no content type',
		group: 'empty',
		contentType: null,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artemis whitespace-only body, no content type',
		group: 'empty',
		contentType: null,
		body: utf8(' \n\t '),
		expected: invalidBody,
	});
	add({
		name: 'artemis whitespace-only body, application/json',
		group: 'empty',
		contentType: JSON_TYPE,
		body: utf8(' \n\t '),
		expected: { by: 'n8n', status: 422 },
	});
	const scalars: Array<[string, string]> = [
		['42', '42'],
		['-0.5', '-0.5'],
		['"text"', '"text"'],
		['true', 'true'],
		['false', 'false'],
		['null', 'null'],
		['[]', '[]'],
		['[{}]', '[{}]'],
		[
			'array holding a valid callback',
			`[${JSON.stringify(artemisCallback({}, { customer: id() }))}]`,
		],
		[
			'a string that itself contains JSON',
			JSON.stringify(JSON.stringify(artemisCallback({}, { customer: id() }))),
		],
		['1e400', '1e400'],
	];
	for (const [label, raw] of scalars) {
		add({
			name: `artemis scalar ${label}, application/json`,
			group: 'scalar',
			contentType: JSON_TYPE,
			body: utf8(raw),
			expected: invalidBody,
		});
		add({
			name: `artemis scalar ${label}, no content type`,
			group: 'scalar',
			contentType: null,
			body: utf8(raw),
			expected: invalidBody,
		});
	}

	// --- sizes
	const bigRef = id();
	add({
		name: 'artemis size 1 MB customerReferenceId',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ customerReferenceId: megabyte('ref') }, { customer: bigRef })),
		expected: accepted(bigRef),
	});
	const bigMessage = id();
	add({
		name: 'artemis size 1 MB message',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ message: megabyte('msg') }, { customer: bigMessage })),
		expected: accepted(bigMessage),
	});
	const bigExtra = id();
	add({
		name: 'artemis size 1 MB undocumented field',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ note: megabyte('note') }, { customer: bigExtra })),
		expected: accepted(bigExtra),
	});
	const bigKey = id();
	add({
		name: 'artemis size 1 MB key',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ [megabyte('k')]: 1 }, { customer: bigKey })),
		expected: accepted(bigKey),
	});
	const wideArray = id();
	add({
		name: 'artemis size 200,000-element array',
		group: 'size',
		contentType: JSON_TYPE,
		body: utf8(
			withRaw(artemisCallback({}, { customer: wideArray }), 'list', `[${'0,'.repeat(199_999)}0]`),
		),
		expected: accepted(wideArray),
	});
	const wideObject = id();
	add({
		name: 'artemis size object with 50,000 keys',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(
			artemisCallback(
				{ map: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) },
				{ customer: wideObject },
			),
		),
		expected: accepted(wideObject),
	});
	add({
		name: 'artemis size 1 MB string as customerId',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({}, { customer: megabyte('9x') })),
		expected: invalid(['customerId']),
	});
	add({
		name: 'artemis size 1 MB string array as status',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ status: [megabyte('s')] }, { customer: id() })),
		expected: invalid(['status']),
	});
	add({
		name: 'artemis size 17 MB body (over N8N_PAYLOAD_SIZE_MAX 16 MiB)',
		group: 'size',
		contentType: JSON_TYPE,
		body: json(artemisCallback({ note: 'x'.repeat(17 * MB) }, { customer: id() })),
		expected: { by: 'n8n', status: 500 },
		known: {
			kind: 'doubtful',
			note: 'n8n 2.41 answers 500 "There was a problem executing the workflow" to a body over its size limit (not 413); the node never runs. n8n behaviour, README Limits could say so.',
		},
	});

	// --- depth
	const depthCases = (levels: number, long: boolean): void => {
		const tag = `${levels.toLocaleString('en')} levels`;
		add({
			name: `artemis depth body is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepArray(levels)),
			expected: invalidBody,
		});
		add({
			name: `artemis depth body is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(deepObject(levels)),
			expected: invalid(ARTEMIS_REQUIRED),
		});
		add({
			name: `artemis depth status is ${tag} of arrays`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(replaceRaw(artemisCallback({}, { customer: id() }), 'status', deepArray(levels))),
			expected: invalid(['status']),
		});
		add({
			name: `artemis depth customerId is ${tag} of objects`,
			group: 'depth',
			long,
			contentType: JSON_TYPE,
			body: utf8(
				replaceRaw(artemisCallback({}, { customer: 0 }), 'customerId', deepObject(levels)),
			),
			expected: invalid(['customerId']),
		});
		const a = id();
		add({
			name: `artemis depth undocumented field ${tag} of arrays`,
			group: 'depth',
			long,
			deep: true,
			contentType: JSON_TYPE,
			body: utf8(withRaw(artemisCallback({}, { customer: a }), 'extra', deepArray(levels))),
			expected: accepted(a),
		});
		const b = id();
		add({
			name: `artemis depth undocumented field ${tag} of objects, no content type`,
			group: 'depth',
			long,
			deep: true,
			contentType: null,
			body: utf8(withRaw(artemisCallback({}, { customer: b }), 'extra', deepObject(levels))),
			expected: accepted(b),
		});
		const c = id();
		add({
			name: `artemis depth __proto__ key at the bottom of ${tag}`,
			group: 'depth',
			long,
			deep: true,
			contentType: JSON_TYPE,
			body: utf8(
				withRaw(
					artemisCallback({}, { customer: c }),
					'extra',
					deepObject(levels, '{"__proto__":{"polluted":true}}'),
				),
			),
			expected: accepted(c),
		});
	};
	depthCases(DEPTH, false);
	for (const levels of LONG_DEPTHS) depthCases(levels, true);
}
