/** Streams n8n's log files to the terminal. */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Prints what n8n writes to its log file from `offset` on, until the returned function is called.
 * With a `prefix`, whole lines only, each with the prefix in front (several logs interleaved).
 */
export function followLog(file: string, offset: number, prefix?: string): () => void {
	let position = offset;
	let partial = '';
	const buffer = Buffer.alloc(64 * 1024);
	const write = (chunk: Buffer): void => {
		if (prefix === undefined) {
			process.stdout.write(chunk);
			return;
		}
		const lines = (partial + chunk.toString('utf8')).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
	};
	const pump = (): void => {
		if (!existsSync(file)) return;
		if (statSync(file).size < position) position = 0;
		const fd = openSync(file, 'r');
		try {
			for (;;) {
				const read = readSync(fd, buffer, 0, buffer.length, position);
				if (read === 0) break;
				position += read;
				write(buffer.subarray(0, read));
			}
		} finally {
			closeSync(fd);
		}
	};
	pump();
	const timer = setInterval(pump, 250);
	return () => {
		clearInterval(timer);
		pump();
	};
}
