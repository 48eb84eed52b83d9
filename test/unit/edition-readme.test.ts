/**
 * The vendor editions' READMEs, made from the combined README's marked sections
 * (scripts/editionReadme.js): each says only its vendor's nodes, keeps every link inside itself
 * working, and the combined README reads the same with the marks as without them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { editionReadme, selectFor } = require(join(ROOT, 'scripts', 'editionReadme.js')) as {
	editionReadme: (readme: string, edition: { name: string; vendor: string }) => string;
	selectFor: (readme: string, target: string) => string;
};

const combined = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** GitHub's and npm's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchors(markdown: string): Set<string> {
	const headings = markdown.split('\n').filter((line) => /^#{1,6} /.test(line));
	return new Set(
		headings.map((line) =>
			line
				.replace(/^#+ /, '')
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-'),
		),
	);
}

function linkedAnchors(markdown: string): string[] {
	return [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
}

describe('edition READMEs', () => {
	it.each([
		[
			'n8n-nodes-artemis',
			'artemis',
			['Artemis Callback Trigger', 'Artemis node'],
			['## Artisio Webhook Trigger'],
		],
		[
			'n8n-nodes-artisio',
			'artisio',
			['Artisio Webhook Trigger'],
			['## Artemis Callback Trigger', '## Artemis node'],
		],
	])(
		'%s: its own nodes and install command, no other vendor section, no Redis store, every link resolves',
		(name, vendor, present, absent) => {
			const readme = editionReadme(combined, { name, vendor });
			expect(readme.startsWith(`# ${name}\n`)).toBe(true);
			for (const heading of present) expect(readme).toContain(`## ${heading}`);
			for (const heading of absent) expect(readme).not.toContain(heading);
			expect(readme).toContain(`npm install --omit=peer ${name}\n`);
			expect(readme).not.toMatch(/Redis \(Deduplication\)|## Queue mode|<!-- only/);
			const own = anchors(readme);
			expect(linkedAnchors(readme).filter((anchor) => !own.has(anchor))).toEqual([]);
		},
	);

	it('the combined README keeps every line but the marks, and its own links resolve', () => {
		const withoutMarks = combined
			.split('\n')
			.filter((line) => !/^<!-- (only: [a-z ]+|\/only) -->$/.test(line))
			.map((line) => line.replace(/ <!-- only: [a-z ]+ -->$/, ''))
			.join('\n');
		expect(selectFor(combined, 'combined')).toBe(withoutMarks);
		const own = anchors(combined);
		expect(linkedAnchors(combined).filter((anchor) => !own.has(anchor))).toEqual([]);
	});

	it('refuses unbalanced marks and unknown packages', () => {
		expect(() => selectFor('<!-- only: artemis -->\ntext', 'artemis')).toThrow(/never closed/);
		expect(() => selectFor('text\n<!-- /only -->', 'artemis')).toThrow(/without a mark/);
		expect(() => selectFor('<!-- only: artemiss -->\n<!-- /only -->', 'artemis')).toThrow(
			/unknown package artemiss/,
		);
	});
});
