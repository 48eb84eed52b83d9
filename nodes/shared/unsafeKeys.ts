import type { NormalizationWarning } from './types';
import { childPath, removedKeyMessage } from './validationMessages';

/**
 * `JSON.parse` keeps a `__proto__` key as an ordinary own property, but any code that copies the
 * object by assignment (zod's object parsing among them) turns it into the copy's prototype.
 * The pipeline therefore removes such keys before anything else reads the body, and says so in
 * `meta.warnings`. Both walks are iterative: bodies may be nested thousands of levels deep.
 */
const UNSAFE_KEY = '__proto__';

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
	return typeof value === 'object' && value !== null;
}

function hasUnsafeKey(root: unknown): boolean {
	const stack: unknown[] = [root];
	while (stack.length > 0) {
		const value = stack.pop();
		if (!isContainer(value)) continue;
		if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, UNSAFE_KEY))
			return true;
		for (const child of Object.values(value)) if (isContainer(child)) stack.push(child);
	}
	return false;
}

/** A copy without `__proto__` keys; the input is left as it was. */
function cloneWithoutUnsafeKeys(root: Container, warnings: NormalizationWarning[]): Container {
	const copyOf = (value: Container): Container => (Array.isArray(value) ? [] : {});
	const rootCopy = copyOf(root);
	const stack: Array<{ source: Container; target: Container; path: string }> = [
		{ source: root, target: rootCopy, path: '' },
	];
	while (stack.length > 0) {
		const { source, target, path } = stack.pop() as {
			source: Container;
			target: Container;
			path: string;
		};
		for (const [key, child] of Object.entries(source)) {
			const keyPath = childPath(path, key);
			if (key === UNSAFE_KEY && !Array.isArray(source)) {
				warnings.push({ path: keyPath, value: null, message: removedKeyMessage(UNSAFE_KEY) });
				continue;
			}
			let copy: unknown = child;
			if (isContainer(child)) {
				copy = copyOf(child);
				stack.push({ source: child, target: copy as Container, path: keyPath });
			}
			Object.defineProperty(target, key, {
				value: copy,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
	return rootCopy;
}

/** The body, or (only when it holds a `__proto__` key somewhere) a copy without those keys. */
export function withoutUnsafeKeys<T extends Container>(
	body: T,
): { body: T; warnings: NormalizationWarning[] } {
	const warnings: NormalizationWarning[] = [];
	if (!hasUnsafeKey(body)) return { body, warnings };
	return { body: cloneWithoutUnsafeKeys(body, warnings) as T, warnings };
}
