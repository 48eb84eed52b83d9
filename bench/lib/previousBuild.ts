/**
 * The previous build, measured beside this one in the same n8n: the package as it was at a git
 * commit, built by its own gulpfile with this checkout's node_modules, in a temporary worktree
 * that `remove()` deletes again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The last commit of 0.3.0's code: the nodes answered `accepted` themselves, before n8n recorded
 * the execution. `BENCH_BASELINE_REF` names another commit, `none` measures no previous build.
 */
export const PREVIOUS_BUILD_REF = '4341301';

export interface PreviousBuild {
	ref: string;
	dir: string;
	remove(): void;
}

function git(root: string, args: string[]): void {
	const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
}

export function buildPrevious(
	root: string,
	ref: string,
	log: (line: string) => void,
): PreviousBuild {
	const dir = join(mkdtempSync(join(tmpdir(), 'bench-previous-')), 'package');
	git(root, ['worktree', 'add', '--detach', dir, ref]);
	const remove = (): void => {
		spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
		rmSync(join(dir, '..'), { recursive: true, force: true });
	};
	try {
		symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
		const started = Date.now();
		const build = spawnSync(
			process.execPath,
			[join(root, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build'],
			{ cwd: dir, encoding: 'utf8' },
		);
		if (build.status !== 0 || !existsSync(join(dir, 'dist')))
			throw new Error(`the build of ${ref} failed: ${build.stderr.slice(-800)}`);
		log(`previous build (${ref}) built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return { ref, dir, remove };
	} catch (error) {
		remove();
		throw error;
	}
}
