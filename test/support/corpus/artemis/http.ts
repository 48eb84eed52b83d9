/** Artemis cases about the request around the body: content types, content encodings, methods. */
import { gzipSync } from 'node:zlib';

import { artemisCallback } from '../../payloads';
import { accepted, type AddCase, invalidBody, JSON_TYPE, json, utf8 } from '../build';

export function artemisHttpCases(add: AddCase, id: () => number): void {
	// --- content types
	const fineTypes: Array<[string, string]> = [
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['APPLICATION/JSON', 'APPLICATION/JSON'],
		['application/octet-stream', 'application/octet-stream'],
		['application/json; charset=latin1', 'application/json; charset=latin1'],
	];
	for (const [label, type] of fineTypes) {
		const record = id();
		add({
			name: `artemis content-type ${label}`,
			group: 'content-type',
			contentType: type,
			body: json(artemisCallback({}, { customer: record })),
			expected: accepted(record),
		});
	}
	const vnd = id();
	add({
		name: 'artemis content-type application/vnd.api+json',
		group: 'content-type',
		contentType: 'application/vnd.api+json',
		body: json(artemisCallback({}, { customer: vnd })),
		expected: accepted(vnd),
	});
	const ows = id();
	add({
		name: 'artemis content-type "application/json ; charset=utf-8" (space before ;)',
		group: 'content-type',
		contentType: 'application/json ; charset=utf-8',
		body: json(artemisCallback({}, { customer: ows })),
		expected: accepted(ows),
	});
	const refusedTypes: Array<[string, string, Buffer]> = [
		[
			'application/x-www-form-urlencoded',
			'application/x-www-form-urlencoded',
			utf8('customerId=1&customerReferenceId=C&status=CLEARED'),
		],
		[
			'form field holding JSON',
			'application/x-www-form-urlencoded',
			utf8(
				`payload=${encodeURIComponent(JSON.stringify(artemisCallback({}, { customer: id() })))}`,
			),
		],
		[
			'multipart/form-data fields',
			'multipart/form-data; boundary=XyZ',
			utf8('--XyZ\r\nContent-Disposition: form-data; name="customerId"\r\n\r\n1\r\n--XyZ--\r\n'),
		],
		[
			'multipart/form-data JSON file',
			'multipart/form-data; boundary=XyZ',
			utf8(
				`--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(artemisCallback({}, { customer: id() }))}\r\n--XyZ--\r\n`,
			),
		],
		[
			'application/xml',
			'application/xml',
			utf8('<callback><customerId>1</customerId><status>CLEARED</status></callback>'),
		],
		['text/xml', 'text/xml', utf8('<callback><customerId>1</customerId></callback>')],
		[
			'text/plain holding a JSON object',
			'text/plain',
			json(artemisCallback({}, { customer: id() })),
		],
		['text/html', 'text/html', utf8('<html><body>{"customerId":1}</body></html>')],
		['text/csv', 'text/csv', utf8('customerId,status\n1,CLEARED\n')],
		['image/png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
		[
			'"application/json, text/plain" (a list)',
			'application/json, text/plain',
			json(artemisCallback({}, { customer: id() })),
		],
		['application/octet-stream holding an array', 'application/octet-stream', utf8('[1,2]')],
		[
			'application/octet-stream holding bytes that are not JSON',
			'application/octet-stream',
			Buffer.from([0x00, 0x01, 0xff]),
		],
		['no content type, bytes that are not JSON', '', utf8('{nope')],
	];
	for (const [label, type, body] of refusedTypes) {
		add({
			name: `artemis content-type ${label}`,
			group: 'content-type',
			contentType: type === '' ? null : type,
			body,
			expected: invalidBody,
		});
	}
	const n8nRefused: Array<[string, string, Buffer]> = [
		['malformed JSON', JSON_TYPE, utf8('{"customerId":1,')],
		['single quotes', JSON_TYPE, utf8("{'customerId':1}")],
		['trailing comma', JSON_TYPE, utf8('{"customerId":1,}')],
		['two objects', JSON_TYPE, utf8('{"a":1}{"b":2}')],
		[
			'unknown charset',
			'application/json; charset=no-such-charset',
			json(artemisCallback({}, { customer: id() })),
		],
	];
	for (const [label, type, body] of n8nRefused) {
		add({
			name: `artemis content-type ${label} (n8n answers 422)`,
			group: 'content-type',
			contentType: type,
			body,
			expected: { by: 'n8n', status: 422 },
		});
	}
	add({
		name: 'artemis content-type malformed XML',
		group: 'content-type',
		contentType: 'application/xml',
		body: utf8('<a><b></a>'),
		expected: { by: 'n8n', status: 422 },
		// n8n 2.41 parses XML with one shared xml2js parser: the first malformed XML body an n8n process
		// sees gets 422, and from then on malformed XML is parsed leniently ({"a":{"b":""}}) and reaches
		// the node, which refuses XML with 400. Either way nothing starts.
		alternative: invalidBody,
		known: {
			kind: 'doubtful',
			note: 'n8n answers 422 to the first malformed XML body per process and lets later ones through leniently parsed (shared xml2js parser); the node then refuses them with 400. n8n behaviour; either answer is accepted here.',
		},
	});

	// --- content encodings
	const gz = id();
	add({
		name: 'artemis encoding gzip body',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: gzipSync(json(artemisCallback({}, { customer: gz }))),
		expected: accepted(gz),
	});
	add({
		name: 'artemis encoding gzip header, body not gzip',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: json(artemisCallback({}, { customer: id() })),
		expected: { by: 'n8n', status: 500 },
		known: {
			kind: 'doubtful',
			note: 'n8n 2.41 answers 500 "There was a problem executing the workflow" (zlib "incorrect header check") before the node runs: n8n behaviour',
		},
	});

	// --- methods
	const put = id();
	add({
		name: 'artemis method PUT',
		group: 'method',
		method: 'PUT',
		contentType: JSON_TYPE,
		body: json(artemisCallback({}, { customer: put })),
		expected: accepted(put),
	});
	add({
		name: 'artemis method PATCH with an empty body',
		group: 'method',
		method: 'PATCH',
		contentType: JSON_TYPE,
		body: Buffer.alloc(0),
		expected: invalidBody,
	});
	add({
		name: 'artemis method PATCH with an array',
		group: 'method',
		method: 'PATCH',
		contentType: JSON_TYPE,
		body: utf8('[]'),
		expected: invalidBody,
	});
	add({
		name: 'artemis method DELETE (not registered)',
		group: 'method',
		method: 'DELETE',
		contentType: JSON_TYPE,
		body: json(artemisCallback({}, { customer: id() })),
		expected: { by: 'n8n', status: 404 },
	});
	add({
		name: 'artemis method GET (not registered)',
		group: 'method',
		method: 'GET',
		contentType: null,
		body: Buffer.alloc(0),
		expected: { by: 'n8n', status: 404 },
	});
}
