/** Artisio cases about the request around the body: content types, content encoding, methods. */
import { gzipSync } from 'node:zlib';

import { artisioBody } from '../../payloads';
import { accepted, type AddCase, invalidBody, JSON_TYPE, json, utf8 } from '../build';

export function artisioHttpCases(add: AddCase, uuid: () => string): void {
	// --- content types
	for (const [label, type] of [
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['application/octet-stream', 'application/octet-stream'],
		['no content type', ''],
	] as Array<[string, string]>) {
		const record = uuid();
		add({
			name: `artisio content-type ${label}`,
			group: 'content-type',
			contentType: type === '' ? null : type,
			body: json(artisioBody(record)),
			expected: accepted(record),
		});
	}
	const vnd = uuid();
	add({
		name: 'artisio content-type application/vnd.artisio+json',
		group: 'content-type',
		contentType: 'application/vnd.artisio+json',
		body: json(artisioBody(vnd)),
		expected: accepted(vnd),
	});
	for (const [label, type, body] of [
		[
			'application/x-www-form-urlencoded',
			'application/x-www-form-urlencoded',
			utf8('action=UPDATE&object=LOT&data[uuid]=x'),
		],
		[
			'multipart/form-data',
			'multipart/form-data; boundary=XyZ',
			utf8('--XyZ\r\nContent-Disposition: form-data; name="action"\r\n\r\nUPDATE\r\n--XyZ--\r\n'),
		],
		[
			'application/xml',
			'application/xml',
			utf8('<event><action>UPDATE</action><object>LOT</object><data><uuid>x</uuid></data></event>'),
		],
		['text/plain holding a JSON object', 'text/plain', json(artisioBody(uuid()))],
		['application/octet-stream holding a string', 'application/octet-stream', utf8('"x"')],
	] as Array<[string, string, Buffer]>) {
		add({
			name: `artisio content-type ${label}`,
			group: 'content-type',
			contentType: type,
			body,
			expected: invalidBody,
		});
	}
	add({
		name: 'artisio content-type malformed JSON (n8n answers 422)',
		group: 'content-type',
		contentType: JSON_TYPE,
		body: utf8('{"action":'),
		expected: { by: 'n8n', status: 422 },
	});
	const gz = uuid();
	add({
		name: 'artisio encoding gzip body',
		group: 'encoding',
		contentType: JSON_TYPE,
		headers: { 'content-encoding': 'gzip' },
		body: gzipSync(json(artisioBody(gz))),
		expected: accepted(gz),
	});

	// --- methods
	add({
		name: 'artisio method PUT (not registered)',
		group: 'method',
		method: 'PUT',
		contentType: JSON_TYPE,
		body: json(artisioBody(uuid())),
		expected: { by: 'n8n', status: 404 },
	});
	add({
		name: 'artisio method GET (not registered)',
		group: 'method',
		method: 'GET',
		contentType: null,
		body: Buffer.alloc(0),
		expected: { by: 'n8n', status: 404 },
	});
}
