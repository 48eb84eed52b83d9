/**
 * The README of a vendor edition, made from the combined README so that every shared text is
 * written once: the edition's own title, introduction and install commands, then the combined
 * README's sections from its first `## ` heading on, keeping what is marked for the edition.
 *
 * Marks in the combined README (HTML comments, invisible on the npm page):
 *   <!-- only: combined artemis -->   the lines up to the next `<!-- /only -->` belong to the
 *   <!-- /only -->                    packages named: `combined`, `artemis`, `artisio`
 *   | a table row | <!-- only: artisio combined -->   at the end of a line: that line alone
 *                                     (a mark on a line of its own would end a Markdown table)
 * Everything outside a mark belongs to every package.
 */

const ONLY = /^<!-- only: ([a-z ]+) -->$/;
const ONLY_THIS_LINE = / <!-- only: ([a-z ]+) -->$/;
const END = '<!-- /only -->';
const TARGETS = ['combined', 'artemis', 'artisio'];

/** The README's lines that belong to `target`, without the marks. */
function selectFor(markdown, target) {
	const kept = [];
	let only;
	for (const [index, line] of markdown.split('\n').entries()) {
		const opening = ONLY.exec(line.trim());
		if (opening) {
			if (only !== undefined) throw new Error(`README.md:${index + 1}: a mark inside another`);
			only = opening[1].split(' ').filter((name) => name !== '');
			const unknown = only.filter((name) => !TARGETS.includes(name));
			if (unknown.length > 0)
				throw new Error(`README.md:${index + 1}: unknown package ${unknown.join(', ')}`);
		} else if (line.trim() === END) {
			if (only === undefined) throw new Error(`README.md:${index + 1}: ${END} without a mark`);
			only = undefined;
		} else if (only === undefined || only.includes(target)) {
			const lineOnly = ONLY_THIS_LINE.exec(line);
			if (lineOnly === null) kept.push(line);
			else if (lineOnly[1].split(' ').includes(target)) kept.push(line.slice(0, lineOnly.index));
		}
	}
	if (only !== undefined) throw new Error('README.md: a mark is never closed');
	return kept.join('\n');
}

const HEADERS = {
	artemis: (name) => `# ${name}

n8n nodes for **Artemis** (Cynopsis), KYC/AML risk assessment:

| node | what it does |
| --- | --- |
| **Artemis Callback Trigger** | starts the workflow when a customer is onboarded (\`INSERT\`) or its status changes (\`UPDATE\`) |
| **Artemis** | fetches a customer's latest state, risk assessment or customer list from the Artemis API |

The trigger checks every request, validates and normalizes the callback, filters events in the
editor, answers Artemis once n8n has recorded the execution, drops repeats, and tells you about
everything it refuses.`,
	artisio: (name) => `# ${name}

An n8n trigger node for **Artisio**, auction software: **Artisio Webhook Trigger** starts the
workflow when a Department, Category, Auction, Lot, Customer, Invoice or Settlement is created,
updated or deleted. It checks the bearer token, validates and normalizes the payload, filters
events in the editor, answers Artisio once n8n has recorded the execution, drops Artisio's repeated
tries, and tells you about everything it refuses.`,
};

function install(name) {
	return `## Install

This package is the ${name === 'n8n-nodes-artemis' ? 'Artemis' : 'Artisio'} edition of
[n8n-nodes-artemis-artisio](https://www.npmjs.com/package/n8n-nodes-artemis-artisio), built from the
same source for n8n Cloud and any n8n that installs verified community nodes only: the same nodes,
fields, answers and items, with workflow static data as its deduplication store. For n8n in queue
mode with the Redis store, install n8n-nodes-artemis-artisio instead.

**From the editor** (n8n Cloud, or self-hosted as owner or admin): *Settings → Community Nodes →
Install*, enter \`${name}\`, confirm, and the nodes appear in the nodes panel.

**With npm, self-hosted** (\`--omit=peer\`: n8n provides n8n-workflow, as n8n's own installer assumes):
\`\`\`sh
mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes
npm install --omit=peer ${name}
# restart n8n
\`\`\`

**Docker:**
\`\`\`sh
docker exec -it n8n sh -c 'mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install --omit=peer ${name}'
docker restart n8n
\`\`\`
`;
}

/** The edition's README.md. */
function editionReadme(combinedReadme, edition) {
	const selected = selectFor(combinedReadme, edition.vendor);
	const firstSection = selected.indexOf('\n## ');
	if (firstSection === -1) throw new Error('README.md has no `## ` section');
	return `${HEADERS[edition.vendor](edition.name)}\n\n${install(edition.name)}${selected.slice(firstSection)}`;
}

module.exports = { editionReadme, selectFor };
