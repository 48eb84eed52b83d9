/**
 * The vendor editions: the same source built into one package per service, for n8n Cloud and any
 * n8n that installs verified packages only. n8n verifies packages that integrate one service and
 * pass its scanner, which refuses a TCP client such as the Redis store's: so an edition has the
 * vendor's nodes and credentials and workflow static data as its only dedupe store.
 *
 * How the build makes one (gulpfile.js): it bundles the edition's entry points from the same
 * sources, leaving out every region marked `// <redis-store>` … `// </redis-store>` and pointing the
 * nodes' documentation links at the edition's own npm page; it copies the edition's icons and
 * codex files (with the edition's package name), writes its package.json and README, and copies the
 * LICENSE, into `editions/<name>/`, a folder `npm pack` packs as it is.
 */

const COMBINED = 'n8n-nodes-artemis-artisio';

/** @type {Array<{ name: string, vendor: 'artemis' | 'artisio', description: string, keywords: string[], nodes: string[], credentials: string[] }>} */
const EDITIONS = [
	{
		name: 'n8n-nodes-artemis',
		vendor: 'artemis',
		description:
			"n8n nodes for Artemis (Cynopsis, KYC/AML): a trigger for customer callbacks and a node that fetches a customer's latest state",
		keywords: [
			'n8n-community-node-package',
			'n8n',
			'artemis',
			'cynopsis',
			'kyc',
			'aml',
			'webhook',
			'trigger',
		],
		nodes: [
			'dist/nodes/Artemis/Artemis.node.js',
			'dist/nodes/ArtemisCallbackTrigger/ArtemisCallbackTrigger.node.js',
		],
		credentials: ['dist/credentials/ArtemisApi.credentials.js'],
	},
	{
		name: 'n8n-nodes-artisio',
		vendor: 'artisio',
		description:
			'n8n trigger node for Artisio (auction software) webhooks: auctions, lots, customers, invoices and more',
		keywords: ['n8n-community-node-package', 'n8n', 'artisio', 'auction', 'webhook', 'trigger'],
		nodes: ['dist/nodes/ArtisioWebhookTrigger/ArtisioWebhookTrigger.node.js'],
		credentials: ['dist/credentials/ArtisioWebhookApi.credentials.js'],
	},
];

const REDIS_STORE_START = '// <redis-store>';
const REDIS_STORE_END = '// </redis-store>';

/** Leaves out the lines from each `// <redis-store>` to its `// </redis-store>`; unbalanced markers are an error. */
function withoutRedisStore(source, file) {
	const kept = [];
	let inside = false;
	for (const line of source.split('\n')) {
		const marker = line.trim();
		if (marker === REDIS_STORE_START) {
			if (inside) throw new Error(`${file}: ${REDIS_STORE_START} inside another`);
			inside = true;
		} else if (marker === REDIS_STORE_END) {
			if (!inside) throw new Error(`${file}: ${REDIS_STORE_END} without ${REDIS_STORE_START}`);
			inside = false;
		} else if (!inside) {
			kept.push(line);
		}
	}
	if (inside) throw new Error(`${file}: ${REDIS_STORE_START} is never closed`);
	return kept.join('\n');
}

/** The combined package's npm page and node-type prefix, in a source or codex text, made the edition's. */
function renamed(text, editionName) {
	return text
		.split(`npmjs.com/package/${COMBINED}`)
		.join(`npmjs.com/package/${editionName}`)
		.split(`${COMBINED}.`)
		.join(`${editionName}.`);
}

/** The edition's package.json: the combined one's fields, with the edition's name, files and nodes. */
function editionManifest(combined, edition) {
	const manifest = {
		name: edition.name,
		version: combined.version,
		description: edition.description,
		license: combined.license,
		author: combined.author,
		homepage: `https://www.npmjs.com/package/${edition.name}`,
		repository: combined.repository,
		bugs: combined.bugs,
		keywords: edition.keywords,
		files: ['dist'],
		engines: combined.engines,
		n8n: {
			n8nNodesApiVersion: combined.n8n.n8nNodesApiVersion,
			strict: combined.n8n.strict,
			credentials: edition.credentials,
			nodes: edition.nodes,
		},
		peerDependencies: combined.peerDependencies,
	};
	// Fields the combined package does not have yet (repository, bugs) are left out, not set to null.
	return JSON.parse(JSON.stringify(manifest));
}

module.exports = { COMBINED, EDITIONS, editionManifest, renamed, withoutRedisStore };
