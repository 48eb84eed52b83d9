/** Whether an answer is the one a corpus case must get. */
import type { CorpusCase, Expected } from './types';

export interface Answer {
	status: number;
	headers: Record<string, string>;
	text: string;
	json: unknown;
}

/** Answers of the node are short: even 1 MB values are quoted at most 40 characters. */
export const MAX_ANSWER_BYTES = 2048;

/** `checkAnswer` against the case's expected answer, or its alternative when it has one. */
export function checkCase(c: CorpusCase, answer: Answer): string[] {
	const problems = checkAnswer(c.expected, answer);
	if (problems.length === 0 || c.alternative === undefined) return problems;
	return checkAnswer(c.alternative, answer).length === 0 ? [] : problems;
}

/** What is wrong with an answer, as readable lines (empty: the answer is the expected one). */
export function checkAnswer(expected: Expected, answer: Answer): string[] {
	const problems: string[] = [];
	if (answer.status !== expected.status)
		return [`status ${answer.status}, expected ${expected.status}: ${answer.text.slice(0, 300)}`];
	if (expected.by === 'n8n') {
		if (expected.status === 422 && answer.status === 422) {
			const message = (answer.json as { message?: unknown } | undefined)?.message;
			if (message !== 'Failed to parse request body')
				problems.push(`422 without n8n's parse message: ${answer.text.slice(0, 200)}`);
		}
		return problems;
	}
	if (!/^application\/json/.test(answer.headers['content-type'] ?? ''))
		problems.push(`content-type ${answer.headers['content-type'] ?? '(none)'}`);
	if (Buffer.byteLength(answer.text) > MAX_ANSWER_BYTES)
		problems.push(`answer of ${Buffer.byteLength(answer.text)} bytes (over ${MAX_ANSWER_BYTES})`);
	const body = answer.json as
		{ status?: unknown; error?: unknown; message?: unknown; issues?: unknown } | undefined;
	if (expected.status === 200) {
		if (JSON.stringify(body) !== JSON.stringify({ status: expected.answer }))
			problems.push(
				`answer ${answer.text.slice(0, 200)}, expected {"status":"${expected.answer}"}`,
			);
		return problems;
	}
	if (body?.status !== 'rejected')
		problems.push(`status field ${String(body?.status)}, expected rejected`);
	if (body?.error !== expected.error)
		problems.push(
			`error ${String(body?.error)}, expected ${expected.error}: ${String(body?.message).slice(0, 200)}`,
		);
	if (typeof body?.message !== 'string' || body.message === '') problems.push('no message');
	if (!Array.isArray(body?.issues)) problems.push('no issues array');
	else if (expected.paths) {
		const paths = (body.issues as Array<{ path?: unknown }>)
			.map((issue) => String(issue.path))
			.sort();
		const want = [...expected.paths].sort();
		if (JSON.stringify(paths) !== JSON.stringify(want))
			problems.push(`issue paths ${JSON.stringify(paths)}, expected ${JSON.stringify(want)}`);
	}
	return problems;
}
