/**
 * Parts 1 and 2 from run.ts: measure.ts in a child process on the chosen Node (n8n 2.x runs on
 * Node 24, whose JIT and JSON differ from this shell's), its JSON report read back.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../test/support/n8n/package';
import type { InProcessConfig, InProcessReport } from './measure';

export type { InProcessReport } from './measure';

export function runInProcess(nodeBinary: string, config: InProcessConfig): InProcessReport {
	const result = spawnSync(
		nodeBinary,
		[join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'measure.ts')],
		{
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: { ...process.env, BENCH_INPROCESS_CONFIG: JSON.stringify(config) },
		},
	);
	if (result.status !== 0)
		throw new Error(`in-process bench failed (${nodeBinary}):\n${result.stderr}`);
	return JSON.parse(result.stdout) as InProcessReport;
}
